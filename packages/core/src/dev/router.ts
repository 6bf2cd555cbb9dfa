import { router } from "../trpc/init.ts";
import { getOutboxEmailById } from "./procedures/get-outbox-email.ts";
import { listOutboxEmails } from "./procedures/list-outbox-emails.ts";

export const devRouter = router({
  outbox: router({ list: listOutboxEmails, get: getOutboxEmailById }),
});
