-- Decision 058: an approved mentor whose availability summary was never computed has a
-- directory_slot_refresh row stamped at the epoch ("pending"), written by the database however
-- the profile row was written (the app, the demo seed, an import, a fixture). A search fills the
-- pending summaries through the refreshedAt index instead of an anti-join over every approved
-- mentor; the sweep takes them first (oldest stamp).
CREATE FUNCTION "directory_slot_refresh_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "directory_slot_refresh" ("mentorId", "refreshedAt")
  VALUES (NEW."userId", TIMESTAMP '1970-01-01 00:00:00')
  ON CONFLICT ("mentorId") DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "mentor_profile_approved_insert"
  AFTER INSERT ON "mentor_profile"
  FOR EACH ROW WHEN (NEW."status" = 'APPROVED')
  EXECUTE FUNCTION "directory_slot_refresh_pending"();

CREATE TRIGGER "mentor_profile_approved_update"
  AFTER UPDATE OF "status" ON "mentor_profile"
  FOR EACH ROW WHEN (NEW."status" = 'APPROVED' AND OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "directory_slot_refresh_pending"();

-- Approved mentors without a summary today.
INSERT INTO "directory_slot_refresh" ("mentorId", "refreshedAt")
SELECT mp."userId", TIMESTAMP '1970-01-01 00:00:00' FROM "mentor_profile" mp
WHERE mp."status" = 'APPROVED'
ON CONFLICT ("mentorId") DO NOTHING;
