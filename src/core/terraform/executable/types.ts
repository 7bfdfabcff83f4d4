/**
 * Constructs that make Terraform (or CI) run code that is not the provider's own reviewed logic: a
 * `terraform plan` runs `data "external"` programs and downloads providers and modules from wherever
 * the configuration says; `apply` runs provisioners; CI runs workflows and actions. They are policy, not
 * syntax: the agent may write them only when the repository's config lists them.
 */
export type ConstructKind =
  /** `data "external"`: runs a program during plan. */
  | "external"
  /** `provisioner "local-exec"`: runs a command on the machine running apply. */
  | "local-exec"
  /** `provisioner "remote-exec"`: runs commands on a remote host over a `connection`. */
  | "remote-exec"
  /** `provisioner "file"`: copies local files (any the runner can read) to a remote host. */
  | "file-provisioner"
  /** A module source that is neither a local path nor an allowed registry (git, http, s3, gcs, hg, archives). */
  | "module-source"
  /** A provider whose `source` host is not an allowed registry: its binary runs during init and plan. */
  | "provider-host"
  /** A GitHub Actions workflow file. */
  | "github-workflow"
  /** A GitHub Action definition or a file under `.github/actions/` (composite actions run shell). */
  | "github-action";

/** Kinds allowed by name in `allow.constructs`; module sources and provider hosts are allowed by value. */
export const NAMED_CONSTRUCTS = [
  "external",
  "local-exec",
  "remote-exec",
  "file-provisioner",
  "github-action",
] as const;
export type NamedConstruct = (typeof NAMED_CONSTRUCTS)[number];

export interface ExecutableConstruct {
  kind: ConstructKind;
  /** Path relative to the scanned root, `/` separators. */
  file: string;
  line: number | null;
  /**
   * Stable identity within its file, independent of line numbers (`data.external.x`,
   * `aws_instance.web.provisioner.local-exec[0]`, `module.vpc`, `provider.evil`): compared against the
   * file's previous content to tell what a change added from what was already there.
   */
  address: string;
  /** The value the policy is decided on: the module source, the provider source; null otherwise. */
  value: string | null;
  /** One line for people: what it is and why it matters. */
  description: string;
}

/** What the repository allows, after defaults (see `executablePolicy` for the config mapping). */
export interface ExecutablePolicy {
  constructs: readonly ConstructKind[];
  /** picomatch globs (or exact strings) a module source may match, beyond local paths and registry hosts. */
  moduleSources: readonly string[];
  /** Registry hosts providers and registry modules may come from. */
  registryHosts: readonly string[];
}

/** The public registries; everything else is opt-in. */
export const DEFAULT_REGISTRY_HOSTS = ["registry.terraform.io", "registry.opentofu.org"] as const;
