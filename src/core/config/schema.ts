import { z } from "zod";
import { NAMED_CONSTRUCTS } from "../terraform/executable/types.js";
import { globProblem } from "./globs.js";

const permissionLevel = z.enum(["read", "triage", "write", "maintain", "admin"]);
export type PermissionLevel = z.infer<typeof permissionLevel>;

const positiveInt = (max: number) => z.number().int().positive().max(max);
const workflowFile = z.string().regex(/^[\w.-]+\.ya?ml$/, "a workflow file name like devops-agent-plan.yml");

/** `.github/devops-agent.yml`. Every field has a safe default, so an absent file means "defaults". */
export const RepoConfigSchema = z
  .object({
    terraform: z
      .object({
        /** Globs of Terraform root directories; empty means "discover them". */
        roots: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ roots: [] }),
    plan: z
      .object({
        /** File name of the plan workflow under .github/workflows/. */
        workflow: z
          .string()
          .regex(/^[\w.-]+\.ya?ml$/, "a workflow file name like devops-agent-plan.yml")
          .default("devops-agent-plan.yml"),
      })
      .strict()
      .default({ workflow: "devops-agent-plan.yml" }),
    apply: z
      .object({
        /** The least repository permission a user needs for `/agent apply` (above access.minimumPermission). */
        permission: permissionLevel.default("maintain"),
        /** File name of the apply workflow under .github/workflows/ (dispatched on the default branch). */
        workflow: workflowFile.default("devops-agent-apply.yml"),
        /** The account whose plan comments are believed: the plan workflow's token (GITHUB_TOKEN by default). */
        planAuthor: z.string().min(1).max(100).default("github-actions[bot]"),
        /** The protected GitHub environment the apply job runs in, named in the tracking comment. */
        environment: z.string().min(1).max(100).default("production"),
      })
      .strict()
      .default({
        permission: "maintain",
        workflow: "devops-agent-apply.yml",
        planAuthor: "github-actions[bot]",
        environment: "production",
      }),
    drift: z
      .object({
        /** File name of the scheduled drift workflow; its runs on the default branch are read. */
        workflow: workflowFile.default("devops-agent-drift.yml"),
        /** Label on the drift issues (one per root). */
        label: z.string().min(1).max(50).default("drift"),
      })
      .strict()
      .default({ workflow: "devops-agent-drift.yml", label: "drift" }),
    review: z
      .object({
        /** Review every pull request that touches Terraform as a check run, without `/agent review`. */
        auto: z.boolean().default(false),
      })
      .strict()
      .default({ auto: false }),
    access: z
      .object({
        /** The least repository permission a user needs to drive the agent. */
        minimumPermission: permissionLevel.default("write"),
      })
      .strict()
      .default({ minimumPermission: "write" }),
    triggers: z
      .object({
        /** Label that turns an issue into a request. */
        label: z.string().min(1).max(50).default("agent"),
        /** Treat every newly opened issue as a request, without the label. */
        issueOpened: z.boolean().default(false),
        issueComments: z.boolean().default(true),
        pullRequestComments: z.boolean().default(true),
      })
      .strict()
      .default({ label: "agent", issueOpened: false, issueComments: true, pullRequestComments: true }),
    autofix: z
      .object({
        enabled: z.boolean().default(false),
        /** Workflow names to watch; empty means all. */
        workflows: z.array(z.string().min(1)).default([]),
        maxAttempts: positiveInt(10).default(2),
      })
      .strict()
      .default({ enabled: false, workflows: [], maxAttempts: 2 }),
    diagnosis: z
      .object({
        enabled: z.boolean().default(true),
        workflows: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ enabled: true, workflows: [] }),
    learning: z
      .object({
        /** Record feedback and use lessons; off: nothing is recorded, proposed or applied. */
        enabled: z.boolean().default(true),
        /** Also use lessons the agent proposed in its lessons PR before anyone merged them (cited as proposed). */
        useProposed: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: true, useProposed: true }),
    /**
     * Paths the agent never writes (picomatch globs; `!glob` lifts an earlier one; the last match wins).
     * `.github/**` covers workflows, actions, CODEOWNERS and this file.
     */
    protectedPaths: z
      .array(
        z
          .string()
          .min(1)
          .max(300)
          .superRefine((glob, ctx) => {
            const problem = globProblem(glob);
            if (problem !== null) ctx.addIssue({ code: "custom", message: `${glob}: ${problem}` });
          }),
      )
      .default([".github/**"]),
    /** Lets the agent change workflow files; also needs the app's `workflows` permission. */
    allowWorkflowEdits: z.boolean().default(false),
    /**
     * Code that runs during init, plan, apply or CI, which the agent may write here. Nothing by default:
     * the public registries (registry.terraform.io, registry.opentofu.org) and local modules are always fine.
     */
    allow: z
      .object({
        /** `external` data sources, `local-exec`/`remote-exec`/`file` provisioners, GitHub Action files. */
        constructs: z.array(z.enum(NAMED_CONSTRUCTS)).default([]),
        /** Module sources outside the registries, as globs (`git::https://github.com/acme/**`). */
        moduleSources: z.array(z.string().min(1).max(500)).default([]),
        /** Further registry hosts providers and registry modules may come from (`tf.acme.internal`). */
        providerHosts: z
          .array(
            z
              .string()
              .regex(
                /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/,
                "a host name like tf.example.com",
              ),
          )
          .default([]),
      })
      .strict()
      .default({ constructs: [], moduleSources: [], providerHosts: [] }),
    model: z
      .object({
        enabled: z.boolean().default(true),
        /** Overrides the server's default model for this repository. */
        name: z.string().min(1).max(100).optional(),
      })
      .strict()
      .default({ enabled: true }),
    cost: z
      .object({
        /** Estimate the monthly cost of each plan from AWS's Price List API (the plan role needs pricing:GetProducts). */
        enabled: z.boolean().default(true),
        /** A plan that raises the monthly cost by more than this many USD fails the plan check. */
        maxMonthlyIncrease: z.number().nonnegative().max(10_000_000).optional(),
      })
      .strict()
      .default({ enabled: true }),
    budgets: z
      .object({
        llmCalls: positiveInt(50).default(8),
        promptTokens: positiveInt(1_000_000).default(60_000),
        completionTokens: positiveInt(200_000).default(16_000),
        wallSeconds: positiveInt(1800).default(300),
        repairRounds: positiveInt(10).default(3),
        logBytes: positiveInt(512 * 1024 * 1024).default(64 * 1024 * 1024),
        docsBytes: positiveInt(256 * 1024).default(12 * 1024),
      })
      .strict()
      .default({
        llmCalls: 8,
        promptTokens: 60_000,
        completionTokens: 16_000,
        wallSeconds: 300,
        repairRounds: 3,
        logBytes: 64 * 1024 * 1024,
        docsBytes: 12 * 1024,
      }),
  })
  .strict();

export type RepoConfig = z.infer<typeof RepoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = RepoConfigSchema.parse({});

export const CONFIG_PATH = ".github/devops-agent.yml";
