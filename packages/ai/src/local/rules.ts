import { findPhoneNumbersInText } from "libphonenumber-js";
import type { TextModerationInput } from "../contracts.ts";
import type { Finding } from "./verdict.ts";

/**
 * Adult and paid-private-content platforms, by the name people write (with or without a link,
 * with separators: "only fans", "0nlyfans", "mym.fans").
 */
const adultPlatforms: readonly { name: string; pattern: RegExp }[] = [
  { name: "OnlyFans", pattern: /\b[o0]nly[\s._-]*fans\b|\bonlyfans\.com\b/giu },
  { name: "Fansly", pattern: /\bfansly\b/giu },
  { name: "MYM", pattern: /\bmym[\s.]*(?:fans|\.fans|\.com)\b/giu },
  { name: "Fanvue", pattern: /\bfanvue\b/giu },
  { name: "FanCentro", pattern: /\bfancentro\b/giu },
  { name: "LoyalFans", pattern: /\bloyalfans\b/giu },
  { name: "ManyVids", pattern: /\bmanyvids\b/giu },
  { name: "JustFor.Fans", pattern: /\bjustfor\.fans\b/giu },
  { name: "Chaturbate", pattern: /\bchaturbate\b/giu },
  { name: "Pornhub", pattern: /\bpornhub\b/giu },
  { name: "XVideos", pattern: /\bxvideos\b/giu },
  { name: "Stripchat", pattern: /\bstripchat\b/giu },
];

/**
 * Solicitation phrases (EN/FR) seen on profiles that sell private content or meetings.
 * `block`: unambiguous; `review`: common in harmless text too, a human decides.
 */
const solicitation: readonly { pattern: RegExp; verdict: "review" | "block"; label: string }[] = [
  {
    pattern:
      /\b(?:dm|message|text|write|contact)\s+me\s+for\s+(?:my\s+)?(?:private|exclusive|spicy|xxx|nsfw|naughty)\b/giu,
    verdict: "block",
    label: "an offer of private content",
  },
  {
    pattern: /\b(?:spicy|nsfw|xxx|uncensored|naughty)\s+(?:content|pics|photos|videos|shows?)\b/giu,
    verdict: "block",
    label: "an offer of private content",
  },
  // Creators sell harmless "exclusive content" too: a human looks.
  {
    pattern: /\b(?:private|exclusive)\s+(?:content|pics|photos|videos|shows?)\b/giu,
    verdict: "review",
    label: "an offer of private content",
  },
  {
    pattern: /\b(?:selling|sell|buy)\s+(?:my\s+)?nudes?\b|\bnudes?\s+for\s+sale\b/giu,
    verdict: "block",
    label: "selling nudes",
  },
  {
    pattern: /\b(?:sugar\s*(?:daddy|baby|mommy)|escort(?:e|ing)?|camgirl|cam\s*show)\b/giu,
    verdict: "block",
    label: "escorting or cam shows",
  },
  { pattern: /\bpremium\s+snap(?:chat)?\b/giu, verdict: "block", label: "paid private content" },
  {
    pattern:
      /\b(?:contenus?|photos?|vidéos?|videos?)\s+(?:coquin(?:e|s|es)?|osé(?:e|s|es)?|hot|sexy|dénudé(?:e|s|es)?)\b/giu,
    verdict: "block",
    label: "an offer of private content (French)",
  },
  {
    pattern: /\b(?:contenus?\s+(?:privés?|exclusifs?)|(?:photos?|vidéos?|videos?)\s+privées?)\b/giu,
    verdict: "review",
    label: "an offer of private content (French)",
  },
  {
    pattern: /\b(?:rencontres?|plans?|soirées?)\s+(?:coquines?|d'un\s+soir|cul|hot)\b/giu,
    verdict: "block",
    label: "an offer of sexual encounters (French)",
  },
  {
    pattern:
      /\bmassages?\s+(?:érotiques?|tantriques?|naturistes?|erotic|sensual|happy\s+ending)\b/giu,
    verdict: "block",
    label: "erotic massage",
  },
  {
    pattern:
      /\b(?:dm|pm|message|text|write|contact)\s+me\s+(?:privately|in\s+private|off\s+(?:the\s+)?(?:platform|site|app))\b/giu,
    verdict: "review",
    label: "an invitation to talk off the platform",
  },
  {
    pattern:
      /\b(?:écri(?:s|vez)|contacte[zr]?|envoie[sz]?)[-\s]*moi\s+(?:en\s+(?:privé|mp|dm)|un\s+(?:mp|dm|message\s+privé))\b/giu,
    verdict: "review",
    label: "an invitation to talk off the platform (French)",
  },
  {
    pattern:
      /\b(?:pay\s+me|paiement)\s+(?:directly|direct(?:ement)?|via\s+(?:paypal|lydia|revolut|cash\s*app))\b/giu,
    verdict: "review",
    label: "payment outside the platform",
  },
];

/** Messaging apps people use to move a conversation off the platform. */
const handles =
  /\b(?:whats\s*app|telegram|snap(?:chat)?|signal|insta(?:gram)?|kik|wechat)\s*(?:[:=]\s*@?|@)[\w.+-]{3,}/giu;
const plainHandle = /(?<![\w.])@[a-z0-9_.]{3,}\b/giu;

// "jane.doe@mail.com", "jane (at) mail (dot) com", "jane[at]mail.com": a real or bracketed @.
// The lookbehind starts a try only at the start of a word: without it, a long run of letters
// costs a scan per letter (quadratic). "git@github.com:…" is a Git remote, not an address.
const email =
  /(?<![\p{L}\p{N}._%+-])(?!git@)[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\p{L}\p{N}-]+)*\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,24}\b/giu;

