import { router } from "../trpc/init.ts";
import { get } from "./procedures/get-conversation.ts";
import { list } from "./procedures/list-conversations.ts";
import { markRead } from "./procedures/mark-read.ts";
import { open } from "./procedures/open-conversation.ts";
import { report } from "./procedures/report-message.ts";
import { send } from "./procedures/send-message.ts";
import { typing } from "./procedures/signal-typing.ts";

/** Conversations per booking (issue #15). Mounted as `messages`. */
export const messagesRouter = router({ list, open, get, send, markRead, report, typing });
