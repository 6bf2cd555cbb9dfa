import type { Role } from "../index.ts";
import { catalog, catalogEmail, catalogUserId } from "./demoCatalog.ts";

/** Demo data only: printed by `pnpm dev` and `pnpm db:seed`, never used outside dev and tests. */
export const demoPassword = "mentora-demo";

export type DemoUser = {
  email: string;
  name: string;
  role: Role;
  locale: string;
  timezone: string;
  /** Fixed id (the directory's mentors); the first five accounts got a random one on creation. */
  id?: string;
};

// Accented names on purpose: they exercise UTF-8 from the database to the PDF invoices.
/** The accounts printed by `pnpm dev` and `pnpm db:seed` (the README lists them). */
export const featuredDemoUsers: readonly DemoUser[] = [
  {
    email: "admin@mentora.test",
    name: "Amélie Durand",
    role: "ADMIN",
    locale: "fr",
    timezone: "Europe/Paris",
  },
  {
    email: "mentor1@mentora.test",
    name: "Joël Lefèvre",
    role: "MENTOR",
    locale: "fr",
    timezone: "Europe/Paris",
  },
  {
    email: "mentor2@mentora.test",
    name: "Ana Núñez",
    role: "MENTOR",
    locale: "en",
    timezone: "Africa/Tunis",
  },
  {
    email: "mentee1@mentora.test",
    name: "Zoé Côté",
    role: "MENTEE",
    locale: "fr",
    timezone: "America/Montreal",
  },
  {
    email: "mentee2@mentora.test",
    name: "Björn Müller",
    role: "MENTEE",
    locale: "en",
    timezone: "Europe/Berlin",
  },
];

/** Every demo account: the featured five, then the demo directory's mentors (same password). */
export const demoUsers: readonly DemoUser[] = [
  ...featuredDemoUsers,
  ...catalog.map((entry) => ({
    id: catalogUserId(entry.n),
    email: catalogEmail(entry.n),
    name: entry.name,
    role: "MENTOR" as const,
    locale: entry.locale,
    timezone: entry.timezone,
  })),
];
