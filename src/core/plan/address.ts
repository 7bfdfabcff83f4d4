/** The members that name a resource instance in a plan; any of them may be missing in some writer's output. */
export interface Naming {
  address?: string | undefined;
  module_address?: string | undefined;
  mode?: string | undefined;
  type?: string | undefined;
  name?: string | undefined;
  index?: string | number | null | undefined;
}

export interface CompleteNaming {
  address: string;
  mode: string;
  type: string;
  name: string;
}

/**
 * Fills in whatever naming members are missing from the others: the address from module, mode, type,
 * name and index (`module.a.data.aws_iam_policy_document.x["k"]`), and mode, type and name from the
 * address. Undefined when neither an address nor a type and name are there.
 */
export function completeNaming(rc: Naming): CompleteNaming | undefined {
  if (rc.address !== undefined) {
    const parsed = parseAddress(rc.address);
    return {
      address: rc.address,
      mode: rc.mode ?? parsed.mode,
      type: rc.type ?? parsed.type,
      name: rc.name ?? parsed.name,
    };
  }
  if (rc.type === undefined || rc.name === undefined) return undefined;
  const mode = rc.mode ?? "managed";
  const prefix = rc.module_address ? `${rc.module_address}.` : "";
  const address = `${prefix}${mode === "data" ? "data." : ""}${rc.type}.${rc.name}${indexKey(rc.index)}`;
  return { address, mode, type: rc.type, name: rc.name };
}

function indexKey(index: string | number | null | undefined): string {
  if (index === undefined || index === null) return "";
  return typeof index === "number" ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** Mode, type and name of the last resource step of an address (module steps and the index dropped). */
function parseAddress(address: string): { mode: string; type: string; name: string } {
  const steps = address.replace(/\[[^\]]*\]/g, "").split(".");
  while (steps[0] === "module" && steps.length > 2) steps.splice(0, 2);
  const data = steps[0] === "data";
  const [type = "", name = ""] = data ? steps.slice(1) : steps;
  return { mode: data ? "data" : "managed", type, name };
}
