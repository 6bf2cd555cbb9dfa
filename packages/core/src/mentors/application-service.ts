import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { checkApplication, closeApplicationCases } from "../moderation/index.ts";
import { mentorApplicationDecided } from "./events.ts";

export type ProfileField = "headline" | "bio" | "skills" | "languages" | "timezone";

/** What a mentor's public page needs before they may apply, in the order the form asks. */
export function missingProfileFields(user: {
  headline: string | null;
  bio: string | null;
  languages: readonly string[];
  timezone: string | null;
  skillCount: number;
}): ProfileField[] {
  const missing: ProfileField[] = [];
  if (!user.headline?.trim()) missing.push("headline");
  if (!user.bio?.trim()) missing.push("bio");
  if (user.skillCount === 0) missing.push("skills");
  if (user.languages.length === 0) missing.push("languages");
  if (!user.timezone) missing.push("timezone");
  return missing;
}

export interface ApplyResult {
  status: "PENDING" | "APPROVED";
}

/**
 * A user asks to mentor. Their profile must be complete (PROFILE_INCOMPLETE names what is
 * missing). A pending or approved application refuses with ALREADY_APPLIED; a rejected one may
 * apply again. MENTOR_APPROVAL=auto approves at once and grants the MENTOR role in the same
 * transaction; "admin" leaves the application PENDING for an admin to decide.
 */
export async function applyAsMentor(
  // Whole services: the moderation check records a domain event.
  services: AppServices,
  userId: string,
  context: { requestId?: string; now?: Date } = {},
): Promise<ApplyResult> {
  const { prisma, config } = services;
  const now = context.now ?? new Date();
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      headline: true,
      bio: true,
      languages: true,
      timezone: true,
      _count: { select: { skills: true } },
      mentorProfile: { select: { status: true } },
    },
  });
  if (!user) throw new AppError("UNAUTHORIZED");
  const missing = missingProfileFields({ ...user, skillCount: user._count.skills });
  if (missing.length > 0) throw new AppError("PROFILE_INCOMPLETE", { missing });
  const previous = user.mentorProfile?.status;
  if (previous === "PENDING" || previous === "APPROVED") throw new AppError("ALREADY_APPLIED");

  // The application passes moderation first (issue #16): approved at once only when clean; a
  // flagged one waits for an admin, who sees the case in Admin → Moderation.
  const { clean } = await checkApplication(services, userId);
  const status = config.mentors.approval === "auto" && clean ? "APPROVED" : "PENDING";
  const decision =
    status === "APPROVED"
      ? { decidedAt: now, decidedById: null, decisionNote: null }
      : { decidedAt: null, decidedById: null, decisionNote: null };

  await prisma.$transaction(async (tx) => {
    // Both writes are guarded: of two concurrent applications, exactly one changes a row.
    const { count } =
      previous === "REJECTED"
        ? await tx.mentorProfile.updateMany({
            where: { userId, status: "REJECTED" },
            data: { status, appliedAt: now, ...decision },
          })
        : await tx.mentorProfile.createMany({
            data: [{ userId, status, appliedAt: now, ...decision }],
            skipDuplicates: true,
          });
    if (count === 0) throw new AppError("ALREADY_APPLIED");
    // An admin keeps their role (one role per user); a mentee becomes a mentor.
    if (status === "APPROVED") {
      await tx.user.updateMany({ where: { id: userId, role: "MENTEE" }, data: { role: "MENTOR" } });
    }
  });
  services.logger.info(
    { requestId: context.requestId, userId, status, moderationClean: clean },
    "mentor application",
  );
  return { status };
}

export type Decision = "approve" | "reject";

/**
 * An admin approves or rejects a PENDING application. Guarded: only a PENDING application
 * changes, so a second decision (or a race between two admins) fails with CONFLICT and changes
 * nothing. Approving grants the MENTOR role in the same transaction.
 */
export async function decideApplication(
  services: AppServices,
  input: {
    adminId: string;
    userId: string;
    decision: Decision;
    note?: string | null | undefined;
    requestId?: string;
    now?: Date;
    /** Who decided, from where: written to the audit log in the deciding transaction. */
    audit?: AuditActor;
  },
): Promise<{ userId: string; status: "APPROVED" | "REJECTED"; decidedAt: Date }> {
  const now = input.now ?? new Date();
  const status = input.decision === "approve" ? "APPROVED" : "REJECTED";
  await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.mentorProfile.updateMany({
      where: { userId: input.userId, status: "PENDING" },
      data: {
        status,
        decidedAt: now,
        decidedById: input.adminId,
        decisionNote: input.note ?? null,
      },
    });
    if (count === 0) {
      const current = await tx.mentorProfile.findUnique({
        where: { userId: input.userId },
        select: { status: true },
      });
      if (!current) throw new AppError("NOT_FOUND");
      throw new AppError("CONFLICT", { reason: "NOT_PENDING", status: current.status });
    }
    if (status === "APPROVED") {
      await tx.user.updateMany({
        where: { id: input.userId, role: "MENTEE" },
        data: { role: "MENTOR" },
      });
    }
    await recordEvent(
      services,
      tx,
      mentorApplicationDecided.of({ userId: input.userId, status }, now),
    );
    await closeApplicationCases(tx, {
      userId: input.userId,
      decision: input.decision,
      adminId: input.adminId,
      now,
    });
    await writeAudit(tx, input.audit ?? { actorId: input.adminId, ip: null, userAgent: null }, {
      action: "mentor-application.decide",
      targetType: "mentor_profile",
      targetId: input.userId,
      details: { decision: input.decision, note: input.note ?? null },
    });
  });
  services.logger.info(
    {
      requestId: input.requestId,
      adminId: input.adminId,
      userId: input.userId,
      decision: input.decision,
    },
    "mentor application decided",
  );
  return { userId: input.userId, status, decidedAt: now };
}