// "jane at mail dot com", "jane arobase mail point fr", "jane at gmail.com". A spelled "at" is
// an ordinary word, so it needs a spelled dot before a real top-level domain, or a known mail
// provider: "newsletter at example.substack.com" and "good at math point taken" are not addresses.
const topLevel = "com|fr|net|org|io|co|uk|de|es|be|ch|ca|eu|info|me|dev|app";
const mailProviders =
  "gmail|googlemail|yahoo|hotmail|outlook|icloud|protonmail|proton|orange|free|laposte|wanadoo|sfr|aol|gmx";
const spelledEmail = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s(?:at|arobase)\s` +
    String.raw`(?:(?:[\p{L}\p{N}-]+(?:\s(?:dot|point)\s|\s?[([]dot[)\]]\s?))+(?:${topLevel})\b|(?:${mailProviders})\.[a-z]{2,6}\b)`,
  "giu",
);

// JavaScript's \b knows ASCII letters only: "Écrivez" has no \b before its É.
const unicodeBoundary = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;

/** Enough to tell the author what to fix; a text repeating one thing 4,000 times is no worse. */
const maxMatchesPerRule = 20;

function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const source = pattern.source.replaceAll(String.raw`\b`, unicodeBoundary);
  const matches: RegExpExecArray[] = [];
  for (const match of text.matchAll(new RegExp(source, pattern.flags))) {
    matches.push(match);
    if (matches.length >= maxMatchesPerRule) break;
  }
  return matches;
}

// Something that may be a phone number: a digit, 7 to 21 digits or separators, a digit. Only
// these short stretches go to libphonenumber (on a long digit run its scan is quadratic).
const phoneLike = /(?<![\p{N}])\+?\(?\p{N}[\p{N}\s()./-]{5,19}\p{N}(?![\p{N}])/gu;

function findPhoneNumbers(text: string, defaultCountry: "FR" | "US"): [number, number][] {
  const spans: [number, number][] = [];
  for (const candidate of matchesOf(phoneLike, text)) {
    for (const found of findPhoneNumbersInText(candidate[0], { defaultCountry })) {
      spans.push([candidate.index + found.startsAt, candidate.index + found.endsAt]);
    }
  }
  return spans;
}

/** Where contact details are a problem: public texts; in a private message they are allowed. */
function contactVerdict(context: TextModerationInput["context"]): Finding["verdict"] {
  return context === "message" ? "allow" : "block";
}

export function findRuleViolations(input: TextModerationInput): Finding[] {
  const { text } = input;
  const findings: Finding[] = [];
  for (const platform of adultPlatforms) {
    for (const match of matchesOf(platform.pattern, text)) {
      findings.push({
        category: "solicitation",
        verdict: "block",
        score: 0.99,
        message: `A link or reference to an adult platform (${platform.name})`,
        span: [match.index, match.index + match[0].length],
      });
    }
  }
  for (const rule of solicitation) {
    for (const match of matchesOf(rule.pattern, text)) {
      findings.push({
        category: "solicitation",
        verdict: rule.verdict,
        score: rule.verdict === "block" ? 0.9 : 0.6,
        message: `Solicitation: ${rule.label}`,
        span: [match.index, match.index + match[0].length],
      });
    }
  }
  const contact = contactVerdict(input.context);
  const score = contact === "allow" ? 0.5 : 0.95;
  for (const match of [...matchesOf(email, text), ...matchesOf(spelledEmail, text)]) {
    findings.push({
      category: "contact-details",
      verdict: contact,
      score,
      message: "An e-mail address in a public text",
      span: [match.index, match.index + match[0].length],
    });
  }
  // National numbers are read as French unless the text is English (the platform's home market).
  const defaultCountry = input.language?.toLowerCase().startsWith("en") ? "US" : "FR";
  for (const span of findPhoneNumbers(text, defaultCountry)) {
    findings.push({
      category: "contact-details",
      verdict: contact,
      score,
      message: "A phone number in a public text",
      span,
    });
  }
  const handleSpans: [number, number][] = [];
  for (const match of [...matchesOf(handles, text), ...matchesOf(plainHandle, text)]) {
    const span: [number, number] = [match.index, match.index + match[0].length];
    // "@mail.com" inside an e-mail address is the address, already reported.
    if (findings.some((f) => f.span && f.span[0] <= span[0] && f.span[1] >= span[1])) continue;
    if (handleSpans.some(([s, e]) => s <= span[0] && e >= span[1])) continue;
    handleSpans.push(span);
    findings.push({
      category: "contact-details",
      verdict: contact === "block" ? "review" : contact,
      score: contact === "allow" ? 0.4 : 0.8,
      message: "A messaging handle in a public text",
      span,
    });
  }
  return findings;
}
