import { z } from "zod";
import { realtimeTopics } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { realtimeStream } from "../stream.ts";

/**
 * The signed-in viewer's realtime stream over SSE (issue #15, decision 031): tracked events
 * (`seq`), so a reconnecting browser sends its last event id and gets what it missed. The
 * HTTP route refuses anonymous callers (401) and streams past the cap (429) before tRPC.
 */
export const stream = authedProcedure
  .input(
    z
      .object({
        topics: z.array(z.enum(realtimeTopics)).max(realtimeTopics.length).optional(),
        // Set by tRPC from the EventSource's Last-Event-ID on a reconnect.
        lastEventId: z.string().max(40).nullish(),
      })
      .strict()
      .optional(),
  )
  .subscription(({ ctx, input, signal }) =>
    realtimeStream(ctx.services, {
      userId: ctx.user.id,
      topics: input?.topics,
      lastEventId: input?.lastEventId ?? undefined,
      signal: signal ?? new AbortController().signal,
    }),
  );
