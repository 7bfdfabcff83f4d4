import { childrenNamed, locate, topBlocks, type LocatedFile, type LocatedNode } from "../locate/index.js";
import type { Block, ParsedFile } from "../types.js";
import { moduleOrigin, providerHost } from "./sources.js";
import type { ConstructKind, ExecutableConstruct } from "./types.js";

const PROVISIONERS: Record<string, ConstructKind> = {
  "local-exec": "local-exec",
  "remote-exec": "remote-exec",
  file: "file-provisioner",
};

/**
 * Every construct in these Terraform files that makes plan, init or apply run or fetch code: `data
 * "external"`, provisioners, module sources other than local paths and registries, and providers (their
 * host is judged by the policy). Pure: reads the parsed body, takes line numbers from the source text.
 */
export function findExecutableConstructs(files: readonly ParsedFile[]): ExecutableConstruct[] {
  return files.flatMap((file) => constructsIn(file));
}

function constructsIn(file: ParsedFile): ExecutableConstruct[] {
  const found: ExecutableConstruct[] = [];
  let outline: LocatedFile | undefined;
  const located = (): LocatedFile => (outline ??= locate(file.path, file.content));
  const add = (c: Omit<ExecutableConstruct, "file">): void => void found.push({ file: file.path, ...c });

  for (const [name, bodies] of Object.entries(file.body.data?.["external"] ?? {}))
    bodies.forEach((_, i) =>
      add({
        kind: "external",
        line: topBlocks(located(), "data", ["external", name])[i]?.line ?? null,
        address: `data.external.${name}${i > 0 ? `[${i}]` : ""}`,
        value: null,
        description: `data "external" "${name}" runs a program on the machine that runs terraform plan`,
      }),
    );

  for (const [type, byName] of Object.entries(file.body.resource ?? {}))
    for (const [name, bodies] of Object.entries(byName))
      bodies.forEach((body, i) => {
        const node = topBlocks(located(), "resource", [type, name])[i];
        for (const [provisioner, blocks] of Object.entries(provisionersOf(body))) {
          const kind = PROVISIONERS[provisioner];
          if (kind === undefined) continue;
          blocks.forEach((_, j) =>
            add({
              kind,
              line: childrenNamed(node, "provisioner", provisioner)[j]?.line ?? node?.line ?? null,
              address: `${type}.${name}${i > 0 ? `[${i}]` : ""}.provisioner.${provisioner}[${j}]`,
              value: null,
              description: provisionerText(kind, `${type}.${name}`),
            }),
          );
        }
      });

  for (const [name, bodies] of Object.entries(file.body.module ?? {}))
    bodies.forEach((body, i) => {
      const source = typeof body["source"] === "string" ? body["source"] : null;
      if (source === null) return;
      const origin = moduleOrigin(source);
      if (origin.kind === "local") return;
      const node = topBlocks(located(), "module", [name])[i];
      add({
        kind: "module-source",
        line: childrenNamed(node, "source")[0]?.line ?? node?.line ?? null,
        address: `module.${name}${i > 0 ? `[${i}]` : ""}`,
        value: source,
        description:
          origin.kind === "registry"
            ? `module "${name}" comes from the registry at ${origin.host}`
            : `module "${name}" fetches code from outside any registry (${origin.scheme}): ${source}`,
      });
    });

  (file.body.terraform ?? []).forEach((block, t) => {
    const tfNode = located().nodes.filter((n) => n.name === "terraform")[t];
    for (const requirements of asBlocks(block["required_providers"]))
      for (const [name, requirement] of Object.entries(requirements)) {
        const source = sourceOf(requirement);
        if (source === null) continue;
        const host = providerHost(source);
        add({
          kind: "provider-host",
          line: providerLine(tfNode, name),
          address: `provider.${name}`,
          value: source,
          description:
            host === null
              ? `provider "${name}" has a source Terraform cannot resolve: ${source}`
              : `provider "${name}" is installed from ${host} (${source}); its binary runs during init and plan`,
        });
      }
  });
  return found;
}

/** hcl2json gives `provisioner` as type → bodies; guard the shape rather than trust it. */
function provisionersOf(body: Block): Record<string, unknown[]> {
  const value = body["provisioner"];
  const out: Record<string, unknown[]> = {};
  const entries: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const entry of entries)
    if (entry !== null && typeof entry === "object")
      for (const [type, blocks] of Object.entries(entry as Record<string, unknown>))
        (out[type] ??= []).push(...(Array.isArray(blocks) ? (blocks as unknown[]) : [blocks]));
  return out;
}

function asBlocks(value: unknown): Record<string, unknown>[] {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object");
}

function sourceOf(requirement: unknown): string | null {
  if (requirement === null || typeof requirement !== "object") return null;
  const source = (requirement as Record<string, unknown>)["source"];
  return typeof source === "string" ? source : null;
}

function providerLine(tfNode: LocatedNode | undefined, name: string): number | null {
  const required = childrenNamed(tfNode, "required_providers")[0];
  return childrenNamed(required, name)[0]?.line ?? required?.line ?? tfNode?.line ?? null;
}

function provisionerText(kind: ConstructKind, resource: string): string {
  if (kind === "local-exec")
    return `${resource} has a local-exec provisioner: it runs a command where terraform apply runs`;
  if (kind === "remote-exec")
    return `${resource} has a remote-exec provisioner: it runs commands on a remote host`;
  return `${resource} has a file provisioner: it copies local files to a remote host`;
}

/** A path under `.github/` (or any action definition) that CI runs; null for anything else. */
export function ciConstruct(path: string): ExecutableConstruct | null {
  const lower = path.toLowerCase();
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(lower))
    return {
      kind: "github-workflow",
      file: path,
      line: null,
      address: path,
      value: null,
      description: `${path} is a GitHub Actions workflow: it runs code in CI with the repository's secrets`,
    };
  if (lower.startsWith(".github/actions/") || /(^|\/)action\.ya?ml$/.test(lower))
    return {
      kind: "github-action",
      file: path,
      line: null,
      address: path,
      value: null,
      description: `${path} is part of a GitHub Action: workflows that use it run it in CI`,
    };
  return null;
}
