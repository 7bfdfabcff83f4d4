/**
 * Where a module or provider comes from, following Terraform's own address rules: a module source is a
 * local path (`./`, `../`), a registry address (`ns/name/system`, optionally `host/` first and `//subdir`
 * after), or anything else go-getter understands (git, hg, http, s3, gcs, archives, GitHub/Bitbucket
 * shorthands), which fetches code from outside any registry.
 */
export type ModuleOrigin =
  { kind: "local" } | { kind: "registry"; host: string } | { kind: "remote"; scheme: string };

const REGISTRY =
  /^(?:([A-Za-z0-9.-]+(?::\d+)?)\/)?[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9]+(?:\/\/[^?#]*)?$/;
// Terraform treats these hosts as go-getter shorthands, never as registries.
const SHORTHAND_HOSTS = new Set(["github.com", "bitbucket.org"]);
const DEFAULT_HOST = "registry.terraform.io";

export function moduleOrigin(source: string): ModuleOrigin {
  const value = source.trim();
  if (value.startsWith("./") || value.startsWith("../")) return { kind: "local" };
  const forced = /^([A-Za-z0-9]+)::/.exec(value)?.[1];
  if (forced !== undefined) return { kind: "remote", scheme: forced.toLowerCase() };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1];
  if (scheme !== undefined) return { kind: "remote", scheme: scheme.toLowerCase() };
  const match = REGISTRY.exec(value);
  if (match !== null) {
    const host = match[1];
    if (host === undefined) return { kind: "registry", host: DEFAULT_HOST };
    // A first segment without a dot is a namespace of a 4-part address Terraform rejects; not a host.
    if (host.includes(".") && !SHORTHAND_HOSTS.has(host.toLowerCase()))
      return { kind: "registry", host: host.toLowerCase() };
  }
  if (/^git@/.test(value)) return { kind: "remote", scheme: "git" };
  if (/^(github\.com|bitbucket\.org)\//i.test(value)) return { kind: "remote", scheme: "github-shorthand" };
  // Anything else (an archive path, an interpolation, a bare host path) is fetched by go-getter.
  return { kind: "remote", scheme: "unknown" };
}

/**
 * The host a provider `source` names (`hashicorp/aws` → the default registry; `example.com/ns/x` →
 * `example.com`). Null for a source Terraform would reject (it installs nothing then).
 */
export function providerHost(source: string): string | null {
  const parts = source.trim().split("/");
  if (parts.some((p) => p === "")) return null;
  if (parts.length === 1 || parts.length === 2) return DEFAULT_HOST;
  if (parts.length === 3) return (parts[0] ?? "").toLowerCase();
  return null;
}
