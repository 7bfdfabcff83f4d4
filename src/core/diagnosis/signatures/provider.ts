import { code, compact, get, unwrap } from "../extract.js";
import type { Signature } from "../types.js";

const CONSTRAINTS = /^(?:[<>=~!]*\s*v?\d+(?:\.\d+)*(?:-[\w.]+)?(?:\s*,\s*|\s+|$))+/;

function constraintsFrom(text: string): string | undefined {
  return CONSTRAINTS.exec(unwrap(text))?.[0].trim().replace(/,$/, "");
}

const LOCK_PLATFORMS =
  "-platform=linux_amd64 -platform=linux_arm64 -platform=darwin_arm64 -platform=darwin_amd64";

export const providerSignatures: Signature[] = [
  {
    id: "terraform-provider-locked-version-mismatch",
    category: "provider_version",
    title: "The lock file pins a provider version the configuration no longer allows",
    test: [
      /locked\s+provider\s+([\w./-]+)\s+(\S+)\s+does\s+not\s+match\s+configured\s+version\s+constraint\s+([\s\S]{1,300}?);\s+must\s+use\s+terraform\s+init\s+-upgrade/,
    ],
    extract: (m) => compact({ provider: m[1], locked: m[2], constraint: m[3] ? unwrap(m[3]) : undefined }),
    rootCause: (s) =>
      `\`.terraform.lock.hcl\` pins ${code(get(s, "provider"))} at ${get(s, "locked")}, but the configuration (or a module) now requires ${code(get(s, "constraint"))}.`,
    fix: () =>
      `Run \`terraform init -upgrade\` in that root module, check the plan, and commit the updated \`.terraform.lock.hcl\` (add hashes for every runner platform: \`terraform providers lock ${LOCK_PLATFORMS}\`).`,
    confidence: 0.96,
    autoFixable: true,
  },
  {
    id: "terraform-provider-no-matching-version",
    category: "provider_version",
    title: "No provider release satisfies the version constraints",
    test: [
      /Could\s+not\s+retrieve\s+the\s+list\s+of\s+available\s+versions\s+for\s+provider\s+([\w./-]+):\s+no\s+available\s+releases\s+match\s+the\s+given\s+constraints\s+([^\n]+(?:\n[^\n]+)?)/,
    ],
    extract: (m) => {
      const constraint = m[2] ? constraintsFrom(m[2]) : undefined;
      const majors = [
        ...new Set(
          [...(constraint ?? "").matchAll(/(?:^|[\s,])(?:~>|=|>=|<|<=)?\s*v?(\d+)\.\d/g)].map((v) => v[1]),
        ),
      ];
      return compact({
        provider: m[1],
        constraint,
        majors: majors.length > 1 ? majors.map((v) => `v${v ?? ""}`).join(" vs ") : undefined,
      });
    },
    rootCause: (s) =>
      `No release of ${code(get(s, "provider"))} satisfies all its version constraints together${s["constraint"] ? `: ${code(get(s, "constraint"))}` : ""}. Terraform combines the constraints of the root module and of every module it calls, so one module pinning an older major version${s["majors"] ? ` (here: ${get(s, "majors")})` : ""} blocks the others.`,
    fix: (s) =>
      `Run \`terraform providers\` to see which module requires what for ${code(get(s, "provider"))}, then upgrade the module that pins the old version (or relax its constraint, or the root's) so one version satisfies all, and commit the updated lock file.`,
    confidence: 0.94,
    autoFixable: false,
  },
  {
    id: "terraform-core-version-unsupported",
    category: "provider_version",
    title: "The Terraform version on the runner does not satisfy required_version",
    test: [/Unsupported Terraform Core version/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 1200);
      return compact({
        running: /does\s+not\s+support\s+Terraform\s+version\s+([\w.-]+?)\.?\s/.exec(block)?.[1],
        required: /required_version\s*=\s*"([^"]+)"/.exec(block)?.[1],
      });
    },
    rootCause: (s) =>
      `The runner has Terraform ${get(s, "running", "in a version")} that the configuration's ${s["required"] ? code(`required_version = "${get(s, "required")}"`) : "`required_version`"} does not allow.`,
    fix: (s) =>
      `Install a matching version in the workflow (\`hashicorp/setup-terraform\` with \`terraform_version\`${s["required"] ? ` satisfying ${code(get(s, "required"))}` : ""}), or relax \`required_version\` if the configuration really supports the runner's version.`,
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "terraform-inconsistent-lock-file",
    category: "provider_version",
    title: "The dependency lock file is out of date",
    test: [/Inconsistent dependency lock file/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 1000);
      const providers = [
        ...block.matchAll(/provider ([\w./-]+): required by this configuration but no version is selected/g),
      ]
        .map((p) => p[1])
        .join(", ");
      return compact({ providers });
    },
    rootCause: (s) =>
      `The configuration requires provider${s["providers"] ? `s ${get(s, "providers")}` : "s"} that \`.terraform.lock.hcl\` does not list, usually after adding a provider or module without re-running init.`,
    fix: () =>
      `Run \`terraform init\` (or \`terraform init -upgrade\`) locally and commit the updated \`.terraform.lock.hcl\`; add hashes for the runners: \`terraform providers lock ${LOCK_PLATFORMS}\`.`,
    confidence: 0.93,
    autoFixable: true,
  },
  {
    id: "terraform-provider-checksum-mismatch",
    category: "provider_version",
    title: "The provider package does not match the lock file's checksums",
    test: [
      /(?:the\s+(?:local|cached|current)\s+package\s+for\s+([\w./-]+)\s+([\w.-]+)\s+)?(?:doesn't|does\s+not)\s+match\s+any\s+of\s+the\s+checksums\s+(?:previously\s+)?recorded\s+in\s+the\s+dependency\s+lock\s+file/,
    ],
    extract: (m) =>
      compact({
        provider: m[1],
        version: m[2],
        platform: /current platform, (\w+_\w+),/.exec(m.input)?.[1],
      }),
    rootCause: (s) =>
      `The lock file has no checksum matching the ${s["provider"] ? `${code(get(s, "provider"))} ${get(s, "version")} ` : "provider "}package on this machine${s["platform"] ? ` (${code(get(s, "platform"))})` : ""}: it was written on another platform (typically macOS for a Linux runner, or the reverse), so only that platform's hashes are recorded.`,
    fix: (s) =>
      `Record hashes for every platform that runs Terraform and commit the lock file:\n\n\`\`\`sh\nterraform providers lock ${s["platform"] && !LOCK_PLATFORMS.includes(get(s, "platform")) ? `-platform=${get(s, "platform")} ` : ""}${LOCK_PLATFORMS}\n\`\`\``,
    confidence: 0.94,
    autoFixable: true,
  },
];
