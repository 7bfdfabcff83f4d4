// An independent AWS Signature Version 4 check, written from AWS's published algorithm (not the SDK's
// signer), so a test can tell a request would pass AWS's own verification.
import { createHash, createHmac } from "node:crypto";

export interface SignedRequest {
  method: string;
  /** The path as sent, query included, already percent-encoded once. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SigV4Scope {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: Buffer | string, text: string): Buffer =>
  createHmac("sha256", key).update(text, "utf8").digest();
const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function header(headers: SignedRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** Null when the request carries a valid signature for `scope`, otherwise what is wrong. */
export function sigV4Problem(request: SignedRequest, scope: SigV4Scope): string | null {
  const auth = AUTH.exec(header(request.headers, "authorization") ?? "");
  if (auth === null) return "no AWS4-HMAC-SHA256 Authorization header";
  const [, keyId, date, region, service, signedHeaders, signature] = auth as unknown as string[];
  if (keyId !== scope.accessKeyId) return `signed with key ${keyId}, expected ${scope.accessKeyId}`;
  if (region !== scope.region || service !== scope.service) return `scope ${region}/${service}`;
  const amzDate = header(request.headers, "x-amz-date") ?? "";
  if (!amzDate.startsWith(date ?? "-")) return "x-amz-date does not match the credential scope date";
  const names = (signedHeaders ?? "").split(";");
  if (!names.includes("host")) return "the host header is not signed";
  const [rawPath = "/", query = ""] = request.path.split("?");
  // Every service but S3 signs each path segment encoded a second time.
  const canonicalUri = rawPath.split("/").map(rfc3986).join("/");
  const canonicalQuery = query === "" ? "" : query.split("&").sort().join("&");
  const canonicalHeaders = names
    .map((n) => `${n}:${(header(request.headers, n) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const payloadHash = sha256(request.body);
  const declared = header(request.headers, "x-amz-content-sha256");
  if (declared !== undefined && declared !== payloadHash)
    return "x-amz-content-sha256 does not match the body";
  const canonical = [
    request.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const credentialScope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, credentialScope, sha256(canonical)].join("\n");
  let key = hmac(`AWS4${scope.secretAccessKey}`, date ?? "");
  for (const part of [region ?? "", service ?? "", "aws4_request"]) key = hmac(key, part);
  const expected = createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return expected === signature ? null : "the signature does not match the request";
}
