export const booking = {
  confirmedNotice: "Your booking is confirmed. We have sent you an email with the details.",
  heldNotice: "This time is held for you until {time}, awaiting payment.",
  awaitingMenteePayment: "The mentee has not paid yet: the place stays held until the time shown.",
  duration: "Duration",
  format: "Format",
  cancelledBy: "Cancelled by",
  by: {
    MENTEE: "the mentee",
    MENTOR: "the mentor",
    ADMIN: "an administrator",
    SYSTEM: "Mentora (hold expired)",
  },
  note: "Note",
  topic: "Topic",
  topics: "Topics",
  addToCalendar: "Add to my calendar (.ics)",
};
