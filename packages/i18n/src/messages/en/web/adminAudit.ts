export const adminAudit = {
  title: "Audit log",
  nav: "Audit log",
  heading: "Audit log",
  action: "Action",
  target: "Target id",
  none: "No admin action matches.",
  when: "When",
  who: "Who",
  from: "From",
};
