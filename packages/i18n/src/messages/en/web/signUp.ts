export const signUp = {
  title: "Sign up",
  heading: "Create your account",
  intro: "It is free. You will confirm your email address in the next step.",
  name: "Full name",
  email: "Email address",
  password: "Password",
  passwordHint: "At least 8 characters.",
  submit: "Create my account",
  haveAccount: "Already have an account?",
  signInLink: "Sign in",
};
