export const confirm = {
  heading: "Confirm your booking",
  session: "Session",
  mentor: "Mentor",
  when: "When",
  price: "Price",
  seats: "Places",
  note: "Note for the mentor (optional)",
  noteHint: "What would you like to work on? The mentor sees this before the session.",
  skills: "Topics (optional)",
  paidNotice:
    "This is a paid session: confirming holds your place for a few minutes while you pay, from your wallet balance first, then by card. The booking page tells you how long the place is held.",
  submitFree: "Confirm booking",
  submitPaid: "Hold this time",
  change: "Choose another time",
  pickAnother: "Pick another time",
  noLongerAvailable: "This time is no longer available.",
};
