import type { en } from "../en/index.ts";
import { common } from "./common.ts";
import { email } from "./email.ts";
import { errors } from "./errors.ts";
import { web } from "./web.ts";

export const fr: typeof en = { common, email, errors, web };
