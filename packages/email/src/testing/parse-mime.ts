/**
 * Just enough MIME for tests: headers (unfolded, RFC 2047 words decoded), nested multiparts,
 * and base64 / quoted-printable bodies. Assumes UTF-8, as our transport always sends.
 */
export interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
  parts: MimePart[];
}

function decodeQuotedPrintable(input: string): Buffer {
  const unwrapped = input.replace(/=\r?\n/g, "");
  const binary = unwrapped.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(binary, "latin1");
}

const encodedWord = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;

/** Decodes runs of adjacent encoded words together: a character may span two of them. */
function decodeHeaderValue(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, "?==?");
  return joined.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes = [...run.matchAll(encodedWord)].map(([, encoding, text = ""]) =>
      encoding?.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
    return Buffer.concat(bytes).toString("utf8");
  });
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeHeaderValue(line.slice(colon + 1).trim()));
  }
  return headers;
}

export function headerParam(value: string | undefined, name: string): string | undefined {
  return value?.match(new RegExp(`${name}="?([^";]+)"?`, "i"))?.[1];
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch (encoding?.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64");
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, "latin1");
  }
}

/** `raw` is read as latin1 so bytes survive until each body is decoded. */
export function parseMime(raw: Buffer | string): MimePart {
  const text = typeof raw === "string" ? raw : raw.toString("latin1");
  const split = text.search(/\r?\n\r?\n/);
  const headerBlock = split === -1 ? text : text.slice(0, split);
  const bodyText = split === -1 ? "" : text.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = parseHeaders(headerBlock);
  const contentType = headers.get("content-type") ?? "text/plain";
  const boundary = headerParam(contentType, "boundary");
  if (contentType.toLowerCase().startsWith("multipart/") && boundary) {
    const sections = bodyText.split(`--${boundary}`).slice(1, -1);
    const parts = sections.map((section) =>
      parseMime(section.replace(/^\r?\n/, "").replace(/\r?\n$/, "")),
    );
    return { headers, body: Buffer.alloc(0), parts };
  }
  return {
    headers,
    body: decodeBody(bodyText, headers.get("content-transfer-encoding")),
    parts: [],
  };
}

/** Every non-multipart part, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}
