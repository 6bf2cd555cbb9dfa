import type { Metadata } from "sharp";
import { AvatarError } from "./avatar-error.ts";
import { type AvatarSourceType, detectImageType } from "./detect-image-type.ts";

export const avatarSizes = [64, 256] as const;
export type AvatarSize = (typeof avatarSizes)[number];

export const maxAvatarBytes = 5 * 1024 * 1024;
/** Refuses decompression bombs: a small file claiming huge dimensions. */
export const maxAvatarPixels = 40_000_000;
/** A stuck or pathological decode must not hold a worker for long. */
const encodeTimeoutSeconds = 15;
const webpQuality = 82;

/**
 * sharp (libvips, a native library) is loaded on the first image, not when the module is:
 * the web server's cold start does not pay for it (decision 059).
 */
const loadSharp = async () => (await import("sharp")).default;

export interface ProcessedAvatarSize {
  size: AvatarSize;
  bytes: Uint8Array;
  contentType: "image/webp";
}

export interface ProcessedAvatar {
  sizes: ProcessedAvatarSize[];
}

const sharpFormatOf: Record<AvatarSourceType, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};

// failOn "warning" (sharp's default, spelled out): untrusted input with any decoder complaint
// is refused rather than half-decoded.
const inputOptions = {
  limitInputPixels: maxAvatarPixels,
  failOn: "warning",
  autoOrient: true,
} as const;

async function readMetadata(bytes: Uint8Array): Promise<Metadata> {
  const sharp = await loadSharp();
  try {
    // Only the header is read here, so no pixel limit: the dimensions are checked below, to
    // refuse a bomb as too large rather than as unreadable.
    return await sharp(bytes, { ...inputOptions, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new AvatarError("AVATAR_UNREADABLE", undefined, { cause: error });
  }
}

/** A square WebP, cover-cropped around the centre, upright, with no metadata at all. */
async function renderSize(bytes: Uint8Array, size: AvatarSize): Promise<ProcessedAvatarSize> {
  const sharp = await loadSharp();
  try {
    // Without keepExif/withMetadata sharp writes no EXIF, XMP, IPTC or ICC, and converts the
    // pixels to sRGB: GPS positions and camera details never leave the upload.
    const output = await sharp(bytes, inputOptions)
      .resize(size, size, { fit: "cover", position: "centre" })
      .webp({ quality: webpQuality })
      .timeout({ seconds: encodeTimeoutSeconds })
      .toBuffer();
    return { size, bytes: output, contentType: "image/webp" };
  } catch (error) {
    throw new AvatarError("AVATAR_UNREADABLE", undefined, { cause: error });
  }
}

/**
 * Checks an uploaded avatar by its content (JPEG, PNG or WebP, at most 5 MB and 40
 * megapixels) and re-encodes it as WebP at every avatar size. Throws AvatarError otherwise.
 */
export async function processAvatar(bytes: Uint8Array): Promise<ProcessedAvatar> {
  if (bytes.byteLength > maxAvatarBytes) {
    throw new AvatarError("AVATAR_TOO_LARGE", { maxBytes: maxAvatarBytes });
  }
  const type = detectImageType(bytes);
  if (!type) throw new AvatarError("AVATAR_UNSUPPORTED_TYPE");

  const metadata = await readMetadata(bytes);
  // The decoder must agree with the magic bytes.
  if (metadata.format !== sharpFormatOf[type]) throw new AvatarError("AVATAR_UNSUPPORTED_TYPE");
  // Checked before decoding any pixel; renderSize's limitInputPixels enforces it again.
  if (metadata.width * metadata.height > maxAvatarPixels) {
    throw new AvatarError("AVATAR_TOO_LARGE", { maxPixels: maxAvatarPixels });
  }

  const sizes: ProcessedAvatarSize[] = [];
  // One size at a time: each decode of a large photo can take a few hundred MB.
  for (const size of avatarSizes) sizes.push(await renderSize(bytes, size));
  return { sizes };
}
