import type { TextModerationInput } from "../src/contracts.ts";

/**
 * The text moderation evaluation set (`pnpm eval:moderation`): profile texts and messages in
 * French and English, written for this set. `flag` means a person would not publish it as is
 * (review or block); the violating ones cover what the backlog names. The clean ones include
 * the traps a word list falls into (Scunthorpe, "conseil", "bite-sized", "cum laude").
 */
export type ModerationCase = TextModerationInput & { flag: boolean; note?: string };

const profile = (language: string, text: string, flag: boolean, note?: string): ModerationCase => ({
  text,
  context: "profile",
  language,
  flag,
  note,
});
const message = (language: string, text: string, flag: boolean, note?: string): ModerationCase => ({
  text,
  context: "message",
  language,
  flag,
  note,
});

export const moderationSet: readonly ModerationCase[] = [
  // Clean, English.
  profile(
    "en",
    "Staff engineer at a fintech. I review TypeScript code and prepare you for system design interviews.",
    false,
  ),
  profile(
    "en",
    "Product designer from Scunthorpe, ten years of UX research and accessibility audits.",
    false,
    "Scunthorpe",
  ),
  profile(
    "en",
    "Bite-sized lessons in Python for analysts who want to automate their spreadsheets.",
    false,
    "bite",
  ),
  profile(
    "en",
    "Graduated cum laude in economics; I coach people moving into data science.",
    false,
    "cum laude",
  ),
  profile(
    "en",
    "I help founders assess their pitch deck and class-action risk before fundraising.",
    false,
    "assess, class",
  ),
  profile("en", "Executive coach. Sessions on Tuesday evenings, Central European Time.", false),
  profile(
    "en",
    "Kubernetes, Terraform and on-call culture: I have run platform teams for 8 years.",
    false,
  ),
  profile(
    "en",
    "Former nurse turned health-tech PM; I talk about sexual health apps and their regulation.",
    false,
    "health topic",
  ),
  message(
    "en",
    "Thanks for the session! Here is my number if the video fails: +1 415 555 2671",
    false,
    "contact in a private message",
  ),
  message("en", "Can we move our call to 6pm? My kid has a football match.", false),
  profile(
    "en",
    "Follow my newsletter at example.substack.com for weekly interview drills.",
    false,
    "spelled at",
  ),
  profile(
    "en",
    "I teach Git from scratch: git@github.com:acme/app.git, SSH keys, rebases.",
    false,
    "git remote",
  ),
  profile("en", "I'm good at math, point taken, and better at teaching it.", false, "at … point"),
  profile(
    "en",
    "Athletics coach: the Dick Fosbury flop, sprint starts, recovery.",
    false,
    "first name (known false positive: review)",
  ),
  // Clean, French.
  profile(
    "fr",
    "Consultante en culture d'entreprise, je vous aide à préparer vos entretiens.",
    false,
    "con/cul inside words",
  ),
  profile(
    "fr",
    "Développeur Rust depuis 2015, je relis votre code et vous conseille sur l'architecture.",
    false,
  ),
  profile(
    "fr",
    "Ancienne DRH, j'accompagne les reconversions et les négociations salariales.",
    false,
  ),
  profile(
    "fr",
    "Coach en prise de parole : assez de théorie, on pratique ensemble.",
    false,
    "assez",
  ),
  profile(
    "fr",
    "Je suis concepteur de jeux vidéo ; j'explique comment on bâtit un portfolio.",
    false,
  ),
  profile(
    "fr",
    "Spécialiste des données, j'analyse vos tableaux de bord et vos KPI.",
    false,
    "analyse",
  ),
  profile("fr", "Mentor en design produit, disponible le mardi soir et le samedi matin.", false),
  message(
    "fr",
    "Merci pour la séance, voici mon mail si besoin : paul.martin@example.fr",
    false,
    "contact in a private message",
  ),
  message("fr", "Pouvons-nous décaler à jeudi ? Je suis coincé au bureau.", false),
  profile(
    "fr",
    "Nègre littéraire pendant dix ans, j'aide les auteurs à finir leur manuscrit.",
    false,
    "métier",
  ),
  profile(
    "fr",
    "Professeure de français langue étrangère, je corrige vos lettres de motivation.",
    false,
  ),
  // Violating, English.
  profile("en", "Best mentor ever, unlike those kikes at my last job", true, "slur"),
  profile("en", "Don't book him, he's a retard", true, "slur"),
  profile("en", "I don't give a fuck about your career, pay me", true, "profanity"),
  profile("en", "Spicy content and more on onlyfans.com/jenny", true, "adult platform"),
  profile("en", "DM me for exclusive pics, cheaper than my Fansly", true, "solicitation"),
  profile("en", "Sugar daddy looking for young mentees", true, "solicitation"),
  profile(
    "en",
    "Call me directly at (415) 555-2671 to skip the platform fees",
    true,
    "phone in profile",
  ),
  profile("en", "Email me: jenny.smith@example.com for a discount", true, "email in profile"),
  profile("en", "Reach me on telegram: @jenny_coach", true, "handle in profile"),
  message("en", "Send nudes or I cancel the session, you slut", true, "harassment"),
  message(
    "en",
    "Let's continue on WhatsApp, message me privately and pay me directly via PayPal",
    true,
    "off-platform",
  ),
  profile(
    "en",
    "Writing email as jenny at example dot com gets you 20% off",
    true,
    "obfuscated email",
  ),
  profile("en", "Questions? jenny at gmail.com", true, "spelled email, known provider"),
  // Violating, French.
  profile("fr", "Coach sympa, pas comme ces enculés de recruteurs", true, "insulte"),
  profile("fr", "Les pédés ne sont pas les bienvenus", true, "slur"),
  profile("fr", "Retrouvez mon contenu exclusif sur MYM.fans/julie", true, "adult platform"),
  profile("fr", "Photos privées et rencontres coquines sur demande", true, "solicitation"),
  profile("fr", "Appelez-moi au 06 12 34 56 78 pour payer moins cher", true, "phone in profile"),
  profile("fr", "Écrivez-moi à julie arobase example point fr", true, "obfuscated email"),
  message("fr", "Ferme ta gueule, espèce de connasse", true, "insulte"),
  message("fr", "Nique ta mère, je vais te tuer", true, "menace"),
  message("fr", "Envoie-moi un mp pour un paiement directement par Lydia", true, "off-platform"),
  profile("fr", "Massage érotique après la séance de coaching", true, "solicitation"),
];
