import { randomBytes } from "node:crypto";
import sharp from "sharp";

export const red = { r: 220, g: 0, b: 0 };
export const blue = { r: 0, g: 0, b: 220 };

export function solidPng(width: number, height: number, background = red): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** A real PNG of random noise (barely compressible) of at least `minBytes`. */
export function noisePng(minBytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(minBytes / 3)) + 8;
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A noisy 12-megapixel JPEG of just under 5 MB: the slowest upload we accept. */
export async function largeJpeg(): Promise<Buffer> {
  const noise = { type: "gaussian", mean: 128, sigma: 30 } as const;
  for (const quality of [84, 80, 76, 70]) {
    const jpeg = await sharp({
      create: { width: 4000, height: 3000, channels: 3, noise, background: "#808080" },
    })
      .jpeg({ quality })
      .toBuffer();
    if (jpeg.byteLength <= 5 * 1024 * 1024) return jpeg;
  }
  throw new Error("Could not build a JPEG under 5 MB");
}

export const secretCopyright = "Mentora-test-copyright-4f1c";
export const secretXmpLocation = "Mentora-test-xmp-city-9b2e";

/** A JPEG carrying EXIF (IFD0 + GPS in IFD3), XMP and a Display P3 ICC profile. */
export function jpegWithPrivateMetadata(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: blue } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: secretCopyright, Artist: "Test Camera Owner" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "48/1 51/1 24/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "2/1 21/1 3/1",
      },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="${secretXmpLocation}"/></rdf:RDF></x:xmpmeta>`,
    )
    .withIccProfile("p3")
    .toBuffer();
}

/**
 * A landscape JPEG, red on the left half and blue on the right, tagged with EXIF orientation
 * 6 ("rotate 90° clockwise to view"): displayed upright it is portrait, red on top.
 */
export async function sidewaysJpeg(): Promise<Buffer> {
  const half = (background: typeof red) =>
    sharp({ create: { width: 100, height: 100, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp({ create: { width: 200, height: 100, channels: 3, background: red } })
    .composite([
      { input: await half(red), left: 0, top: 0 },
      { input: await half(blue), left: 100, top: 0 },
    ])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** The FourCC of every chunk in a WebP (RIFF) file, e.g. ["VP8X", "VP8 "]. */
export function webpChunkNames(bytes: Uint8Array): string[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  let offset = 12;
  while (offset + 8 <= view.length) {
    names.push(view.toString("latin1", offset, offset + 4));
    const size = view.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return names;
}

/** The RGB of one pixel of an encoded image. */
export async function pixelAt(image: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(image)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const index = (y * info.width + x) * info.channels;
  return { r: data[index]!, g: data[index + 1]!, b: data[index + 2]! };
}
