export const matches = {
  title: "Mentors for you",
  heading: "Mentors for you",
  intro:
    "Tell us what you are looking for: we rank the mentors by what they do, the languages they speak, their prices and when they are free, and e-mail you the best three. Mentors do not see your request.",
  legend: "Describe what you need",
  need: "What are you looking for?",
  needHint:
    "For example: “a code review of my TypeScript project, in French, on a Tuesday evening”.",
  languages: "Languages you speak",
  budget: "Highest price per session",
  currency: "Currency",
  from: "Free from",
  to: "Free until",
  submit: "Find mentors",
  ask: "Describe what you need",
  askAgain: "Ask again",
  results: "Your matches",
  yourRequest: "You asked:",
  none: "No mentor matches yet. Try again with fewer constraints.",
  nextSlots: "Next free: {slots}",
  noSlots: "No free time in your window",
  invalid:
    "Describe what you need in a few words (the end of the time window must follow its start).",
  directoryBox: "Not sure whom to pick? Describe what you need and we suggest mentors.",
  signUpHint:
    "Optional: describe what you need, and we will suggest mentors once you have confirmed your address.",
};
