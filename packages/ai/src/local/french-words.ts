/**
 * French words and phrases for the local text moderation (obscenity ships English only).
 *
 * Source: the French list of "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"
 * (https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words/blob/master/fr,
 * CC BY 4.0), curated for a mentoring platform: entries that are ordinary words in a profile
 * ("bosser", "drague", "folle", "meuf", "veuve", "gueule", "bordel", "caca", "pipi", "péter",
 * "jouir", "baiser" (also "to kiss"), "con" and "cul" (inside "conseil", "culture")) were
 * dropped; a few common slurs and insults missing from it were added (marked "added").
 *
 * Words are written naturally: the matcher strips accents and collapses repeated letters of both
 * the text and the word, so "enculé", "ENCULLÉÉ" and "encul3" meet. Each word matches as a whole
 * word, with an optional plural "s" or "x".
 */
export type FrenchWord = {
  word: string;
  category: "hate" | "sexual" | "profanity" | "harassment";
  /** What the word alone calls for (the strictest finding decides the verdict). */
  verdict: "review" | "block";
};

const hate = (word: string): FrenchWord => ({ word, category: "hate", verdict: "block" });
const sexual = (word: string, verdict: FrenchWord["verdict"] = "block"): FrenchWord => ({
  word,
  category: "sexual",
  verdict,
});
const insult = (word: string, verdict: FrenchWord["verdict"] = "block"): FrenchWord => ({
  word,
  category: "profanity",
  verdict,
});
const threat = (word: string): FrenchWord => ({ word, category: "harassment", verdict: "block" });

export const frenchWords: readonly FrenchWord[] = [
  // Slurs (homophobic, racist).
  hate("gouine"),
  hate("nègre"),
  hate("pédale"),
  hate("pédé"),
  hate("tapette"),
  hate("bougnoule"), // added
  hate("youpin"), // added
  hate("bamboula"), // added
  // Sexual.
  sexual("avale mon chibre"),
  sexual("bigornette"),
  sexual("bite"),
  sexual("bitte"),
  sexual("brackmard"),
  sexual("branlage"),
  sexual("branler"),
  sexual("branlette"),
  sexual("brouter le cresson"),
  sexual("chatte"),
  sexual("clito"),
  sexual("cramouille"),
  sexual("enorme teub"),
  sexual("foutre"),
  sexual("palucher"),
  sexual("partouze"), // added
  sexual("sucer", "review"), // added: also "to suck (a sweet)"
  sexual("teub"),
  sexual("teubasse"),
  sexual("teubette"),
  sexual("tringler"),
  sexual("turlute"),
  sexual("zigounette"),
  sexual("zizi", "review"),
  // Insults and profanity.
  insult("aspire-crotte"),
  insult("branleur"),
  insult("branleuse"),
  insult("connard"),
  insult("connasse"),
  insult("conne", "review"),
  insult("couilles", "review"),
  insult("emmerdeur", "review"),
  insult("emmerdeuse", "review"),
  insult("enculé"),
  insult("enculée"),
  insult("enculeur"),
  insult("enfoiré"),
  insult("enfoirée"),
  insult("étron", "review"),
  insult("fille de pute"),
  insult("fils de pute"),
  insult("grognasse"),
  insult("la putain de ta mère"),
  insult("mange mes couilles"),
  insult("merde", "review"),
  insult("merdeuse", "review"),
  insult("merdeux", "review"),
  insult("nique ta mère"),
  insult("nique ta race"),
  insult("nique ton père"),
  insult("ntm"), // added: "nique ta mère"
  insult("pouffiasse"),
  insult("putain", "review"),
  insult("pute"),
  insult("sac à merde"),
  insult("salaud"),
  insult("salope"),
  insult("trou du cul"),
  insult("ta gueule"), // added
  // Threats.
  threat("j'espère que tu vas crever"),
  threat("je vais te tuer"), // added
  threat("va crever"), // added
];
