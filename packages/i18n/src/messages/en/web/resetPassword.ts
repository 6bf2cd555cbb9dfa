export const resetPassword = {
  title: "Set your password",
  heading: "Set your password",
  password: "New password",
  submit: "Save the password",
  invalidLink:
    "This link has expired or was already used. Ask for a new one (admins: pnpm mentora admin:create).",
  done: "Your password is saved. You can sign in now.",
  signInLink: "Go to sign in",
  newLinkLink: "Ask for a new link",
};
