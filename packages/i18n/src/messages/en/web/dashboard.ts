export const dashboard = {
  heading: "Hello, {name}",
  welcome:
    "Welcome aboard: you are now a mentor. Create an offering and set your weekly hours to start taking bookings.",
  setup: "Getting ready",
  stepProfile: "Complete your profile",
  stepOffering: "Create an offering",
  stepHours: "Set your weekly hours",
  done: "done",
  todo: "to do",
  accepting: "Taking bookings",
  changeSettings: "Booking settings",
  nextSevenDays: "Next 7 days",
  noSessions: "No session in the next 7 days.",
  openCalendar: "Open the calendar",
};
