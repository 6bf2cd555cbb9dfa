import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectImageType } from "./detect-image-type.ts";
import { solidPng } from "./testing/images.ts";

describe("detectImageType", () => {
  it("recognises JPEG, PNG and WebP by their bytes", async () => {
    const image = sharp({ create: { width: 4, height: 4, channels: 3, background: "#123" } });
    expect(detectImageType(await image.clone().jpeg().toBuffer())).toBe("image/jpeg");
    expect(detectImageType(await image.clone().png().toBuffer())).toBe("image/png");
    expect(detectImageType(await image.clone().webp().toBuffer())).toBe("image/webp");
  });

  it("goes by content, not by name or declared type: a PNG uploaded as photo.jpg is a PNG", async () => {
    const upload = new File([await solidPng(8, 8)], "photo.jpg", { type: "image/jpeg" });
    expect(detectImageType(new Uint8Array(await upload.arrayBuffer()))).toBe("image/png");
  });

  it.each([
    ["a text file", new TextEncoder().encode("just some notes, renamed notes.png")],
    ["an SVG", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["a GIF", new TextEncoder().encode("GIF89a\x01\x00\x01\x00")],
    ["a RIFF that is not WebP (WAV)", new TextEncoder().encode("RIFF\x24\x00\x00\x00WAVEfmt ")],
    ["a truncated PNG signature", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ["nothing", new Uint8Array()],
  ])("returns undefined for %s", (_label, bytes) => {
    expect(detectImageType(bytes)).toBeUndefined();
  });
});
