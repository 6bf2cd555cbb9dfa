export type AvatarSourceType = "image/jpeg" | "image/png" | "image/webp";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/**
 * The image type the bytes themselves declare (magic numbers), for the formats avatars
 * accept. File names and client-declared types are never trusted.
 */
export function detectImageType(bytes: Uint8Array): AvatarSourceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, pngSignature)) return "image/png";
  // RIFF container: "RIFF" <4-byte size> "WEBP".
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return undefined;
}
