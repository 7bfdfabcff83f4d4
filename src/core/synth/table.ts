import { raw, str } from "../recipes/hcl/writer.js";
import type { CompanionEnv } from "./companions.js";
import { setOnce, type Node } from "./node.js";

const ON_DEMAND = /\b(?:on[\s-]*demand|pay[\s_-]*per[\s_-]*request)\b/i;
const PROVISIONED = /\bprovisioned\b/i;
const CAPACITY = ["read_capacity", "write_capacity"] as const;

/**
 * A table has a hash key: the one the request names ("partition key userId"), `LockID` for a Terraform
 * state lock table (what the S3 backend writes), else a variable.
 */
export function tableKeys(env: CompanionEnv, table: Node): void {
  capacity(env, table);
  const named =
    /\b(?:partition|hash|primary)\s+key\s+(?:named\s+|called\s+|of\s+|is\s+|=\s*)?["'`]?([A-Za-z][\w.-]{0,254})/i.exec(
      env.request,
    )?.[1];
  const lock = /\b(?:state[\s-]+lock(?:ing)?|lock\s+table|terraform\s+lock|locking)\b/i.test(env.request);
  const key =
    named !== undefined && !/^(?:named|called|of|is|and|with)$/i.test(named)
      ? str(named)
      : lock
        ? str("LockID")
        : raw(
            env.variable(table, "hash_key", "string", "Name of the table's partition (hash) key attribute."),
          );
  if (
    !setOnce(
      table,
      "hash_key",
      key,
      lock && named === undefined ? "hash key LockID (Terraform's state lock)" : undefined,
    )
  )
    return;
  setOnce(table, "attribute.name", key);
  setOnce(table, "attribute.type", str("S"));
}

/**
 * One capacity mode, never both: on demand (the default) has no read/write capacity — the provider refuses
 * them at plan — and provisioned capacity ("read capacity 20", "provisioned mode") has both, the one the
 * request did not give as a variable.
 */
function capacity(env: CompanionEnv, table: Node): void {
  const stated = table.set.get("billing_mode");
  const given = CAPACITY.filter((c) => table.set.has(c));
  const onDemand =
    stated !== undefined
      ? JSON.stringify(stated) === JSON.stringify(str("PAY_PER_REQUEST"))
      : ON_DEMAND.test(env.request) || (given.length === 0 && !PROVISIONED.test(env.request));
  if (onDemand) {
    setOnce(table, "billing_mode", str("PAY_PER_REQUEST"), "on-demand capacity");
    for (const c of given) table.set.delete(c);
    if (given.length > 0)
      table.notes.push(`${given.join(" and ")} left out: an on-demand table has no provisioned capacity`);
    return;
  }
  setOnce(table, "billing_mode", str("PROVISIONED"), "provisioned capacity");
  for (const c of CAPACITY)
    setOnce(
      table,
      c,
      raw(
        env.variable(table, c, "number", `Provisioned ${c.split("_")[0] ?? ""} capacity units of the table.`),
      ),
    );
}
