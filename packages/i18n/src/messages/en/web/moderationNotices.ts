export const moderationNotices = {
  category: {
    sexual: "sexual content",
    hate: "hateful content",
    harassment: "harassment",
    violence: "violence",
    "self-harm": "self-harm",
    profanity: "offensive language",
    solicitation: "solicitation (adult platforms, private content for pay)",
    "contact-details":
      "contact details (phone numbers, e-mail addresses, messaging handles) in a public text",
    spam: "spam",
  },
  heading: "Not published",
  intro: "Moderation withholds some of your content. Change it and save: it is checked again.",
  pending: "Waiting for a moderator.",
  note: "The moderator's note: {note}",
  subject: {
    PROFILE_TEXT: "Your profile text (headline, bio, skills or offerings)",
    AVATAR: "Your profile picture",
    MENTOR_APPLICATION: "Your mentor application",
    MESSAGE: "A message",
  },
};
