import type { Block, DoubleLabeledBlocks, LabeledBlocks, TerraformBody } from "../../core/terraform/types.js";

/**
 * Terraform's JSON syntax lets every block level be an object or an array of objects, and allows `"//"`
 * comment keys. hcl2json always wraps block bodies in arrays, so we bring `.tf.json` to that one shape.
 *
 * Inside a resource body, a nested block written as a JSON object cannot be told apart from a map
 * attribute without the provider schema, so only meta-blocks Terraform itself defines are wrapped here.
 */
export function normalizeTfJson(document: unknown): TerraformBody {
  if (!isObject(document)) throw new TypeError("the top level of a .tf.json file must be a JSON object");
  const out = dict() as TerraformBody;
  for (const [key, value] of Object.entries(withoutComments(document))) {
    switch (key) {
      case "resource":
      case "data":
        out[key] = doubleLabeled(value, key);
        break;
      case "module":
      case "variable":
      case "output":
      case "provider":
        out[key] = labeled(value, key);
        break;
      case "locals":
        out.locals = bodies(value, "locals");
        break;
      case "terraform":
        out.terraform = bodies(value, "terraform").map(terraformBlock);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection"]);

function resourceBody(body: Block): Block {
  const out: Block = dict();
  for (const [key, value] of Object.entries(body)) {
    if (key === "dynamic") out[key] = dynamicBlocks(value);
    else if (key === "provisioner") out[key] = labeled(value, key);
    else if (META_BLOCKS.has(key)) out[key] = bodies(value, key);
    else out[key] = value;
  }
  return out;
}

function dynamicBlocks(value: unknown): LabeledBlocks {
  const out = labeled(value, "dynamic");
  for (const list of Object.values(out)) {
    for (const body of list)
      if ("content" in body) body["content"] = bodies(body["content"], "dynamic content");
  }
  return out;
}

function terraformBlock(body: Block): Block {
  const out: Block = Object.assign(dict(), body);
  if ("backend" in body) out["backend"] = labeled(body["backend"], "backend");
  if ("cloud" in body) out["cloud"] = bodies(body["cloud"], "cloud");
  if ("required_providers" in body)
    out["required_providers"] = bodies(body["required_providers"], "required_providers");
  return out;
}

function doubleLabeled(value: unknown, where: string): DoubleLabeledBlocks {
  const out: DoubleLabeledBlocks = dict();
  for (const level of objects(value, where)) {
    for (const [type, names] of Object.entries(level)) {
      const target = (out[type] ??= dict());
      for (const [name, list] of Object.entries(labeled(names, `${where}.${type}`))) {
        (target[name] ??= []).push(...list.map(resourceBody));
      }
    }
  }
  return out;
}

function labeled(value: unknown, where: string): LabeledBlocks {
  const out: LabeledBlocks = dict();
  for (const level of objects(value, where)) {
    for (const [label, body] of Object.entries(level)) {
      (out[label] ??= []).push(...bodies(body, `${where}.${label}`).map(resourceBody));
    }
  }
  return out;
}

function bodies(value: unknown, where: string): Block[] {
  return objects(value, where);
}

function objects(value: unknown, where: string): Block[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item) => {
    if (!isObject(item)) throw new TypeError(`"${where}" must be a JSON object or an array of objects`);
    return withoutComments(item);
  });
}

function withoutComments(object: Block): Block {
  if (!("//" in object)) return object;
  const rest: Block = dict();
  for (const [key, value] of Object.entries(object)) if (key !== "//") rest[key] = value;
  return rest;
}

/**
 * Keys come from the file: `"__proto__"` or `"constructor"` must land as plain keys, never reach
 * `Object.prototype`, so every map built here has no prototype.
 */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function isObject(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
