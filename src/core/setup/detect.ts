/** What `/agent setup` looks at, read from the default branch (the task gathers it from a clone). */
export interface SetupFacts {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Root modules the inventory found (or `terraform.roots` chose), `""` for the repository root. */
  roots: string[];
  /** Every `.github/workflows/*.yml` and staged `.github/devops-agent/workflows/*.yml`: path and text. */
  workflows: { path: string; text: string }[];
  configExists: boolean;
  /** The OIDC roles setup writes, already in the repository (a previous setup PR merged). */
  oidcTemplatePresent: boolean;
  /** A GitHub OIDC provider the repository's Terraform already manages (only one may exist per account). */
  existingProvider: { file: string; address: string } | null;
}

export type SetupItemId = "plan-workflow" | "apply-workflow" | "drift-workflow" | "config" | "oidc";

export interface SetupItem {
  id: SetupItemId;
  /** present: in place; staged: a previous setup PR put it in `.github/devops-agent/workflows/`, not moved. */
  status: "present" | "staged" | "missing";
  /** Where it is (present, staged) or where setup puts it (missing). */
  path: string;
}

export const STAGED_WORKFLOWS = ".github/devops-agent/workflows";
export const OIDC_DIR = ".github/devops-agent/aws-oidc";
const ACTIVE_WORKFLOWS = ".github/workflows";

/** `uses:` of our Action: any owner's `aws-devops-agent/action`, or the deployment's own reference. */
export function usesOurAction(text: string, actionRef: string | null): boolean {
  const own = actionRef ? actionRef.split("@")[0] : null;
  for (const match of text.matchAll(/^\s*-?\s*uses:\s*["']?([^\s"'#]+)/gm)) {
    const ref = (match[1] ?? "").split("@")[0] ?? "";
    if (/(^|\/)aws-devops-agent\/action$/.test(ref) || (own !== null && ref === own)) return true;
  }
  return false;
}

/** Which of our workflows a file is: the Action's `mode:` input (plan when absent). */
function modeOf(text: string): "plan" | "apply" | "drift" {
  const mode = /^\s*mode:\s*["']?(apply|drift|plan)\b/m.exec(text)?.[1];
  return mode === "apply" || mode === "drift" ? mode : "plan";
}

/** Every piece setup can add, and whether the repository has it already. */
export function inspectSetup(
  facts: SetupFacts,
  files: { plan: string; apply: string; drift: string },
  actionRef: string | null,
): SetupItem[] {
  const ours = facts.workflows.filter((w) => usesOurAction(w.text, actionRef));
  const workflow = (id: SetupItemId, mode: "plan" | "apply" | "drift", file: string): SetupItem => {
    const found = ours.filter((w) => modeOf(w.text) === mode);
    const active = found.find((w) => w.path.startsWith(`${ACTIVE_WORKFLOWS}/`));
    if (active) return { id, status: "present", path: active.path };
    const staged = found.find((w) => w.path.startsWith(`${STAGED_WORKFLOWS}/`));
    if (staged) return { id, status: "staged", path: staged.path };
    return { id, status: "missing", path: `${STAGED_WORKFLOWS}/${file}` };
  };
  return [
    workflow("plan-workflow", "plan", files.plan),
    workflow("apply-workflow", "apply", files.apply),
    workflow("drift-workflow", "drift", files.drift),
    {
      id: "config",
      status: facts.configExists ? "present" : "missing",
      path: ".github/devops-agent.yml",
    },
    { id: "oidc", status: facts.oidcTemplatePresent ? "present" : "missing", path: OIDC_DIR },
  ];
}
