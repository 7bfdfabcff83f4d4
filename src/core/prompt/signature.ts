/**
 * A one-line view of a JSON Schema object, cheap in tokens: `name*, encryption=aes256|kms, versioning=true`.
 * `*` marks required; `=x` is the default; `a|b` the allowed values; nested objects show as `{…}`, arrays as `[…]`.
 */
export function schemaSignature(schema: Record<string, unknown>): string {
  const properties = asRecord(schema.properties);
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : [],
  );
  return Object.entries(properties)
    .map(([name, raw]) => {
      const prop = asRecord(raw);
      const values = Array.isArray(prop.enum) ? prop.enum.map(String).join("|") : shape(prop);
      const fallback = prop.default === undefined ? "" : `=${short(prop.default)}`;
      return `${name}${required.has(name) ? "*" : ""}${fallback}${values === "" ? "" : ` (${values})`}`;
    })
    .join(", ");
}

function shape(prop: Record<string, unknown>): string {
  if (prop.type === "array") return "list";
  if (prop.type === "object") return "object";
  return typeof prop.type === "string" && prop.type !== "string" ? prop.type : "";
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "";
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
