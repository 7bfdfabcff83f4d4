/**
 * What setup writes into generated YAML and HCL comes from a webhook payload (owner, repository, branch)
 * or from the repository itself (root directories): data, never syntax. Each value must have the shape
 * GitHub and Terraform allow for it; anything else is refused by name, not escaped into a file someone
 * might apply with administrator credentials.
 */
const SHAPES = {
  owner: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
  repository: /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/,
  branch: /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]{1,200}$/,
  environment: /^[A-Za-z0-9._-]{1,100}$/,
  // The drift report's root shape: relative, no `..`, no spaces or quotes.
  root: /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w.\-/]{1,200}$/,
  actionRef:
    /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}(?:\/[A-Za-z0-9._-]{1,100}){0,4}@[A-Za-z0-9._/-]{1,100}$/,
} as const;

export type NameKind = keyof typeof SHAPES;

const WHAT: Record<NameKind, string> = {
  owner: "a GitHub user or organization name",
  repository: "a repository name (letters, digits, . _ -)",
  branch: "a plain branch name",
  environment: "an environment name (letters, digits, . _ -)",
  root: "a relative directory of letters, digits, . _ - /",
  actionRef: "an Action reference like acme/aws-devops-agent/action@v1",
};

export function safeName(kind: NameKind, value: string): boolean {
  return SHAPES[kind].test(value);
}

export class UnsafeNameError extends Error {
  constructor(
    readonly kind: NameKind,
    readonly value: string,
  ) {
    super(
      `${kind} ${JSON.stringify(value.slice(0, 120))} is not ${WHAT[kind]}; setup writes no file with it`,
    );
    this.name = "UnsafeNameError";
  }
}

export function requireName(kind: NameKind, value: string): string {
  if (!safeName(kind, value)) throw new UnsafeNameError(kind, value);
  return value;
}
