import sharp from "sharp";

/**
 * Images generated on the fly for tests: nothing downloaded, nothing offensive in the repository.
 * A "neutral" image is a sky-to-grass gradient with a house-like block; "skin tone" is a flat
 * beige, the colour a naive detector confuses with nudity.
 */
export async function neutralImage(
  format: "png" | "jpeg" | "webp" = "png",
  side = 320,
): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#5b9bd5"/><stop offset="0.6" stop-color="#cfe3f5"/>
      <stop offset="0.6" stop-color="#4f8f3a"/><stop offset="1" stop-color="#2f5f22"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <rect x="${side * 0.3}" y="${side * 0.4}" width="${side * 0.35}" height="${side * 0.25}" fill="#8b4513"/>
    <polygon points="${side * 0.27},${side * 0.4} ${side * 0.475},${side * 0.22} ${side * 0.68},${side * 0.4}" fill="#a52a2a"/>
    <rect x="${side * 0.44}" y="${side * 0.52}" width="${side * 0.07}" height="${side * 0.13}" fill="#3b2a1a"/>
  </svg>`;
  const image = sharp(Buffer.from(svg));
  const encoded = format === "png" ? image.png() : format === "jpeg" ? image.jpeg() : image.webp();
  return new Uint8Array(await encoded.toBuffer());
}

export async function flatImage(
  rgb: { r: number; g: number; b: number },
  side = 256,
): Promise<Uint8Array> {
  const buffer = await sharp({
    create: { width: side, height: side, channels: 3, background: rgb },
  })
    .png()
    .toBuffer();
  return new Uint8Array(buffer);
}

export const skinTone = { r: 224, g: 172, b: 138 } as const;
