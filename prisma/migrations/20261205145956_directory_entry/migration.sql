-- CreateTable
CREATE TABLE "directory_entry" (
    "mentorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "headline" TEXT,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "skillIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "prices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ratingCount" INTEGER NOT NULL DEFAULT 0,
    "ratingSum" INTEGER NOT NULL DEFAULT 0,
    "ratingKey" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "acceptingBookings" BOOLEAN NOT NULL DEFAULT true,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 240,
    "firstStartsAt" TIMESTAMP(3),
    "lastStartsAt" TIMESTAMP(3),
    "utcHours" INTEGER NOT NULL DEFAULT 0,
    "leadStarts" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[],

    CONSTRAINT "directory_entry_pkey" PRIMARY KEY ("mentorId")
);

-- CreateIndex
CREATE INDEX "directory_entry_ratingKey_name_mentorId_idx" ON "directory_entry"("ratingKey", "name", "mentorId");

-- CreateIndex
CREATE INDEX "directory_entry_firstStartsAt_idx" ON "directory_entry"("firstStartsAt");

-- Decision 071: directory_entry is written by the database, in the transaction that changes one
-- of its sources, whichever way the source is written (the app, the demo seed, an import, a
-- fixture). directory_entry_sync (below) recomputes one mentor's row from every source: deleted
-- when the mentor is not listed (the rule of publicMentorWhere). It takes the per-mentor lock of the slot
-- summary (refreshMentorSlotsIn) first, so two transactions changing the same mentor write one
-- after the other and the second reads the first's committed changes (each statement of a
-- volatile function reads a fresh snapshot); one lock for both avoids a lock-order deadlock
-- between an offering change that refreshes the summary and a summary refresh.
-- directory_entry_write: the rows of these mentors from their sources, set-based (the backfill
-- below writes every approved mentor in one statement, without a lock each).
CREATE FUNCTION "directory_entry_write"(mentors TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "directory_entry" d WHERE d."mentorId" = ANY(mentors) AND NOT EXISTS (
    SELECT 1 FROM "user" u JOIN "mentor_profile" mp ON mp."userId" = u.id
    WHERE u.id = d."mentorId" AND mp."status" = 'APPROVED' AND u."role" <> 'MENTEE'
      AND NOT EXISTS (SELECT 1 FROM "moderation_case" mc WHERE mc."authorId" = u.id
        AND mc."subject" = 'PROFILE_TEXT' AND mc."withheld"));
  INSERT INTO "directory_entry" AS e ("mentorId", "name", "headline", "languages", "skillIds",
    "prices", "ratingCount", "ratingSum", "ratingKey", "acceptingBookings", "minNoticeMinutes",
    "firstStartsAt", "lastStartsAt", "utcHours", "leadStarts")
  -- The name is cut to 200 characters for the (ratingKey, name) index, whose entries must stay
  -- under 2.7 kB: a name written around the app's 100-character limit must not fail the write.
  SELECT u.id, left(u."name", 200), u."headline", u."languages",
    ARRAY(SELECT us."skillId" FROM "user_skill" us WHERE us."userId" = u.id ORDER BY 1),
    ARRAY(SELECT DISTINCT oo."currency" || ':' || lpad(oo."priceMinor"::text, 10, '0')
      FROM "offering_option" oo JOIN "offering" o ON o.id = oo."offeringId"
      WHERE o."mentorId" = u.id AND o."status" = 'ACTIVE' AND oo."archivedAt" IS NULL
      ORDER BY 1),
    mp."ratingCount", mp."ratingSum",
    -COALESCE(mp."ratingSum"::numeric / NULLIF(mp."ratingCount", 0), 0),
    mp."acceptingBookings", mp."minNoticeMinutes",
    r."firstStartsAt", r."lastStartsAt", COALESCE(r."utcHours", 0),
    COALESCE(r."leadStarts", ARRAY[]::TIMESTAMP(3)[])
  FROM "user" u
  JOIN "mentor_profile" mp ON mp."userId" = u.id
  LEFT JOIN "directory_slot_refresh" r ON r."mentorId" = u.id
  WHERE u.id = ANY(mentors) AND mp."status" = 'APPROVED' AND u."role" <> 'MENTEE'
    AND NOT EXISTS (SELECT 1 FROM "moderation_case" mc WHERE mc."authorId" = u.id
      AND mc."subject" = 'PROFILE_TEXT' AND mc."withheld")
  ON CONFLICT ("mentorId") DO UPDATE SET
    "name" = EXCLUDED."name", "headline" = EXCLUDED."headline",
    "languages" = EXCLUDED."languages", "skillIds" = EXCLUDED."skillIds",
    "prices" = EXCLUDED."prices", "ratingCount" = EXCLUDED."ratingCount",
    "ratingSum" = EXCLUDED."ratingSum", "ratingKey" = EXCLUDED."ratingKey",
    "acceptingBookings" = EXCLUDED."acceptingBookings",
    "minNoticeMinutes" = EXCLUDED."minNoticeMinutes",
    "firstStartsAt" = EXCLUDED."firstStartsAt", "lastStartsAt" = EXCLUDED."lastStartsAt",
    "utcHours" = EXCLUDED."utcHours", "leadStarts" = EXCLUDED."leadStarts";
END $$;

-- One mentor, from a trigger: under the per-mentor lock (see above). A transaction holds one
-- advisory lock per mentor it changes: a single statement changing several thousand mentors
-- would need max_locks_per_transaction raised (no code path does; the backfill does not lock).
CREATE FUNCTION "directory_entry_sync"(mentor TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF mentor IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('directory_slot'), hashtext(mentor));
  PERFORM "directory_entry_write"(ARRAY[mentor]);
END $$;

-- One trigger function per source: which mentor the changed row belongs to.
CREATE FUNCTION "directory_entry_of_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "directory_entry_sync"(NEW.id);
  RETURN NULL;
END $$;

CREATE FUNCTION "directory_entry_of_mentor_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- mentor_profile ("userId"), user_skill ("userId"), offering ("mentorId"),
  -- moderation_case ("authorId"), directory_slot_refresh ("mentorId"): TG_ARGV[0] names it.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "directory_entry_sync"(to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE')
    AND (TG_OP = 'INSERT' OR (to_jsonb(OLD) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(NEW) ->> TG_ARGV[0])) THEN
    PERFORM "directory_entry_sync"(to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "directory_entry_of_option"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An option deleted with its offering finds no offering: the offering's own trigger syncs.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "directory_entry_sync"(
      (SELECT o."mentorId" FROM "offering" o WHERE o.id = OLD."offeringId"));
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD."offeringId" IS DISTINCT FROM NEW."offeringId") THEN
    PERFORM "directory_entry_sync"(
      (SELECT o."mentorId" FROM "offering" o WHERE o.id = NEW."offeringId"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "directory_entry_user" AFTER UPDATE ON "user" FOR EACH ROW
  WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."headline" IS DISTINCT FROM NEW."headline"
    OR OLD."languages" IS DISTINCT FROM NEW."languages" OR OLD."role" IS DISTINCT FROM NEW."role")
  EXECUTE FUNCTION "directory_entry_of_user"();

CREATE TRIGGER "directory_entry_mentor_profile" AFTER INSERT OR DELETE ON "mentor_profile"
  FOR EACH ROW EXECUTE FUNCTION "directory_entry_of_mentor_row"('userId');
CREATE TRIGGER "directory_entry_mentor_profile_update" AFTER UPDATE ON "mentor_profile" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."acceptingBookings" IS DISTINCT FROM NEW."acceptingBookings"
    OR OLD."minNoticeMinutes" IS DISTINCT FROM NEW."minNoticeMinutes"
    OR OLD."ratingCount" IS DISTINCT FROM NEW."ratingCount"
    OR OLD."ratingSum" IS DISTINCT FROM NEW."ratingSum")
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('userId');

CREATE TRIGGER "directory_entry_user_skill" AFTER INSERT OR UPDATE OR DELETE ON "user_skill"
  FOR EACH ROW EXECUTE FUNCTION "directory_entry_of_mentor_row"('userId');

CREATE TRIGGER "directory_entry_offering" AFTER INSERT OR DELETE ON "offering"
  FOR EACH ROW EXECUTE FUNCTION "directory_entry_of_mentor_row"('mentorId');
CREATE TRIGGER "directory_entry_offering_update" AFTER UPDATE ON "offering" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."mentorId" IS DISTINCT FROM NEW."mentorId")
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('mentorId');

