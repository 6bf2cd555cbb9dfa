// type/subtype with optional parameters; no control characters, so it is safe as a header.
const contentTypePattern = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/i;

/** Throws unless `contentType` is a well-formed media type, e.g. `image/webp`. */
export function assertValidContentType(contentType: string): void {
  if (typeof contentType !== "string" || !contentTypePattern.test(contentType)) {
    throw new TypeError(`Invalid content type ${JSON.stringify(contentType)}`);
  }
}
