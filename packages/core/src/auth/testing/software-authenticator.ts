import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

/**
 * A passkey in memory, for tests without a browser: answers better-auth's registration and
 * authentication options the way an authenticator with a PIN would (attestation "none",
 * ES256), so the real plugin verifies real signatures.
 */
export function softwareAuthenticator(origin: string, options: { userVerified?: boolean } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credentialId = randomBytes(16);
  const id = isoBase64URL.fromBuffer(credentialId);
  // User present, plus user verified unless a test asks for a presence-only key.
  const flags = 0x01 | (options.userVerified === false ? 0 : 0x04);
  let counter = 0;

  function authData(rpId: string, extra: number, tail: Uint8Array = new Uint8Array()) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const rpIdHash = createHash("sha256").update(rpId).digest();
    return Buffer.concat([rpIdHash, Buffer.from([flags | extra]), count, tail]);
  }

  function clientData(type: string, challenge: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    id,
    /** The JSON a browser's navigator.credentials.create() gives @simplewebauthn/browser. */
    register(optionsJSON: { challenge: string; rp: { id: string } }) {
      const cose = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, isoBase64URL.toBuffer(jwk.x as string)],
          [-3, isoBase64URL.toBuffer(jwk.y as string)],
        ]),
      );
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, cose]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", new Uint8Array(authData(optionsJSON.rp.id, 0x40, attested))],
        ]) as never,
      );
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(
            clientData("webauthn.create", optionsJSON.challenge),
          ),
          attestationObject: isoBase64URL.fromBuffer(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
      };
    },
    /** The JSON navigator.credentials.get() gives, signed with this key. */
    authenticate(optionsJSON: { challenge: string; rpId: string }) {
      counter += 1;
      const data = authData(optionsJSON.rpId, 0);
      const client = clientData("webauthn.get", optionsJSON.challenge);
      const signed = Buffer.concat([data, createHash("sha256").update(client).digest()]);
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: isoBase64URL.fromBuffer(client),
          authenticatorData: isoBase64URL.fromBuffer(data),
          signature: isoBase64URL.fromBuffer(sign("sha256", signed, privateKey)),
        },
        clientExtensionResults: {},
      };
    },
  };
}
