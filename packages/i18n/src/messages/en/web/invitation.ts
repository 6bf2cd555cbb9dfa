export const invitation = {
  title: "Invitation",
  eyebrow: "You are invited",
  heading: "{name} invites you to “{title}”",
  expires: "This invitation is valid until {date}.",
  personal: "It is personal: only the invited email address can use it.",
  privatePrice: "Private price",
  mentorPage: "See {name}’s profile",
  pickTime: "Pick a time",
};
