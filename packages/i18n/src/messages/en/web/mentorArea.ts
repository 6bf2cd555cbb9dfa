export const mentorArea = {
  title: "Mentor area",
  nav: "Mentor area",
  dashboard: "Dashboard",
  calendar: "Calendar",
  offerings: "Offerings",
  availability: "Availability",
  invitations: "Invitations",
  revenue: "Revenue",
  profile: "Profile",
  publicPage: "My public page",
  apply: "Become a mentor",
  blocked: "Blocked people",
};
