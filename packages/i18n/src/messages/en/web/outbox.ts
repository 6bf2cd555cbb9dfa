export const outbox = {
  title: "Dev outbox",
  heading: "Dev outbox",
  intro:
    "No SMTP server is configured, so emails are stored here instead of being sent. Newest first.",
  empty: "No email yet.",
  to: "To",
  subject: "Subject",
  sentAt: "Sent",
  back: "Back to the outbox",
  message: "Message",
};
