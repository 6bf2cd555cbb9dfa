export const forgotPassword = {
  title: "Forgot your password",
  heading: "Forgot your password?",
  intro:
    "Enter the email address of your account: we will send it a link to choose a new password.",
  email: "Email address",
  submit: "Send the link",
  sentHeading: "Check your email",
  sent: "If an account uses {email}, we have sent it a link to choose a new password. The link works once, for one hour.",
  signInLink: "Back to sign in",
};
