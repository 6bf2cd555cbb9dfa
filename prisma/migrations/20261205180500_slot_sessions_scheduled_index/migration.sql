-- Decision 077: the slot read and the hold's overlap probe read a mentor's SCHEDULED sessions
-- by (mentorId, startsAt). Partial: completed and cancelled sessions (the history, which only
-- grows) stay out of this tree, so its size follows the live calendar. Covering: the columns
-- those reads return or filter on are in the index, so a visible page is never fetched.
CREATE INDEX "mentoring_session_scheduled_mentorId_startsAt_idx"
  ON "mentoring_session" ("mentorId", "startsAt")
  INCLUDE ("blockedUntil", "endsAt", "optionId", "capacity", "id")
  WHERE "status" = 'SCHEDULED';
