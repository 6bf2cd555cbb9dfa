import { en } from "./en/index.ts";
import { fr } from "./fr/index.ts";

export type Messages = typeof en;

/** Each namespace lives in its own file per locale; French must have every English key. */
export const messages = { en, fr } satisfies Record<string, Messages>;
