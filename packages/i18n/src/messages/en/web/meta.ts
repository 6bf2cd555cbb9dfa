export const meta = {
  title: "{page} · {appName}",
  description: "Paid mentoring and coaching sessions, booked in a minute.",
};
