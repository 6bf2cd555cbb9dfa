export const checkEmail = {
  title: "Check your email",
  heading: "Check your email",
  body: "We have sent a confirmation link to {email}. Open it to activate your account, then sign in. If this address already has an account, simply sign in.",
  devHint: "Running locally? Emails are not really sent: they land in the dev outbox.",
  devOutboxLink: "Open the dev outbox",
  signInLink: "Go to sign in",
};
