import { describe, expect, it } from "@jest/globals";
import { TERRAFORM_OFF_WHY, agentTerraformFromEnv } from "../../src/validation/terraform-mode.js";

describe("agentTerraformFromEnv", () => {
  it("runs terraform only where the operator said where providers come from", () => {
    expect(agentTerraformFromEnv({ DEVOPS_AGENT_TERRAFORM: "mirror", DEVOPS_AGENT_TF_MIRROR: "/m" })).toEqual(
      {
        mode: "auto",
        layer: { pluginDir: "/m" },
      },
    );
    expect(agentTerraformFromEnv({ DEVOPS_AGENT_TERRAFORM: "registry" })).toEqual({
      mode: "auto",
      layer: { pluginDir: null },
    });
  });

  it("is off otherwise, with a reason the report shows", () => {
    expect(agentTerraformFromEnv({})).toEqual({ mode: "off", why: TERRAFORM_OFF_WHY });
    expect(agentTerraformFromEnv({ DEVOPS_AGENT_TERRAFORM: "mirror" })).toMatchObject({
      mode: "off",
      why: expect.stringContaining("DEVOPS_AGENT_TF_MIRROR is not set"),
    });
    expect(agentTerraformFromEnv({ DEVOPS_AGENT_TERRAFORM: "yes please" })).toMatchObject({
      mode: "off",
      why: expect.stringContaining("not one of off, mirror, registry"),
    });
    expect(agentTerraformFromEnv({ DEVOPS_AGENT_TERRAFORM: "off" })).toEqual({
      mode: "off",
      why: "switched off (DEVOPS_AGENT_TERRAFORM=off)",
    });
  });
});
