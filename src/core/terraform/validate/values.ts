import type { Block } from "../types.js";

/** hcl2json gives blocks as arrays of bodies; Terraform JSON may also give one body as an object. */
export function instances(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

export function looksLikeBlocks(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

export function isObject(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
