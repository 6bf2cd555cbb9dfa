export const authErrors = {
  USER_ALREADY_EXISTS: "An account with this email already exists. Try signing in instead.",
  INVALID_EMAIL_OR_PASSWORD: "The email or password is incorrect.",
  EMAIL_NOT_VERIFIED:
    "Your email address is not confirmed yet. Open the link in the email we sent you when you signed up, then sign in again.",
  PASSWORD_TOO_SHORT: "The password is too short: use at least 8 characters.",
  PASSWORD_TOO_LONG: "The password is too long: use at most 128 characters.",
  INVALID_EMAIL: "Enter a valid email address, like name@example.com.",
  TOO_MANY_REQUESTS: "Too many attempts. Please wait a moment and try again.",
  TOO_MANY_REQUESTS_MINUTES: "Too many attempts. Try again in {minutes} minutes.",
  TOO_MANY_REQUESTS_ONE_MINUTE: "Too many attempts. Try again in 1 minute.",
  FORBIDDEN: "This request was refused. Reload the page and try again.",
  generic: "We could not complete this request. Please try again.",
  OAUTH_ACCOUNT_NOT_LINKED:
    "An account with this email already exists. Sign in with your password, then link Google from your account page.",
  OAUTH_EMAIL_NOT_VERIFIED:
    "Google has not confirmed this email address, so we cannot create an account with it. Confirm it with Google, or sign up with email and password.",
  OAUTH_CANCELLED: "Google sign-in was cancelled.",
  OAUTH_EXPIRED: "Your Google sign-in took too long or was started elsewhere. Please try again.",
  OAUTH_GENERIC: "We could not sign you in with Google. Please try again.",
};
