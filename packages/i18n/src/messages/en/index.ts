import { common } from "./common.ts";
import { email } from "./email.ts";
import { errors } from "./errors.ts";
import { web } from "./web.ts";

export const en = { common, email, errors, web };
