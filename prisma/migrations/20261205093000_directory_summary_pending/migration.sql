-- AlterTable
ALTER TABLE "directory_slot_refresh" ADD COLUMN     "leadStarts" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[],
ADD COLUMN     "utcHours" INTEGER NOT NULL DEFAULT 0;

-- The UTC hours and first starts of the summaries already computed.
UPDATE "directory_slot_refresh" r SET "utcHours" = COALESCE((
  SELECT bit_or(1 << EXTRACT(HOUR FROM ds."startsAt")::int) FROM "directory_slot" ds
  WHERE ds."mentorId" = r."mentorId"), 0),
  "leadStarts" = ARRAY(SELECT ds."startsAt" FROM "directory_slot" ds
    WHERE ds."mentorId" = r."mentorId" ORDER BY ds."startsAt" LIMIT 3);

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
