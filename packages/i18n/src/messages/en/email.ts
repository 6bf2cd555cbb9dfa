/** Transactional emails. `{appName}` and `{name}` are filled in by core's email templates. */
export const email = {
  layout: {
    footer: "This is an automated message from {appName}. Replies are not read.",
  },
  greeting: "Hi {name},",
  greetingNoName: "Hi,",
  linkHint: "If the button does not work, copy and paste this link into your browser:",
  verifyEmail: {
    subject: "Confirm your email address for {appName}",
    intro:
      "Welcome to {appName}! Please confirm your email address to finish creating your account.",
    action: "Confirm my email address",
    ignore: "If you did not sign up for {appName}, you can ignore this email.",
  },
  resetPassword: {
    subject: "Reset your {appName} password",
    intro: "We received a request to reset the password of your {appName} account.",
    action: "Choose a new password",
    ignore:
      "If you did not ask to reset your password, you can ignore this email: your password will not change.",
  },
};
