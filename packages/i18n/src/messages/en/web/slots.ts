export const slots = {
  heading: "Free times for {label}",
  previousWeek: "Previous week",
  nextWeek: "Next week",
  none: "No free time",
  emptyWeek: "No free time this week. Try the next week.",
  paused: "This mentor is not taking bookings at the moment.",
  seatsLeft: "Seats left: {seats}",
  timezone: "Times are shown in your timezone ({timezone}).",
};
