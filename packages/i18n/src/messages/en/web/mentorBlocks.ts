export const mentorBlocks = {
  title: "Blocked people",
  heading: "Blocked people",
  intro:
    "People you blocked cannot book you. They are not told: they see your slots as unavailable.",
  empty: "You have not blocked anyone.",
  blockedOn: "Blocked on {date}",
  unblock: "Unblock",
  unblocked: "Unblocked: they can book you again.",
};
