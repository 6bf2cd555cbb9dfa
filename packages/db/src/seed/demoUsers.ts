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

/** A history mentee's fixed id (n = 3…14): the demo history's bookings name them. */
export function historyMenteeId(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;
}

/**
 * Mentees with a past (issue #18): the demo history (demoHistory.ts) gives them attended
 * sessions, payments and reviews of the directory's mentors. mentee3…mentee14@mentora.test,
 * same password; the featured mentees stay without history.
 */
export const historyMentees: readonly DemoUser[] = [
  ["Léa Martin", "fr", "Europe/Paris"],
  ["Omar Haddad", "fr", "Africa/Tunis"],
  ["Sofia García", "en", "Europe/Madrid"],
  ["James Carter", "en", "Europe/London"],
  ["Yasmine Ben Salah", "fr", "Africa/Tunis"],
  ["Lucas Moreau", "fr", "Europe/Paris"],
  ["Priya Nair", "en", "Asia/Kolkata"],
  ["Mateo Fernández", "en", "America/Mexico_City"],
  ["Chloé Dubois", "fr", "America/Montreal"],
  ["Karim Mansour", "en", "Africa/Cairo"],
  ["Emma Schmidt", "en", "Europe/Berlin"],
  ["Inès Rahmani", "fr", "Europe/Paris"],
].map(([name, locale, timezone], index) => ({
  id: historyMenteeId(index + 3),
  email: `mentee${index + 3}@mentora.test`,
  name: name as string,
  role: "MENTEE" as const,
  locale: locale as string,
  timezone: timezone as string,
}));

/**
 * Every demo account: the featured five, the demo directory's mentors, then the mentees with a
 * history (same password).
 */
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
  ...historyMentees,
];
