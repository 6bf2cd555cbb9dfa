/** Largest WebAuthn answer accepted from a form: real ones are a few kilobytes. */
const MAX_ANSWER_LENGTH = 32_768;

/**
 * The browser's WebAuthn answer, posted by PasskeyButton as JSON in the "response" field: an
 * object, or null for anything else. Its shape is only claimed: better-auth's plugin checks
 * everything inside it.
 */
export function passkeyAnswer<T extends object>(form: FormData): T | null {
  const raw = form.get("response");
  if (typeof raw !== "string" || raw.length > MAX_ANSWER_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}
