import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { AvatarError, type AvatarErrorCode } from "./avatar-error.ts";
import { maxAvatarBytes, processAvatar } from "./process-avatar.ts";
import {
  jpegWithPrivateMetadata,
  largeJpeg,
  noisePng,
  pixelAt,
  secretCopyright,
  secretXmpLocation,
  sidewaysJpeg,
  solidPng,
  webpChunkNames,
} from "./testing/images.ts";

async function refusal(bytes: Uint8Array): Promise<AvatarErrorCode> {
  const error = await processAvatar(bytes).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AvatarError);
  return (error as AvatarError).code;
}

function isClose(actual: { r: number; g: number; b: number }, expected: typeof actual): boolean {
  return (
    Math.abs(actual.r - expected.r) < 40 &&
    Math.abs(actual.g - expected.g) < 40 &&
    Math.abs(actual.b - expected.b) < 40
  );
}

describe("processAvatar", () => {
  it("re-encodes to square WebP at exactly 64x64 and 256x256", async () => {
    const { sizes } = await processAvatar(await solidPng(640, 480));
    expect(sizes.map(({ size, contentType }) => ({ size, contentType }))).toEqual([
      { size: 64, contentType: "image/webp" },
      { size: 256, contentType: "image/webp" },
    ]);
    for (const { size, bytes } of sizes) {
      const metadata = await sharp(bytes).metadata();
      expect(metadata).toMatchObject({ format: "webp", width: size, height: size });
    }
  });

  it("accepts JPEG, PNG and WebP sources, and a PNG whatever it was named", async () => {
    const image = sharp({ create: { width: 300, height: 300, channels: 4, background: "#0a0" } });
    for (const source of [
      await image.clone().jpeg().toBuffer(),
      await image.clone().png().toBuffer(),
      await image.clone().webp().toBuffer(),
    ]) {
      expect((await processAvatar(source)).sizes).toHaveLength(2);
    }
    const renamed = new File([await solidPng(100, 100)], "me.jpg", { type: "image/jpeg" });
    const fromUpload = await processAvatar(new Uint8Array(await renamed.arrayBuffer()));
    expect(fromUpload.sizes).toHaveLength(2);
  });

  it("strips EXIF (with GPS), XMP and the ICC profile", async () => {
    const source = await jpegWithPrivateMetadata();
    const before = await sharp(source).metadata();
    // The fixture really carries all of it.
    expect(before.exif?.includes(secretCopyright)).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer tag
    expect(before.xmpAsString).toContain(secretXmpLocation);
    expect(before.icc).toBeDefined();

    for (const { bytes } of (await processAvatar(source)).sizes) {
      const after = await sharp(bytes).metadata();
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(after.hasProfile).toBe(false);
      // Byte-level proof: only image data chunks, and no trace of the secrets.
      expect(
        webpChunkNames(bytes).every((name) => ["VP8 ", "VP8L", "VP8X", "ALPH"].includes(name)),
      ).toBe(true);
      const raw = Buffer.from(bytes);
      expect(raw.includes(secretCopyright)).toBe(false);
      expect(raw.includes(secretXmpLocation)).toBe(false);
    }
  });

  it("turns an EXIF-rotated photo upright", async () => {
    const source = await sidewaysJpeg();
    expect((await sharp(source).metadata()).orientation).toBe(6);
    const large = (await processAvatar(source)).sizes.find(({ size }) => size === 256)!;
    // Upright, the red half is on top and the blue half below (sideways: left and right).
    expect(isClose(await pixelAt(large.bytes, 128, 40), { r: 220, g: 0, b: 0 })).toBe(true);
    expect(isClose(await pixelAt(large.bytes, 128, 215), { r: 0, g: 0, b: 220 })).toBe(true);
    expect((await sharp(large.bytes).metadata()).orientation).toBeUndefined();
  });

  it("refuses a text file, whatever its name (AVATAR_UNSUPPORTED_TYPE)", async () => {
    const upload = new File(["I am not a picture"], "avatar.png", { type: "image/png" });
    expect(await refusal(new Uint8Array(await upload.arrayBuffer()))).toBe(
      "AVATAR_UNSUPPORTED_TYPE",
    );
  });

  it.each([
    [
      "SVG",
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
    ],
    [
      "GIF",
      () =>
        sharp({ create: { width: 9, height: 9, channels: 3, background: "#fff" } })
          .gif()
          .toBuffer(),
    ],
    [
      "TIFF",
      () =>
        sharp({ create: { width: 9, height: 9, channels: 3, background: "#fff" } })
          .tiff()
          .toBuffer(),
    ],
    [
      "AVIF",
      () =>
        sharp({ create: { width: 9, height: 9, channels: 3, background: "#fff" } })
          .avif()
          .toBuffer(),
    ],
  ])(
    "refuses %s images, which sharp could read (AVATAR_UNSUPPORTED_TYPE)",
    async (_format, build) => {
      expect(await refusal(await build())).toBe("AVATAR_UNSUPPORTED_TYPE");
    },
  );

  it("refuses a real 6 MB image (AVATAR_TOO_LARGE)", async () => {
    const big = await noisePng(6 * 1024 * 1024);
    expect(big.byteLength).toBeGreaterThan(6 * 1024 * 1024);
    expect(await refusal(big)).toBe("AVATAR_TOO_LARGE");
  });

  it("refuses a decompression bomb: a small file of 48 megapixels (AVATAR_TOO_LARGE)", async () => {
    const bomb = await solidPng(8000, 6000);
    expect(bomb.byteLength).toBeLessThan(maxAvatarBytes);
    expect(await refusal(bomb)).toBe("AVATAR_TOO_LARGE");
  });

  it("refuses corrupt image data behind valid magic bytes (AVATAR_UNREADABLE)", async () => {
    const png = await solidPng(200, 200);
    const truncated = png.subarray(0, 60);
    expect(await refusal(truncated)).toBe("AVATAR_UNREADABLE");
    const garbage = Buffer.concat([png.subarray(0, 8), Buffer.alloc(500, 0x41)]);
    expect(await refusal(garbage)).toBe("AVATAR_UNREADABLE");
  });

  describe("a 5 MB photo", () => {
    let photo: Buffer;
    beforeAll(async () => {
      photo = await largeJpeg();
    }, 60_000);

    it("is accepted and processed in reasonable time", async () => {
      expect(photo.byteLength).toBeGreaterThan(4 * 1024 * 1024);
      expect(photo.byteLength).toBeLessThanOrEqual(maxAvatarBytes);
      const started = performance.now();
      const { sizes } = await processAvatar(photo);
      const elapsedMs = performance.now() - started;
      expect(sizes.map(({ size }) => size)).toEqual([64, 256]);
      // Generous bound for slow CI machines; typical timings are in the report.
      expect(elapsedMs).toBeLessThan(10_000);
    });
  });
});
