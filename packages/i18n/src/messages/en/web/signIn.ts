export const signIn = {
  title: "Sign in",
  heading: "Sign in to {appName}",
  email: "Email address",
  password: "Password",
  submit: "Sign in",
  verified: "Email verified, you can sign in.",
  redirectNotice: "Please sign in to continue.",
  noAccount: "New to {appName}?",
  signUpLink: "Create an account",
  or: "or",
  google: "Continue with Google",
  forgotPasswordLink: "Forgot your password?",
};
