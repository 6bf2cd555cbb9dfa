// The env reader alone: the package's front door loads Twilio's SDK (~40 modules), and the
// configuration is read before anything else at every start.
import { twilioVideoEnv } from "@mentora/video/env";
import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "../config/slice.ts";

const twilioNames = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_API_KEY_SID",
  "TWILIO_API_KEY_SECRET",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_VIDEO_BASE_URL",
] as const;

/** Only the Twilio variables, in the shape twilioVideoEnv reads. */
const twilioEnvOf = (env: Partial<Record<(typeof twilioNames)[number], string>>) =>
  Object.fromEntries(twilioNames.map((name) => [name, env[name]]));

export const videoConfig = defineConfigSlice({
  env: {
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_API_KEY_SID: optionalString,
    TWILIO_API_KEY_SECRET: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_VIDEO_BASE_URL: optionalString.pipe(z.url().optional()),
    VIDEO_JOIN_MINUTES_BEFORE: positiveInt(10),
    VIDEO_ROOM_GRACE_MINUTES: z.coerce.number().int().min(0).default(10),
    VIDEO_ONE_TO_ONE_ROOM_TYPE: z.enum(["go", "peer-to-peer"]).default("go"),
    VIDEO_MIN_ATTENDANCE_MINUTES: positiveInt(5),
    VIDEO_NOISE_CANCELLATION: z.stringbool().default(false),
  },
  check(env, ctx, { production }) {
    let twilio: ReturnType<typeof twilioVideoEnv> = null;
    try {
      twilio = twilioVideoEnv(twilioEnvOf(env));
    } catch (error) {
      configProblem(
        ctx,
        twilioNames.find((name) => !env[name]) ?? "TWILIO_ACCOUNT_SID",
        (error as Error).message,
      );
    }
    if (production && !twilio) {
      configProblem(
        ctx,
        "TWILIO_ACCOUNT_SID",
        "Twilio Video is required in production: the local video provider is a development stand-in that relays no media",
      );
    }
  },
  section: (env) => ({
    /** Null: the local stand-in (development and demos). */
    twilio: twilioVideoEnv(twilioEnvOf(env)),
    joinBeforeMs: env.VIDEO_JOIN_MINUTES_BEFORE * 60_000,
    graceMs: env.VIDEO_ROOM_GRACE_MINUTES * 60_000,
    oneToOneRoomType: env.VIDEO_ONE_TO_ONE_ROOM_TYPE,
    minAttendanceMs: env.VIDEO_MIN_ATTENDANCE_MINUTES * 60_000,
    noiseCancellation: env.VIDEO_NOISE_CANCELLATION,
  }),
});
