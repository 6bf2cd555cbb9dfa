import { type Context, latestRealtimeSeq } from "@mentora/core";

/**
 * The signed-in viewer's newest realtime seq, read with the page's data (root loader): the
 * tab's stream starts after it, so a change committed between this read and the stream's
 * opening still arrives. Null for anonymous viewers (no stream).
 */
export function realtimeSeqFor(ctx: Context): Promise<string | null> {
  const userId = ctx.session?.user.id;
  return userId ? latestRealtimeSeq(ctx.services.prisma, userId) : Promise.resolve(null);
}
