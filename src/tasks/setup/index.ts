import type { CommandTask } from "../types.js";
import { runSetup } from "./run.js";

export const setupTask: CommandTask = {
  name: "setup",
  usage: "/agent setup",
  summary:
    "Opens one pull request with what this repository is missing: the plan, apply and drift workflows, `.github/devops-agent.yml` and the AWS OIDC roles, plus a checklist for people.",
  where: "issues",
  run: (ctx) => runSetup(ctx),
};
