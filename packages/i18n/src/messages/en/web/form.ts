export const form = {
  required: "This field is required.",
  invalidEmail: "Enter a valid email address, like name@example.com.",
  passwordTooShort: "Use at least 8 characters.",
  passwordTooLong: "Use at most 128 characters.",
  nameTooLong: "Use at most 100 characters.",
  errorSummary: "Please fix the problems below.",
  submitting: "Please wait…",
};
