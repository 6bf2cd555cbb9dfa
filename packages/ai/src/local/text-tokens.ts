/** Accent-less, lower-case words of two letters or more, without the commonest EN/FR words. */
const stopwords = new Set(
  (
    "a an and are as at be but by for from have i in into is it me my of on or so that the this to " +
    "we with you your want need looking help learn someone who can about how au aux avec ce ces " +
    "dans de des du elle en est et il je la le les leur ma mes mon ne nous on ou par pas pour qui " +
    "que sa se ses son sur ta te tes ton tu un une vos votre vous cherche besoin aide apprendre " +
    "quelqu veux voudrais"
  ).split(" "),
);

export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function tokens(text: string): string[] {
  return (
    fold(text).match(/[\p{L}\p{N}][\p{L}\p{N}+#.]*[\p{L}\p{N}+#]|[\p{L}\p{N}]{2,}/gu) ?? []
  ).filter((word) => word.length >= 2 && !stopwords.has(word));
}

/** Crude stem so "reviews"/"review", "développeuse"/"développeur" meet: the first 5 letters. */
export function stem(word: string): string {
  return word.length > 6 ? word.slice(0, 6) : word.replace(/s$/u, "");
}
