export const roles = {
  MENTEE: "Mentee",
  MENTOR: "Mentor",
  ADMIN: "Admin",
};
