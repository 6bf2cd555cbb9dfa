import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

const noStore = { "cache-control": "no-store" };

/** Liveness with a database round trip: 200 {status:"ok"} or 503 {status:"down"}. */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const { caller } = await getCaller(request);
    const health = await caller.health.check();
    if (health.status === "ok") return Response.json({ status: "ok" }, { headers: noStore });
  } catch {
    // Services could not start (database unreachable): report down, no details.
  }
  return Response.json({ status: "down" }, { status: 503, headers: noStore });
}
