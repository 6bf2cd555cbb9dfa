export const common = {
  appName: "Mentora",
  tagline: "Paid mentoring and coaching, booked in a minute.",
};
