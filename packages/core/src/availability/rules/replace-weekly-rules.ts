import { randomUUID } from "node:crypto";
import type { AppServices } from "../../app/types.ts";
import { recordEvent } from "../../events/index.ts";
import { availabilityChanged } from "../events.ts";

export interface WeeklyRuleInput {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * Replaces the mentor's whole weekly set in one transaction: either the new set is stored, or
 * the old one stays (the database CHECK still refuses a bad row, then nothing changes). The
 * mentor's row is locked so two concurrent saves cannot interleave into a mixed set. Input is
 * validated by the procedure (ranges, no overlaps).
 */
export async function replaceWeeklyRules(
  services: AppServices,
  mentorId: string,
  rules: readonly WeeklyRuleInput[],
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${mentorId} FOR NO KEY UPDATE`;
    await tx.availabilityRule.deleteMany({ where: { mentorId } });
    if (rules.length > 0) {
      await tx.availabilityRule.createMany({
        data: rules.map((rule) => ({
          mentorId,
          weekday: rule.weekday,
          startMinute: rule.startMinute,
          endMinute: rule.endMinute,
        })),
      });
    }
    await recordEvent(services, tx, availabilityChanged.of({ mentorId, changeId: randomUUID() }));
  });
}