CREATE TRIGGER "directory_entry_offering_option" AFTER INSERT OR DELETE ON "offering_option"
  FOR EACH ROW EXECUTE FUNCTION "directory_entry_of_option"();
CREATE TRIGGER "directory_entry_offering_option_update" AFTER UPDATE ON "offering_option"
  FOR EACH ROW
  WHEN (OLD."priceMinor" IS DISTINCT FROM NEW."priceMinor"
    OR OLD."currency" IS DISTINCT FROM NEW."currency"
    OR OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt"
    OR OLD."offeringId" IS DISTINCT FROM NEW."offeringId")
  EXECUTE FUNCTION "directory_entry_of_option"();

-- Only withheld profile text unlists: cases of other subjects (messages) never sync.
CREATE TRIGGER "directory_entry_moderation_case_insert" AFTER INSERT ON "moderation_case"
  FOR EACH ROW WHEN (NEW."subject" = 'PROFILE_TEXT' AND NEW."withheld")
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('authorId');
CREATE TRIGGER "directory_entry_moderation_case_delete" AFTER DELETE ON "moderation_case"
  FOR EACH ROW WHEN (OLD."subject" = 'PROFILE_TEXT' AND OLD."withheld")
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('authorId');
CREATE TRIGGER "directory_entry_moderation_case_update" AFTER UPDATE ON "moderation_case"
  FOR EACH ROW
  WHEN ((OLD."subject" = 'PROFILE_TEXT' OR NEW."subject" = 'PROFILE_TEXT')
    AND (OLD."withheld" IS DISTINCT FROM NEW."withheld" OR OLD."subject" IS DISTINCT FROM NEW."subject"
      OR OLD."authorId" IS DISTINCT FROM NEW."authorId"))
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('authorId');

CREATE TRIGGER "directory_entry_slot_refresh" AFTER INSERT OR DELETE ON "directory_slot_refresh"
  FOR EACH ROW EXECUTE FUNCTION "directory_entry_of_mentor_row"('mentorId');
CREATE TRIGGER "directory_entry_slot_refresh_update" AFTER UPDATE ON "directory_slot_refresh"
  FOR EACH ROW
  WHEN (OLD."firstStartsAt" IS DISTINCT FROM NEW."firstStartsAt"
    OR OLD."lastStartsAt" IS DISTINCT FROM NEW."lastStartsAt"
    OR OLD."utcHours" IS DISTINCT FROM NEW."utcHours"
    OR OLD."leadStarts" IS DISTINCT FROM NEW."leadStarts")
  EXECUTE FUNCTION "directory_entry_of_mentor_row"('mentorId');

-- The mentors listed today.
SELECT "directory_entry_write"(ARRAY(
  SELECT mp."userId" FROM "mentor_profile" mp WHERE mp."status" = 'APPROVED'));
