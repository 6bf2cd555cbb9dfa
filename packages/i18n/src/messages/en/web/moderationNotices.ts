export const moderationNotices = {
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
