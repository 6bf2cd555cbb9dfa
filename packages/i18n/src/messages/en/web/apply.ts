export const apply = {
  title: "Become a mentor",
  heading: "Become a mentor",
  intro:
    "Mentors have a public page, publish offerings and open their calendar. Your profile is what mentees see first.",
  statusHeading: "Your application",
  pending: "Your application was sent on {date}. An administrator will review it soon.",
  rejected:
    "Your previous application was not accepted. You can update your profile and apply again.",
  note: "Note from the team:",
  submitted: "Application sent. An administrator will review it soon.",
  missingIntro: "Before you apply, your profile needs:",
  missing: {
    headline: "a headline",
    bio: "a bio",
    skills: "at least one skill",
    languages: "the languages you speak",
    timezone: "your timezone",
  },
  ready: "Your profile is complete: you can apply.",
  submit: "Apply to mentor",
  seeMentors: "See how other mentors present themselves",
};
