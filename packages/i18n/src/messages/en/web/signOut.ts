export const signOut = {
  title: "Sign out",
  heading: "Sign out",
  confirm: "Do you want to sign out of {appName} on this device?",
  submit: "Sign out",
};
