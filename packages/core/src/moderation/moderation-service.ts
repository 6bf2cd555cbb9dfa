import type { ModerationResult } from "@mentora/ai";
import type { Prisma } from "@mentora/db";
import { renderModerationNotice } from "@mentora/email";
import { isLocale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { avatarKey } from "../avatars/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { enqueue } from "../jobs/define.ts";
import { publishRealtime } from "../realtime/index.ts";
import { moderationCaseDecided, moderationCaseOpened } from "./events.ts";

type Tx = Prisma.TransactionClient;
/** Whole services: cases record domain events (their subscribers get the services). */
type Services = AppServices;

export type ModerationSubject = "PROFILE_TEXT" | "AVATAR" | "MENTOR_APPLICATION" | "MESSAGE";

/** Cases that still stand: a newer check of the same content supersedes them. */
const openStatuses = ["PENDING", "BLOCKED", "REJECTED"] as const;

export type ModerationOutcome = {
  verdict: ModerationResult["verdict"];
  /** The content must not be published (a block, or a review under the `hold` policy). */
  withheld: boolean;
  /** The case queued for admins, or null when the verdict was `allow`. */
  caseId: string | null;
};

export type ModerateInput = {
  subject: ModerationSubject;
  /** What the content is: the author's id for profile text, avatar, application; a message's id. */
  contentRef: string;
  authorId: string;
  /** What an admin sees, as it was when checked. */
  snapshot: Record<string, unknown>;
} & (
  | { text: string; context: "profile" | "message" | "application" | "review"; image?: never }
  | {
      image: { bytes: Uint8Array; contentType: string };
      context: "avatar" | "message";
      text?: never;
    }
);

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/**
 * The moderation hook other domains call (messages will): checks the content with the configured
 * provider and records the outcome. Open cases about the same content are superseded (it
 * changed); a `review` or `block` verdict opens a case for the admins' queue. The caller decides
 * what "not published" means for its content (`withheld`). Pass `tx` to record in the caller's
 * transaction; the provider is called before, outside any transaction.
 */
export async function moderateContent(
  services: Services,
  input: ModerateInput,
  tx?: Tx,
): Promise<ModerationOutcome> {
  const result =
    input.text !== undefined
      ? await services.ai.moderation.moderateText({ text: input.text, context: input.context })
      : await services.ai.moderation.moderateImage({
          bytes: input.image.bytes,
          contentType: input.image.contentType,
          context: input.context,
        });
  const record = (db: Tx) => recordOutcome(services, db, input, result);
  return tx ? record(tx) : services.prisma.$transaction(record);
}

async function recordOutcome(
  services: Services,
  tx: Tx,
  input: ModerateInput,
  result: ModerationResult,
): Promise<ModerationOutcome> {
  const superseded = await tx.moderationCase.updateMany({
    where: {
      subject: input.subject,
      contentRef: input.contentRef,
      status: { in: [...openStatuses] },
    },
    data: { status: "SUPERSEDED", withheld: false },
  });
  if (result.verdict === "allow") {
    // A clean edit lifts what was withheld: the author's notices change.
    if (superseded.count > 0) {
      await publishRealtime(tx, {
        userIds: [input.authorId],
        topic: "moderation",
        ref: input.contentRef,
      });
    }
    return { verdict: "allow", withheld: false, caseId: null };
  }
  const withheld = result.verdict === "block" || services.config.moderation.reviewPolicy === "hold";
  const created = await tx.moderationCase.create({
    data: {
      subject: input.subject,
      contentRef: input.contentRef,
      authorId: input.authorId,
      snapshot: json(input.snapshot),
      scores: json(result.scores),
      reasons: json(result.reasons),
      verdict: result.verdict === "block" ? "BLOCK" : "REVIEW",
      provider: result.provider,
      status: result.verdict === "block" ? "BLOCKED" : "PENDING",
      withheld,
    },
    select: { id: true },
  });
  await tellPages(tx, input.authorId, created.id);
  await recordEvent(
    services,
    tx,
    moderationCaseOpened.of({
      caseId: created.id,
      subject: input.subject,
      verdict: result.verdict === "block" ? "BLOCK" : "REVIEW",
      authorId: input.authorId,
    }),
  );
  services.logger.info(
    { caseId: created.id, subject: input.subject, verdict: result.verdict, withheld },
    "moderation case opened",
  );
  return { verdict: result.verdict, withheld, caseId: created.id };
}

/**
 * The author's open pages (their notices) and the admins' (the queue) re-read what changed, at
 * commit (issue #15's realtime stream). Ids only.
 */
async function tellPages(tx: Tx, authorId: string, caseId: string): Promise<void> {
  await publishRealtime(tx, { userIds: [authorId], topic: "moderation", ref: caseId });
  const admins = await tx.user.findMany({
    where: { role: "ADMIN", deletedAt: null },
    select: { id: true },
  });
  await publishRealtime(tx, {
    userIds: admins.map((admin) => admin.id),
    topic: "admin.moderation",
    ref: caseId,
  });
}

/** The public text of a profile, as one document and as the snapshot an admin sees. */
export async function loadProfileText(db: Tx | AppServices["prisma"], userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      headline: true,
      bio: true,
      deletedAt: true,
      skills: { select: { skill: { select: { name: true } } } },
      offerings: {
        where: { status: "ACTIVE" },
        select: { title: true, description: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || user.deletedAt) return null;
  const snapshot = {
    headline: user.headline,
    bio: user.bio,
    skills: user.skills.map((entry) => entry.skill.name).sort(),
    offerings: user.offerings,
  };
  const text = [
    user.headline,
    user.bio,
    snapshot.skills.join(", "),
    ...user.offerings.flatMap((offering) => [offering.title, offering.description]),
  ]
    .filter((part): part is string => Boolean(part?.trim()))
    .join("\n\n");
  return { snapshot, text };
}

/** Tells the author their content is withheld, and why (in their language). */
async function notifyAuthor(
  services: Services,
  tx: Tx,
  authorId: string,
  kind: "withheld" | "approved" | "rejected",
  subject: ModerationSubject,
  details: { reasons: readonly string[]; note: string | null },
): Promise<void> {
  const author = await tx.user.findUnique({
    where: { id: authorId },
    select: { email: true, name: true, locale: true, deletedAt: true },
  });
  if (!author || author.deletedAt) return;
  const email = renderModerationNotice({
    locale: isLocale(author.locale) ? author.locale : "en",
    name: author.name,
    kind,
    subject,
    reasons: details.reasons,
    note: details.note,
    url: `${services.config.app.publicUrl.replace(/\/+$/, "")}/account`,
  });
  await enqueue(
    services.boss,
    sendEmailQueue,
    { to: author.email, ...email },
    { db: fromPrisma(tx) },
  );
}

/**
 * What the author is told: the categories found, once each (translated by the page and the
 * e-mail; the provider's messages are English and meant for the admins).
 */
const reasonCategories = (reasons: unknown): string[] =>
  Array.isArray(reasons)
    ? [
        ...new Set(
          reasons
            .map((reason) => String((reason as { category?: unknown }).category ?? ""))
            .filter(Boolean),
        ),
      ]
    : [];

/**
 * The `moderation.check-profile` subscriber: the profile's public text (headline, bio, skills,
 * offerings) is checked when it changed; a withheld one unlists the profile (see
 * `listedProfileWhere`) and the author is told why.
 */
export async function checkProfileText(
  services: Services,
  userId: string,
): Promise<ModerationOutcome | null> {
  const profile = await loadProfileText(services.prisma, userId);
  if (!profile) return null;
  if (!profile.text) {
    await services.prisma.moderationCase.updateMany({
      where: { subject: "PROFILE_TEXT", contentRef: userId, status: { in: [...openStatuses] } },
      data: { status: "SUPERSEDED", withheld: false },
    });
    return null;
  }
  const result = await services.ai.moderation.moderateText({
    text: profile.text,
    context: "profile",
  });
  return services.prisma.$transaction(async (tx) => {
    const outcome = await recordOutcome(
      services,
      tx,
      {
        subject: "PROFILE_TEXT",
        contentRef: userId,
        authorId: userId,
        snapshot: profile.snapshot,
        text: profile.text,
        context: "profile",
      },
      result,
    );
    if (outcome.withheld) {
      await notifyAuthor(services, tx, userId, "withheld", "PROFILE_TEXT", {
        reasons: reasonCategories(result.reasons),
        note: null,
      });
    }
    return outcome;
  });
}

/**
 * The `moderation.check-avatar` subscriber: the current avatar is checked; a withheld one is
 * taken off the profile (the initials image shows) while its files stay, so an admin's approval
 * can put it back.
 */
export async function checkAvatar(
  services: Services & Pick<AppServices, "files">,
  userId: string,
): Promise<ModerationOutcome | null> {
  const user = await services.prisma.user.findUnique({
    where: { id: userId },
    select: { avatarVersion: true, deletedAt: true },
  });
  if (!user || user.deletedAt) return null;
  const version = user.avatarVersion;
  if (!version) return null;
  const file = await services.files.get(avatarKey(userId, version, 256));
  if (!file) return null;
  const { bytes } = file;
  const result = await services.ai.moderation.moderateImage({
    bytes,
    contentType: "image/webp",
    context: "avatar",
  });
  return services.prisma.$transaction(async (tx) => {
    const outcome = await recordOutcome(
      services,
      tx,
      {
        subject: "AVATAR",
        contentRef: userId,
        authorId: userId,
        snapshot: { avatarVersion: version },
        image: { bytes, contentType: "image/webp" },
        context: "avatar",
      },
      result,
    );
    if (outcome.withheld) {
      // Guarded: an avatar changed since is checked by its own event.
      await tx.user.updateMany({
        where: { id: userId, avatarVersion: version },
        data: { avatarVersion: null },
      });
      await notifyAuthor(services, tx, userId, "withheld", "AVATAR", {
        reasons: reasonCategories(result.reasons),
        note: null,
      });
    }
    return outcome;
  });
}

/**
 * A mentor application's check (before approval): the profile's text in the `application`
 * context. Clean only when the verdict is `allow` and no profile text case withholds the profile.
 */
export async function checkApplication(
  services: Services,
  userId: string,
): Promise<{ clean: boolean }> {
  const profile = await loadProfileText(services.prisma, userId);
  if (!profile) return { clean: false };
  const outcome = await moderateContent(services, {
    subject: "MENTOR_APPLICATION",
    contentRef: userId,
    authorId: userId,
    snapshot: profile.snapshot,
    text: profile.text,
    context: "application",
  });
  const withheldProfile = await services.prisma.moderationCase.count({
    where: { authorId: userId, subject: "PROFILE_TEXT", withheld: true },
  });
  return { clean: outcome.verdict === "allow" && withheldProfile === 0 };
}

/**
 * An admin approves (publishes) or rejects (withholds) a PENDING or BLOCKED case, with a note the
 * author reads. Guarded: a decided or superseded case fails with MODERATION_CASE_CLOSED. Audit-
 * logged and the author notified in the deciding transaction.
 */
export async function decideModerationCase(
  services: Services,
  input: {
    caseId: string;
    decision: "approve" | "reject";
    note: string | null;
    audit: AuditActor & { actorId: string };
    now?: Date;
  },
): Promise<{ id: string; status: "APPROVED" | "REJECTED"; decidedAt: Date }> {
  const now = input.now ?? new Date();
  const status = input.decision === "approve" ? "APPROVED" : "REJECTED";
  return services.prisma.$transaction(async (tx) => {
    const { count } = await tx.moderationCase.updateMany({
      where: { id: input.caseId, status: { in: ["PENDING", "BLOCKED"] } },
      data: {
        status,
        withheld: status === "REJECTED",
        decidedById: input.audit.actorId,
        decidedAt: now,
        note: input.note,
      },
    });
    const row = await tx.moderationCase.findUnique({ where: { id: input.caseId } });
    if (!row) throw new AppError("NOT_FOUND");
    if (count === 0) throw new AppError("MODERATION_CASE_CLOSED", { status: row.status });
    if (row.subject === "AVATAR") {
      const version = String((row.snapshot as { avatarVersion?: unknown }).avatarVersion ?? "");
      if (status === "APPROVED" && version) {
        // Back on the profile unless the person has put up another avatar since.
        await tx.user.updateMany({
          where: { id: row.authorId, avatarVersion: null },
          data: { avatarVersion: version },
        });
      } else if (version) {
        await tx.user.updateMany({
          where: { id: row.authorId, avatarVersion: version },
          data: { avatarVersion: null },
        });
      }
    }
    await writeAudit(tx, input.audit, {
      action: "moderation.decide",
      targetType: "moderation_case",
      targetId: row.id,
      details: {
        decision: input.decision,
        note: input.note,
        subject: row.subject,
        authorId: row.authorId,
      },
    });
    await notifyAuthor(
      services,
      tx,
      row.authorId,
      status === "APPROVED" ? "approved" : "rejected",
      row.subject,
      {
        reasons: reasonCategories(row.reasons),
        note: input.note,
      },
    );
    await tellPages(tx, row.authorId, row.id);
    await recordEvent(
      services,
      tx,
      moderationCaseDecided.of(
        { caseId: row.id, subject: row.subject, status, authorId: row.authorId },
        now,
      ),
    );
    services.logger.info({ caseId: row.id, decision: input.decision }, "moderation case decided");
    return { id: row.id, status, decidedAt: now };
  });
}

/** What the author is told on their own pages: cases that withhold or queue their content. */
export async function moderationNoticesFor(db: AppServices["prisma"], authorId: string) {
  const rows = await db.moderationCase.findMany({
    where: {
      authorId,
      OR: [{ withheld: true }, { status: "PENDING" }],
      subject: { in: ["PROFILE_TEXT", "AVATAR", "MENTOR_APPLICATION"] },
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      subject: true,
      status: true,
      withheld: true,
      reasons: true,
      note: true,
      createdAt: true,
    },
  });
  return rows.map((row) => ({ ...row, reasons: reasonCategories(row.reasons) }));
}

/** Profiles whose public text is withheld by moderation are not listed (directory, mentor page). */
export const listedProfileWhere = {
  moderationCases: { none: { subject: "PROFILE_TEXT", withheld: true } },
} as const satisfies Prisma.UserWhereInput;

/**
 * An admin decided the mentor application: its open moderation case is closed the same way, in
 * the deciding transaction (the application decision is the review).
 */
export async function closeApplicationCases(
  tx: Tx,
  input: { userId: string; decision: "approve" | "reject"; adminId: string; now: Date },
): Promise<void> {
  await tx.moderationCase.updateMany({
    where: {
      subject: "MENTOR_APPLICATION",
      contentRef: input.userId,
      status: { in: ["PENDING", "BLOCKED"] },
    },
    data: {
      status: input.decision === "approve" ? "APPROVED" : "REJECTED",
      decidedById: input.adminId,
      decidedAt: input.now,
      note: "Decided with the mentor application.",
    },
  });
}
