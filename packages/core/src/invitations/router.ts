import { router } from "../trpc/init.ts";
import { create } from "./procedures/create-invitation.ts";
import { list } from "./procedures/list-invitations.ts";
import { preview } from "./procedures/preview-invitation.ts";
import { revoke } from "./procedures/revoke-invitation.ts";

export const invitationsRouter = router({ create, list, revoke, preview });
