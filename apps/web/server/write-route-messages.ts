/** Rewrites app/lib/route-messages.ts from the routes' code (see route-messages-scan.ts). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { routeMessagesSource } from "./route-messages-scan.ts";

writeFileSync(
  path.resolve(import.meta.dirname, "../app/lib/route-messages.ts"),
  routeMessagesSource(),
);
