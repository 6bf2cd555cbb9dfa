import { randomUUID } from "node:crypto";
import type { Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { profileChanged } from "../profiles/index.ts";

/** A mentor's offerings are part of their public profile: their change is a profile change. */
export async function recordOfferingsChanged(
  services: AppServices,
  tx: Prisma.TransactionClient,
  mentorId: string,
): Promise<void> {
  await recordEvent(
    services,
    tx,
    profileChanged.of({ userId: mentorId, changeId: randomUUID(), fields: ["offerings"] }),
  );
}
