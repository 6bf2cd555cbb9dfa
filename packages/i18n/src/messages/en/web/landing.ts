/** The home page's own texts (issue #18); the shared `home` namespace keeps the short ones. */
export const landing = {
  searchLabel: "What do you want to learn?",
  searchPlaceholder: "TypeScript, negotiation, product management…",
  search: "Search",
  featuredHeading: "Mentors with free time this week",
  featuredIntro: "Well rated, and free to meet soon.",
  seeAll: "See all mentors",
  skillsHeading: "Browse by skill",
  skillMentors: "{name} ({count})",
  howHeading: "How it works",
  forMentees: "For mentees",
  forMentors: "For mentors",
  menteeSteps: {
    find: "Find a mentor by skill, language, price and the times that suit you.",
    book: "Pick a time in your own time zone and pay securely: wallet first, then card.",
    meet: "Meet over video, then rate the session and keep your invoice.",
  },
  mentorSteps: {
    profile: "Describe what you do, set your sessions, prices and weekly hours.",
    sessions: "Mentees book the times you offer; reminders and video rooms are automatic.",
    paid: "Your earnings become available after each session, paid out to your account.",
  },
  becomeMentor: "Become a mentor",
  trustHeading: "Why people trust Mentora",
  trust: {
    reviewsTitle: "Honest reviews",
    reviews: "Only people who attended a session can rate it, so ratings reflect real sessions.",
    paymentsTitle: "Secure payments",
    payments:
      "Payments go through established providers; a cancelled session is refunded in full within the policy.",
    invoicesTitle: "An invoice for every payment",
    invoices: "Every payment gets a legal PDF invoice, ready for your accounts.",
  },
  ctaHeading: "Ready when you are",
  ctaText: "Create your free account and book your first session in a minute.",
};
