import { createHash } from "node:crypto";
import type { FileStorage } from "@mentora/files";
import type { Metadata } from "sharp";
import { type AvatarSourceType, detectImageType } from "../avatars/index.ts";
import { AppError } from "../errors/index.ts";

/** Same bounds as avatars: 5 MB in, 40 megapixels (a small file claiming huge dimensions). */
export const maxAttachmentBytes = 5 * 1024 * 1024;
export const maxAttachmentPixels = 40_000_000;
/** Longest side once re-encoded: enough to read a screenshot, small enough for any phone. */
export const attachmentMaxSide = 1600;
/** Base64 of 5 MB is ~6.7 M characters: the bound leaves room for a data-URL prefix. */
export const maxAttachmentBase64Length = 7_000_000;
/** Private: served only by the conversation's attachment route, never by /files/*. */
export const ATTACHMENT_KEY_PREFIX = "message-attachments/";

const sharpFormatOf: Record<AvatarSourceType, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};
const inputOptions = {
  limitInputPixels: maxAttachmentPixels,
  failOn: "warning",
  autoOrient: true,
} as const;

export interface ProcessedAttachment {
  bytes: Uint8Array;
  contentType: "image/webp";
  width: number;
  height: number;
}

/**
 * Checks an image by its content (JPEG, PNG or WebP only: other files are refused, decision 035)
 * and re-encodes it as WebP within 1600 px, with no metadata (no GPS, no camera details).
 * Throws AppError ATTACHMENT_TOO_LARGE, ATTACHMENT_UNSUPPORTED_TYPE or ATTACHMENT_UNREADABLE.
 */
export async function processAttachment(bytes: Uint8Array): Promise<ProcessedAttachment> {
  if (bytes.byteLength > maxAttachmentBytes) {
    throw new AppError("ATTACHMENT_TOO_LARGE", { maxBytes: maxAttachmentBytes });
  }
  const type = detectImageType(bytes);
  if (!type) throw new AppError("ATTACHMENT_UNSUPPORTED_TYPE");
  // Loaded on the first image, not with the module: the web's cold start skips it (decision 059).
  const { default: sharp } = await import("sharp");
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { ...inputOptions, limitInputPixels: false }).metadata();
  } catch {
    throw new AppError("ATTACHMENT_UNREADABLE");
  }
  // The decoder must agree with the magic bytes.
  if (metadata.format !== sharpFormatOf[type]) throw new AppError("ATTACHMENT_UNSUPPORTED_TYPE");
  if (metadata.width * metadata.height > maxAttachmentPixels) {
    throw new AppError("ATTACHMENT_TOO_LARGE", { maxPixels: maxAttachmentPixels });
  }
  try {
    const { data, info } = await sharp(bytes, inputOptions)
      .resize(attachmentMaxSide, attachmentMaxSide, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .timeout({ seconds: 15 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: "image/webp", width: info.width, height: info.height };
  } catch {
    throw new AppError("ATTACHMENT_UNREADABLE");
  }
}

/** Stores a processed image under its content hash (immutable: a retry writes the same bytes). */
export async function storeAttachment(
  storage: FileStorage,
  attachment: ProcessedAttachment,
): Promise<string> {
  const hash = createHash("sha256").update(attachment.bytes).digest("hex").slice(0, 32);
  const key = `${ATTACHMENT_KEY_PREFIX}${hash}.webp`;
  await storage.put(key, attachment.bytes, {
    contentType: attachment.contentType,
    immutable: true,
  });
  return key;
}

const dataUrlPrefix = /^data:[a-z]+\/[a-z0-9.+-]+;base64,/i;
const base64Body = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 upload; what they are is decided from their content, never the prefix. */
export function decodeAttachmentBase64(input: string): Uint8Array {
  const body = input.replace(dataUrlPrefix, "").replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 === 1 || !base64Body.test(body)) {
    throw new AppError("ATTACHMENT_UNREADABLE");
  }
  return Buffer.from(body, "base64");
}
