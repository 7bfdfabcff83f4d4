import { code, codeOr, compact, get } from "../extract.js";
import type { Signature } from "../types.js";

// Failures of the build tooling around the infrastructure code: package managers, Docker builds, and
// wrappers that change what a command prints. Category `other`, with the remedy users applied.
export const toolingSignatures: Signature[] = [
  {
    id: "npm-eresolve-peer-conflict",
    category: "other",
    title: "npm cannot resolve a peer dependency conflict",
    test: [/npm (?:ERR!|error) code ERESOLVE/],
    extract: (m) => {
      const block = m.input.slice(m.index, m.index + 3000);
      return compact({
        resolving: /While resolving: (\S+)/.exec(block)?.[1],
        found: /Found: (\S+)/.exec(block)?.[1],
        peer: /(?:Could not resolve dependency:\s*(?:npm (?:ERR!|error))?\s*)?peer (\S+?@"[^"]+") from (\S+)/.exec(
          block,
        )?.[1],
        peerOf: /peer \S+?@"[^"]+" from (\S+)/.exec(block)?.[1],
      });
    },
    rootCause: (s) =>
      `npm 7+ refuses to install because peer dependencies conflict${s["resolving"] ? ` while resolving ${code(get(s, "resolving"))}` : ""}${s["found"] ? `: the tree has ${code(get(s, "found"))}` : ""}${s["peer"] ? `, but ${codeOr(s, "peerOf", "a package")} wants ${code(get(s, "peer"))}` : ""}.`,
    fix: (s) =>
      `Align the versions so one satisfies every peer range (upgrade ${codeOr(s, "resolving", "the package that declares the peer")} or pin ${codeOr(s, "found", "the conflicting package")} to a compatible release). As a stopgap, install with \`npm install --legacy-peer-deps\` (or \`legacy-peer-deps=true\` in \`.npmrc\`) in the workflow, as npm 6 did.`,
    confidence: 0.92,
    autoFixable: false,
  },
  {
    id: "apt-prompt-aborted",
    category: "other",
    title: "apt waited for a confirmation nobody could give",
    test: [/Do you want to continue\? \[Y\/n\] Abort\./],
    extract: (m) =>
      compact({ command: /process "([^"]*apt[^"]*)"/.exec(m.input.slice(m.index, m.index + 1500))?.[1] }),
    rootCause: (s) =>
      `An \`apt\` command${s["command"] ? ` in ${code(get(s, "command"))}` : ""} asked "Do you want to continue? [Y/n]"; a non-interactive build has no terminal to answer, so apt aborted.`,
    fix: () =>
      "Pass `-y` to every `apt`/`apt-get` command that installs or upgrades (`apt-get upgrade -y`, `apt-get install -y …`), and set `DEBIAN_FRONTEND=noninteractive` in the Dockerfile or job.",
    confidence: 0.95,
    autoFixable: false,
  },
  {
    id: "apt-pinned-version-missing",
    category: "other",
    title: "apt cannot find a pinned package version",
    test: [
      /E: Version '([^']+)' for '([^']+)' was not found/,
      /apt-get install[^\n]*?\s([a-z0-9][\w.+-]*)=(\d[\w.:~+-]*)[^\n]*(?:\n[^\n]*){0,3}?did not complete successfully: exit code: 100/,
    ],
    extract: (m) =>
      m[0].startsWith("E: Version")
        ? compact({ version: m[1], pkg: m[2] })
        : compact({ pkg: m[1], version: m[2] }),
    rootCause: (s) =>
      `The install pins ${code(`${get(s, "pkg")}=${get(s, "version")}`)}, and the distribution's archive no longer carries that version: Ubuntu and Debian replace point releases as updates ship.`,
    fix: () =>
      "Drop the exact version pins from the `apt-get install` line (or pin only major versions through a snapshot archive such as snapshot.debian.org or a pinned base image digest), then rebuild.",
    confidence: 0.85,
    autoFixable: false,
  },
  {
    id: "terraform-wrapper-breaks-json",
    category: "other",
    title: "The setup-terraform wrapper changed terraform's JSON output",
    test: [
      /(?:parse error: Invalid (?:numeric literal|literal)|jq: error|json\.decoder\.JSONDecodeError|JSONDecodeError: Expecting value|Unexpected token .{1,20} in JSON|is not valid JSON)/,
    ],
    extract: (_m, { input }) => {
      const wrapper = /terraform-bin\b|terraform_wrapper|hashicorp\/setup-terraform/.exec(input.text);
      const json = /terraform(?:-bin)? (?:output|show|plan|state pull)[^\n]*-json|terraform output -raw/.exec(
        input.text,
      );
      return wrapper && json ? compact({ command: json[0].replace(/^.*?(terraform)(?:-bin)?/, "$1") }) : null;
    },
    rootCause: (s) =>
      `A script parsed the output of ${codeOr(s, "command", "a terraform command")} as JSON, but \`hashicorp/setup-terraform\` installs a wrapper that adds its own lines (the \`[command]…terraform-bin\` echo and step outputs) to stdout, so the parser saw text that is not JSON.`,
    fix: () =>
      "Set `terraform_wrapper: false` on the `hashicorp/setup-terraform` step (or call `terraform-bin` directly), so `terraform … -json` prints only JSON.",
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "dns-name-not-found",
    category: "other",
    title: "A host name does not exist (DNS NXDOMAIN)",
    test: [/lookup ([\w.-]+\.[a-z]{2,})(?: on [\d.:[\]a-f]+)?: no such host/],
    extract: (m) => {
      const host = m[1] ?? "";
      return compact({ host, eks: /\.eks\.amazonaws\.com$/.test(host) ? "yes" : undefined });
    },
    rootCause: (s) =>
      s["eks"]
        ? `The Kubernetes provider called ${code(get(s, "host"))}, an EKS endpoint that no longer exists: the provider was configured from a stale kubeconfig (or a cluster that was destroyed and re-created), not from the cluster this configuration manages. DNS answered that the name does not exist; the network is fine.`
        : `DNS answered that ${code(get(s, "host"))} does not exist: the name is wrong, points at something that was deleted, or only resolves inside a private network. This is not a timeout.`,
    fix: (s) =>
      s["eks"]
        ? "Configure the `kubernetes` (and `helm`) provider from the cluster resource or data source (`host = data.aws_eks_cluster.this.endpoint`, `cluster_ca_certificate`, and an `exec` block running `aws eks get-token`) instead of the local `KUBECONFIG`."
        : `Check where ${code(get(s, "host"))} comes from (a variable, an output of a destroyed resource, a private hosted zone) and correct it, or run the job where that zone resolves.`,
    confidence: 0.7,
    autoFixable: false,
  },
];
