import { z } from "zod";
import type { TerraformLayerDeps } from "./terraform.js";

/** Whether the agent's repair rounds also run real terraform, and from where it gets providers. */
export type AgentTerraform = { mode: "auto"; layer: TerraformLayerDeps } | { mode: "off"; why: string };

const Env = z.object({
  DEVOPS_AGENT_TERRAFORM: z.enum(["off", "mirror", "registry"]).optional(),
  DEVOPS_AGENT_TF_MIRROR: z.string().min(1).optional(),
});

export const TERRAFORM_OFF_WHY =
  "not configured for the agent's repair rounds (set DEVOPS_AGENT_TERRAFORM=mirror with " +
  "DEVOPS_AGENT_TF_MIRROR=DIR for a provider mirror, or DEVOPS_AGENT_TERRAFORM=registry)";

/**
 * Read once from the environment. Providers must come from somewhere the operator chose: a mirror
 * (the sandbox then has no network) or the registry (the sandbox shares the host network). Unset: off,
 * and every report says so.
 */
export function agentTerraformFromEnv(env: Record<string, string | undefined>): AgentTerraform {
  const parsed = Env.safeParse(env);
  if (!parsed.success)
    return {
      mode: "off",
      why: `DEVOPS_AGENT_TERRAFORM is not one of off, mirror, registry; ${TERRAFORM_OFF_WHY}`,
    };
  const { DEVOPS_AGENT_TERRAFORM: mode, DEVOPS_AGENT_TF_MIRROR: mirror } = parsed.data;
  if (mode === "registry") return { mode: "auto", layer: { pluginDir: null } };
  if (mode === "mirror" && mirror !== undefined) return { mode: "auto", layer: { pluginDir: mirror } };
  if (mode === "mirror")
    return { mode: "off", why: `DEVOPS_AGENT_TF_MIRROR is not set; ${TERRAFORM_OFF_WHY}` };
  return {
    mode: "off",
    why: mode === "off" ? "switched off (DEVOPS_AGENT_TERRAFORM=off)" : TERRAFORM_OFF_WHY,
  };
}
