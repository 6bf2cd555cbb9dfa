export const adminVideo = {
  title: "Video usage",
  nav: "Video",
  heading: "Video usage",
  intro:
    "Twilio bills rooms per participant-minute: each connection counts, rounded up to the minute, as its status callbacks reported it.",
  perMonth: "Per month (UTC)",
  perSession: "Per session, newest first",
  none: "No call recorded yet.",
  month: "Month",
  minutes: "Participant-minutes",
  sessions: "Sessions",
  session: "Session",
  mentor: "Mentor",
  starts: "Starts",
  room: "Room",
  attendance: "Attendance",
  verdict: {
    ATTENDED: "Attended",
    MENTOR_NO_SHOW: "Mentor absent (refunded)",
    MENTEE_NO_SHOW: "Participant absent",
    NO_ATTENDANCE: "Nobody joined",
  },
};
