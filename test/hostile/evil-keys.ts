// Hostile fixtures: private key blocks built from deterministic bytes, so no real key is ever committed and
// the tests never depend on a tool that generates keys.
import { createHash } from "node:crypto";

function bytes(seed: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i += 1)
    out.push(createHash("sha256").update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, length);
}

function wrap(base64: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += width) lines.push(base64.slice(i, i + width));
  return lines;
}

/** Body lines of a PEM key (64 columns), from a DER-like byte string. */
export function pemBody(seed = "rsa"): string[] {
  return wrap(
    Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xa4]), bytes(seed, 1190)]).toString("base64"),
    64,
  );
}

export function pemKey(kind = "RSA PRIVATE KEY", seed = "rsa"): string {
  return [`-----BEGIN ${kind}-----`, ...pemBody(seed), `-----END ${kind}-----`].join("\n");
}

/** An OpenSSH key: `openssh-key-v1\0` then key material, wrapped at 70 columns. */
export function opensshKey(seed = "ed25519"): string {
  const body = Buffer.concat([Buffer.from("openssh-key-v1\0"), bytes(seed, 380)]).toString("base64");
  return ["-----BEGIN OPENSSH PRIVATE KEY-----", ...wrap(body, 70), "-----END OPENSSH PRIVATE KEY-----"].join(
    "\n",
  );
}

/** An ASCII-armoured PGP private key block: headers, blank line, body, checksum. */
export function pgpKey(seed = "pgp"): string {
  return [
    "-----BEGIN PGP PRIVATE KEY BLOCK-----",
    "Version: GnuPG v2",
    "Comment: evil fixture",
    "",
    ...wrap(bytes(seed, 900).toString("base64"), 64),
    "=tW9p",
    "-----END PGP PRIVATE KEY BLOCK-----",
  ].join("\n");
}

/** Every body line of `key` (not the BEGIN/END/armour lines): what must never appear in any output. */
export function bodyLines(key: string): string[] {
  return key.split("\n").filter((line) => /^[A-Za-z0-9+/]{20,}={0,2}$/.test(line));
}

/** Asserts no body line (nor any 24-character piece of one) of `key` is in `text`. */
export function leakedPieces(key: string, text: string): string[] {
  const pieces: string[] = [];
  for (const line of bodyLines(key))
    for (let i = 0; i + 24 <= line.length; i += 24) pieces.push(line.slice(i, i + 24));
  return pieces.filter((piece) => text.includes(piece));
}
