import { describe, expect, it } from "vitest";
import { digestMaxLines, renderNotificationDigest } from "./notification-digest.ts";

const url = "https://app.mentora.test/notifications";

describe("notification digest", () => {
  it("lists at most 20 lines, counts the rest, in the recipient's language", () => {
    const lines = Array.from({ length: 25 }, (_, i) => `Line ${i + 1}`);
    const english = renderNotificationDigest({ locale: "en", name: "Ada", lines, url });
    expect(english.subject).toBe("25 new notification(s) on Mentora");
    expect(english.text).toContain("• Line 20");
    expect(english.text).not.toContain("• Line 21");
    expect(english.text).toContain("…and 5 more.");
    expect(english.text).toContain(url);
    expect(english.text.match(/^• /gm)).toHaveLength(digestMaxLines);
    const french = renderNotificationDigest({ locale: "fr", name: "Ada", lines, url });
    expect(french.subject).toBe("25 nouvelle(s) notification(s) sur Mentora");
    expect(french.text).toContain("…et 5 de plus.");
    expect(french.html).toContain('<html lang="fr">');
  });

  it("escapes what a line carries (an offering title is a mentor's text)", () => {
    const email = renderNotificationDigest({
      locale: "en",
      name: "Ada",
      lines: ['Booking confirmed: <img src=x onerror="alert(1)">, Mon 10:00'],
      url,
    });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
