export const account = {
  title: "Account",
  heading: "Your account",
  profile: "Profile",
  name: "Name",
  email: "Email",
  role: "Role",
  preferences: {
    heading: "Preferences",
    intro: "Choose the language and timezone Mentora uses for you.",
    language: "Language",
    timezone: "Timezone",
    followBrowser: "Same as my browser",
    save: "Save preferences",
    saving: "Saving…",
    saved: "Preferences saved.",
  },
  sessions: {
    heading: "Signed-in devices",
    intro: "These devices are signed in to your account. Sign out any you do not recognise.",
    current: "This device",
    unknownDevice: "Unknown device",
    signedInAt: "Signed in {date}",
    fromIp: "from {ip}",
    revoke: "Sign out this device",
    revoking: "Signing out…",
    revoked: "The device was signed out.",
    empty: "No other device is signed in.",
    refresh: "Refresh list",
  },
  data: {
    heading: "Your data",
    intro:
      "Download a copy of everything Mentora keeps about you: profile, bookings, payments and your invoices as PDF files, in one ZIP. We e-mail you when it is ready.",
    request: "Ask for a copy of my data",
    requesting: "Asking…",
    requested: "We are preparing your copy. We will e-mail you when it is ready.",
    askedAt: "Asked {date}",
    download: "Download (until {date})",
    status: {
      PENDING: "Being prepared…",
      READY: "Ready",
      FAILED: "Could not be prepared: ask again",
      EXPIRED: "Expired",
    },
  },
  delete: {
    heading: "Delete my account",
    intro:
      "Deleting your account erases your profile and personal data and cancels your upcoming sessions with a refund. Invoices and payment records are kept for 10 years, as the law requires, under an anonymous identifier. This cannot be undone.",
    blocked: "Before you can delete your account:",
    wallet:
      "Your wallet holds {amount}: spend it on a session, or ask the Mentora team to pay it back.",
    earnings:
      "You have {amount} of earnings not paid out yet: request a payout once they are available.",
    bookingTooSoon:
      "Your session on {date} is too close to be cancelled: delete your account after it, or ask your mentor to cancel it.",
    confirmEmail: "Type your e-mail address ({email}) to confirm",
    password: "Your password",
    recentSignIn:
      "You signed in with Google: if you signed in more than 15 minutes ago, sign in again first.",
    submit: "Delete my account for good",
    deleting: "Deleting…",
  },
  becomeMentor: {
    heading: "Become a mentor",
    body: "Share what you know: complete your profile and apply. Once approved, you publish offerings and open your calendar.",
    cta: "Apply to mentor",
  },
};
