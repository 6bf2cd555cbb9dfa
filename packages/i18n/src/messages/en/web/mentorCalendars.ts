export const mentorCalendars = {
  title: "Calendars",
  nav: "Calendars",
  heading: "Google Calendar",
  intro:
    "Connect your Google Calendar: the times you are busy there are not offered to mentees, and every confirmed session is added to the calendar you choose, with its video link.",
  notConfigured: "Google Calendar is not available on this Mentora server.",
  connect: "Connect Google Calendar",
  connected: "Connected.",
  broken:
    "Google no longer accepts Mentora's access to your calendar ({reason}). Connect it again, or disconnect it.",
  reconnect: "Connect again",
  connectFailed: "Google Calendar was not connected. You can try again.",
  lastFetched: "Busy times last read from Google: {date}.",
  neverFetched: "Busy times have not been read from Google yet.",
  unavailable: "Google did not answer: your calendar list cannot be shown right now.",
  busyLegend: "Calendars whose busy times block your availability",
  targetLabel: "Calendar that receives your sessions",
  noTarget: "Do not add sessions to a calendar",
  primary: "{name} (primary)",
  readOnly: "{name} (read-only)",
  save: "Save calendars",
  saved: "Saved: busy times are read again from Google.",
  disconnect: "Disconnect Google Calendar",
  disconnected: "Google Calendar is disconnected: Mentora no longer holds access to it.",
  feedHint:
    "To see your sessions in any calendar app, use the subscription address on your account page.",
  feedLink: "Calendar subscription",
};
