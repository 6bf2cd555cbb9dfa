import {
  collapseDuplicatesTransformer,
  createSimpleTransformer,
  DataSet,
  type EnglishProfaneWord,
  englishDataset,
  englishRecommendedBlacklistMatcherTransformers,
  englishRecommendedWhitelistMatcherTransformers,
  parseRawPattern,
  RegExpMatcher,
  resolveConfusablesTransformer,
  resolveLeetSpeakTransformer,
  toAsciiLowerCaseTransformer,
} from "obscenity";
import { frenchWords } from "./french-words.ts";
import type { Finding } from "./verdict.ts";

/** "é" → "e"; a lone combining mark is skipped, so "e\u0301" reads "e" too. */
const stripDiacritics = createSimpleTransformer((codePoint) => {
  const decomposed = String.fromCodePoint(codePoint).normalize("NFD");
  if (/^\p{M}/u.test(decomposed)) return undefined;
  return decomposed.codePointAt(0);
});

type Severity = Pick<Finding, "category" | "verdict">;

// obscenity's English words carry no category; ours decide the verdict.
const englishHate = new Set<EnglishProfaneWord>([
  "abeed",
  "abo",
  "africoon",
  "arabush",
  "boonga",
  "chingchong",
  "chink",
  "dyke",
  "fag",
  "kike",
  "negro",
  "nigger",
  "retard",
  "spastic",
  "tranny",
]);
// Anatomy and words a sex-education or health mentor may use: a human looks.
const englishReviewOnly = new Set<EnglishProfaneWord>([
  "anal",
  "anus",
  "arse",
  "ass",
  "boob",
  "penis",
  "piss",
  "sex",
  "tit",
  "turd",
  "vagina",
  "orgasm",
  "semen",
  "ejaculate",
  "masturbate",
  "incest",
]);
const englishSexual = new Set<EnglishProfaneWord>([
  "bestiality",
  "blowjob",
  "buttplug",
  "cum",
  "deepthroat",
  "dildo",
  "doggystyle",
  "double penetration",
  "felch",
  "fellatio",
  "finger bang",
  "fisting",
  "gangbang",
  "handjob",
  "hentai",
  "hooker",
  "jerk off",
  "jizz",
  "lubejob",
  "orgy",
  "porn",
  "slut",
  "whore",
  "scat",
]);

// Strong insults block; other profanity goes to a human ("Dick" is also a first name).
const englishBlockingProfanity = new Set<EnglishProfaneWord>([
  "fuck",
  "cunt",
  "twat",
  "bitch",
  "wank",
]);

function englishSeverity(word: EnglishProfaneWord): Severity {
  if (englishHate.has(word)) return { category: "hate", verdict: "block" };
  if (word === "rape") return { category: "violence", verdict: "block" };
  if (englishReviewOnly.has(word)) return { category: "sexual", verdict: "review" };
  if (englishSexual.has(word)) return { category: "sexual", verdict: "block" };
  return {
    category: "profanity",
    verdict: englishBlockingProfanity.has(word) ? "block" : "review",
  };
}

/** Accents off, lower case, repeated letters once: the form the French matcher reads. */
function frenchForm(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/(.)\1+/g, "$1");
}

const englishBuilt = englishDataset.build();
const englishMatcher = new RegExpMatcher({
  ...englishBuilt,
  // Ordinary words the English patterns catch: Latin honours, and French words starting with
  // "ass" (English words apply to French texts too). Whitelisted terms match as substrings.
  whitelistedTerms: [
    ...(englishBuilt.whitelistedTerms ?? []),
    "cum laude",
    "magna cum",
    "summa cum",
    "assez",
    "assis",
    "assiette",
    "assembl",
    "associ",
    "assur",
    "assum",
    "assaut",
    "assorti",
    "assidu",
    "asseoir",
  ],
  blacklistMatcherTransformers: [
    stripDiacritics,
    ...englishRecommendedBlacklistMatcherTransformers,
  ],
  whitelistMatcherTransformers: [
    stripDiacritics,
    ...englishRecommendedWhitelistMatcherTransformers,
  ],
});

const frenchDataset = new DataSet<{ index: number }>();
frenchWords.forEach((entry, index) => {
  frenchDataset.addPhrase((phrase) =>
    phrase.setMetadata({ index }).addPattern(parseRawPattern(`|${frenchForm(entry.word)}[s]|`)),
  );
});
const frenchMatcher = new RegExpMatcher({
  ...frenchDataset.build(),
  blacklistMatcherTransformers: [
    stripDiacritics,
    resolveConfusablesTransformer(),
    resolveLeetSpeakTransformer(),
    toAsciiLowerCaseTransformer(),
    collapseDuplicatesTransformer({ defaultThreshold: 1 }),
  ],
  // "Nègre littéraire" (ghostwriter) is a trade, however dated the word.
  whitelistedTerms: ["negre litteraire", "negres litteraires"],
  whitelistMatcherTransformers: [stripDiacritics, toAsciiLowerCaseTransformer()],
});

/** "f***" — the author and the admin see which word, not the word again. */
function masked(text: string, start: number, end: number): string {
  const word = text.slice(start, end);
  const first = String.fromCodePoint(word.codePointAt(0) ?? 42);
  return `${first}${"*".repeat(Math.max(2, [...word].length - 1))}`;
}

function spanOf(text: string, startIndex: number, endIndex: number): [number, number] {
  // obscenity's end is inclusive and points at a low surrogate for astral characters.
  return [startIndex, Math.min(text.length, endIndex + 1)];
}

const messages = {
  hate: "A slur or hateful word",
  sexual: "Sexual language",
  profanity: "Profanity or an insult",
  harassment: "A threat",
  violence: "Violent language",
} as const;

/** Profane, hateful or sexual words in English and French, wherever they are in the text. */
/**
 * English words always count (they turn up in French texts too); the French list applies to
 * French texts and to texts of unknown language, not to an English one ("bite-sized lessons").
 */
export function findProfanity(text: string, language?: string): Finding[] {
  const findings: Finding[] = [];
  // Enough to tell the author what to fix (a word repeated 4,000 times is one problem).
  const maxFindings = 50;
  for (const match of englishMatcher.getAllMatches(text, true).slice(0, maxFindings)) {
    const { phraseMetadata } = englishDataset.getPayloadWithPhraseMetadata(match);
    const word = phraseMetadata?.originalWord;
    if (!word) continue;
    const span = spanOf(text, match.startIndex, match.endIndex);
    const severity = englishSeverity(word);
    findings.push({
      ...severity,
      score: severity.verdict === "block" ? 0.95 : 0.7,
      message: `${messages[severity.category as keyof typeof messages]}: "${masked(text, ...span)}"`,
      span,
    });
  }
  const french = !language || /^fr\b/iu.test(language);
  for (const match of french ? frenchMatcher.getAllMatches(text, true).slice(0, maxFindings) : []) {
    const { phraseMetadata } = frenchDataset.getPayloadWithPhraseMetadata(match);
    const entry = phraseMetadata ? frenchWords[phraseMetadata.index] : undefined;
    if (!entry) continue;
    const span = spanOf(text, match.startIndex, match.endIndex);
    findings.push({
      category: entry.category,
      verdict: entry.verdict,
      score: entry.verdict === "block" ? 0.95 : 0.7,
      message: `${messages[entry.category]}: "${masked(text, ...span)}"`,
      span,
    });
  }
  return findings;
}
