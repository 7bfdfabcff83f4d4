// Network failures on the runner: registry, DNS, dial timeouts, pip downloads (private addresses point at the runner's network, not AWS).
import { code, codeOr, compact, get } from "../extract.js";
import type { Signature } from "../types.js";

const PRIVATE_IP = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

export const networkSignatures: Signature[] = [
  {
    id: "terraform-registry-unreachable",
    category: "network_timeout",
    title: "Terraform could not reach the registry",
    test: [
      /could\s+not\s+connect\s+to\s+([\w.-]+\.[a-z]{2,}):\s+failed\s+to\s+request\s+discovery\s+document/i,
      /Failed to install provider[\s\S]{0,300}?(?:i\/o timeout|TLS handshake timeout|connection reset by peer)()/,
    ],
    extract: (m, { input }) => {
      const detail =
        /(connect: cannot assign requested address|i\/o timeout|request canceled while waiting for connection|TLS handshake timeout|connection reset by peer|connection refused)/.exec(
          m.input.slice(m.index, m.index + 600),
        )?.[1];
      const container = /^root@[0-9a-f]{8,}:/m.test(input.text) ? "yes" : undefined;
      return compact({ host: m[1] || "registry.terraform.io", detail, container });
    },
    rootCause: (s) =>
      `\`terraform init\` could not reach ${code(get(s, "host"))}${s["detail"] ? ` (${code(get(s, "detail"))})` : ""}: ${s["detail"]?.includes("cannot assign") ? "the host has no route for the address it tried (IPv6 without connectivity, or no outbound network at all)" : "a network timeout or outage between this machine and the registry"}${s["container"] ? ", here from inside a container" : ""}. Nothing is wrong with the configuration.`,
    fix: (s) =>
      s["container"]
        ? `Give the container outbound network access (check \`docker run --network\`, DNS and any proxy: set \`HTTPS_PROXY\` if one is required) and verify with ${code(`curl -sI https://${get(s, "host")}/.well-known/terraform.json`)}, then re-run \`terraform init\`.`
        : `Re-run \`terraform init\`; if it keeps failing, check the route to ${code(get(s, "host"))} (${code(`curl -sI https://${get(s, "host")}/.well-known/terraform.json`)}), proxy and firewall settings, and cache providers with \`TF_PLUGIN_CACHE_DIR\` or a provider mirror to depend less on the registry.`,
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "dns-lookup-timeout",
    category: "network_timeout",
    title: "A DNS lookup timed out",
    test: [
      /lookup ([\w.-]+\.[a-z]{2,}) on ([\d.:[\]a-f]+):(?: read udp [^\n]*?| dial udp [^\n]*?)?:? (i\/o timeout|server misbehaving)/,
      /dial udp ([\d.]+:53)()(): (i\/o timeout)/,
      /()()(Temporary failure in name resolution|getaddrinfo EAI_AGAIN)/,
    ],
    extract: (m) => compact({ host: m[1], resolver: m[2]?.replace(/:53$/, ""), error: m[3] }),
    rootCause: (s) =>
      `Resolving ${codeOr(s, "host", "a host name")} failed: the DNS server${s["resolver"] ? ` ${code(get(s, "resolver"))}` : ""} did not answer in time (${code(get(s, "error"))}). The name may be fine; the resolver, or the network path to it, was down or overloaded.`,
    fix: () =>
      "Re-run the job: resolver timeouts are usually transient. If it repeats on self-hosted runners or in a VPC, check `/etc/resolv.conf`, that the VPC has `enableDnsSupport` and can reach the Route 53 Resolver (VPC base + 2), and any DNS firewall; retry lookups in scripts.",
    confidence: 0.9,
    autoFixable: false,
  },
  {
    id: "network-dial-timeout",
    category: "network_timeout",
    title: "A network connection timed out or was refused",
    test: [
      /dial tcp (?:([\w.-]+|\[[0-9a-f:]+\]):(\d+))?:?\s*(i\/o timeout|connect: connection refused|connection refused|connect: network is unreachable|connection reset by peer|connect: cannot assign requested address)/,
      /(?:Get|Post|Put) "https?:\/\/([\w.*-]+)[^"]*"()?:\s*(net\/http: TLS handshake timeout|context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)|net\/http: request canceled while waiting for connection)/,
    ],
    extract: (m) => {
      const url = /(?:Get|Post|Put) "?https?:\/\/([\w.*-]+)/.exec(
        m.input.slice(Math.max(0, m.index - 300), m.index),
      )?.[1];
      const host = m[1] ?? "";
      return compact({
        host,
        port: m[2],
        error: m[3],
        via: url && url !== host ? url : undefined,
        private: PRIVATE_IP.test(host) ? "yes" : undefined,
        eks: /\.eks\.amazonaws\.com$/.test(url ?? host) ? "yes" : undefined,
      });
    },
    rootCause: (s) =>
      s["private"]
        ? `The connection to ${code(`${get(s, "host")}${s["port"] ? `:${get(s, "port")}` : ""}`)}${s["via"] ? ` (${code(get(s, "via"))})` : ""} failed with ${code(get(s, "error"))}: that is a private address, reachable only from inside its VPC${s["eks"] ? " — the EKS API endpoint is private" : ""}, and this machine has no network path to it (or a security group drops its traffic).`
        : `A connection${s["host"] ? ` to ${code(`${get(s, "host")}${s["port"] ? `:${get(s, "port")}` : ""}`)}` : ""} failed with ${code(get(s, "error"))}: the endpoint was unreachable from the runner (network outage, firewall, missing VPC endpoint or proxy).`,
    fix: (s) =>
      s["private"]
        ? `Run Terraform from a network that can reach the private endpoint (a self-hosted runner in the VPC, a VPN or peering), and allow that network in the ${s["eks"] ? "cluster's security group (port 443)" : "endpoint's security group"}; or enable the public endpoint restricted to the runner's IP ranges.`
        : "Re-run the job to rule out a transient outage. If it persists: on self-hosted runners check NAT/proxy and security groups, and add VPC endpoints for AWS services in private subnets; set `HTTPS_PROXY` when a proxy is required.",
    confidence: 0.84,
    autoFixable: false,
  },
  {
    id: "pip-network-timeout",
    category: "network_timeout",
    title: "pip could not reach the package index",
    test: [
      /(ReadTimeoutError|ConnectTimeoutError|NewConnectionError|ProtocolError)\(?[^\n]*?host='([\w.-]+)'/,
    ],
    extract: (m) => compact({ error: m[1], host: m[2] }),
    rootCause: (s) =>
      `pip failed with ${get(s, "error")} talking to ${code(get(s, "host"))}: the package index did not answer in time.`,
    fix: () =>
      "Re-run the job. If it repeats, raise `--timeout` and `--retries`, cache dependencies (`actions/setup-python` with `cache: pip`), or use an internal mirror.",
    confidence: 0.86,
    autoFixable: false,
  },
];
