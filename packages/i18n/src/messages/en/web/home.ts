export const home = {
  title: "Home",
  heading: "Learn faster with a mentor",
  intro:
    "Find a mentor or coach, book a paid session in a minute, and meet over video. Mentors get paid out, every payment gets an invoice.",
  getStarted: "Create your account",
  signIn: "I already have an account",
  goToAccount: "Go to my account",
  welcomeBack: "Welcome back, {name}.",
  findMentor: "Find a mentor",
  accountDeleted: "Your account was deleted. We sent a last e-mail to confirm it.",
};
