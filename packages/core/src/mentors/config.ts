import { z } from "zod";
import { defineConfigSlice, optionalString } from "../config/slice.ts";

export const mentorsConfig = defineConfigSlice({
  env: {
    /** Unset: `admin` in production (a person reviews every new mentor), `auto` elsewhere. */
    MENTOR_APPROVAL: optionalString.pipe(z.enum(["auto", "admin"]).optional()),
  },
  section: (env, { production }) => ({
    approval: env.MENTOR_APPROVAL ?? (production ? "admin" : "auto"),
  }),
});
