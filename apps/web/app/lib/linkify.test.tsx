import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("turns URLs into links and keeps the rest as text", () => {
    const html = renderToStaticMarkup(
      <p>{linkify("Open http://localhost:3000/api/auth/verify-email?token=a&x=1 now.\nThanks")}</p>,
    );
    expect(html).toBe(
      '<p>Open <a href="http://localhost:3000/api/auth/verify-email?token=a&amp;x=1">http://localhost:3000/api/auth/verify-email?token=a&amp;x=1</a> now.\nThanks</p>',
    );
  });

  it("escapes text (no HTML injection from an email body)", () => {
    expect(renderToStaticMarkup(<p>{linkify("<b>hi</b>")}</p>)).toBe(
      "<p>&lt;b&gt;hi&lt;/b&gt;</p>",
    );
  });
});
