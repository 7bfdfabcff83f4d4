// Checks every GitHub API request a test lets through against GitHub's official OpenAPI description
// (@octokit/openapi). An unknown method + path, or a JSON body that breaks the operation's request
// schema, is recorded as a violation; test/setup.ts fails the test when any were recorded.
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import nock from "nock";

interface JsonSchema {
  type?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  $ref?: string;
}
interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}
interface Route {
  template: string;
  method: string;
  regex: RegExp;
  literalSegments: number;
  operation: Operation;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head"]);
// These parameters may hold slashes (a file path, a branch name).
const GREEDY_PARAMS = new Set(["path", "ref"]);

let loaded: { spec: Spec; routes: Route[]; ajv: Ajv } | undefined;
const validators = new Map<string, ValidateFunction>();
const violations: string[] = [];

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const spec = require("@octokit/openapi/generated/api.github.com.json") as Spec;
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const pattern = template
        .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
        .replace(/\{(\w+)\}/g, (_m, name: string) => (GREEDY_PARAMS.has(name) ? "(.+)" : "([^/]+)"));
      const literalSegments = template.split("/").filter((s) => s && !s.startsWith("{")).length;
      routes.push({ template, method, regex: new RegExp(`^${pattern}$`), literalSegments, operation });
    }
  }
  // The most specific template wins: /repos/{o}/{r}/issues/comments/{id} before /repos/{o}/{r}/issues/{n}/...
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: spec.components }, "github");
  loaded = { spec, routes, ajv };
  return loaded;
}

export function findOperation(method: string, path: string): Route | undefined {
  const { routes } = load();
  const lower = method.toLowerCase();
  return routes.find((r) => r.method === lower && r.regex.test(path));
}

/** Returns the problems with one request (empty when it is a request GitHub documents). */
export function checkGitHubRequest(method: string, url: string, body: unknown): string[] {
  const { ajv } = load();
  const parsed = new URL(url, "https://api.github.com");
  const path = decodeURIComponent(parsed.pathname);
  // GraphQL is one endpoint outside the REST description: check only that it is a well-formed query.
  if (path === "/graphql" || path === "/api/graphql") {
    const query = (body as { query?: unknown } | undefined)?.query;
    if (method.toUpperCase() !== "POST") return [`${method.toUpperCase()} ${path}: GraphQL takes POST`];
    return typeof query === "string" && /^\s*(query|mutation)?\s*[{(]/.test(query)
      ? []
      : [`POST ${path}: body needs a GraphQL "query" string`];
  }
  const route = findOperation(method, path);
  if (!route) return [`${method.toUpperCase()} ${path} is not an operation in GitHub's REST API`];

  const schema = route.operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema || body === undefined || body === "") return [];
  const key = `${route.method} ${route.template}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as object);
    validators.set(key, validate);
  }
  const problems: string[] = [];
  if (!validate(body)) {
    for (const e of validate.errors ?? [])
      problems.push(`${key}: body${e.instancePath} ${e.message ?? "is invalid"}`);
  }
  problems.push(...unknownTopLevelFields(key, schema, body));
  return problems;
}

/** GitHub's schemas leave objects open; a misspelt optional field would pass silently, so close the top level. */
function unknownTopLevelFields(key: string, schema: JsonSchema, body: unknown): string[] {
  const { spec } = load();
  const resolved = schema.$ref ? spec.components.schemas[schema.$ref.split("/").pop() ?? ""] : schema;
  if (!resolved?.properties || resolved.additionalProperties !== undefined) return [];
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [];
  return Object.keys(body)
    .filter((field) => !(field in (resolved.properties ?? {})))
    .map((field) => `${key}: body has unknown field "${field}"`);
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    // OpenAPI 3.0's `nullable` next to `oneOf` without a `type` (POST /issues' milestone): Ajv wants it spelt
    // as "this schema, or null".
    const { nullable, ...rest } = value as Record<string, unknown>;
    if (nullable === true && !("type" in rest)) return { anyOf: [rewriteRefs(rest), { type: "null" }] };
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" ? `github${v}` : rewriteRefs(v),
      ]),
    );
  }
  return value;
}

function parseBody(body: string): unknown {
  if (body === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * A nock scope for api.github.com whose every matched request is checked against the OpenAPI description.
 * Use this, not `nock("https://api.github.com")`, for all GitHub mocks.
 */
export function githubApi(baseUrl = "https://api.github.com"): nock.Scope {
  const scope = nock(baseUrl);
  scope.on("request", (req: { method?: string; path?: string }, _interceptor: unknown, body: string) => {
    const prefix = new URL(baseUrl).pathname.replace(/\/$/, "");
    const path = (req.path ?? "").slice(prefix.length) || "/";
    violations.push(...checkGitHubRequest(req.method ?? "GET", path, parseBody(body)));
  });
  return scope;
}

/** Violations recorded since the last call; test/setup.ts drains this after every test. */
export function takeOpenApiViolations(): string[] {
  return violations.splice(0, violations.length);
}
