/**
 * Contract checks: a request the app sends is compared with GitHub's published OpenAPI
 * description (`@octokit/openapi`): the route and method exist, path and query parameters fit
 * their declared types, and the JSON body matches the operation's schema (required fields,
 * enums, `maxItems: 50` annotations, `maxLength` summaries, …).
 *
 * Only `generated/api.github.com.json` is read (13 MB, ~0.2 s to parse) — the package's index
 * would load every GHES variant (~400 MB). It is parsed once per Jest module registry (i.e. once
 * per test file) on first use, and each operation's validators are compiled once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

/** One way a request breaks GitHub's REST contract. */
export interface ContractViolation {
  method: string;
  /** The request path as sent (origin and a GHES `/api/v3` prefix removed, query kept). */
  path: string;
  problem: string;
}

/** The documented operation a request was routed to. */
export interface MatchedOperation {
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/check-runs/{check_run_id}`. */
  template: string;
  /** GitHub's operation id (`checks/create`), or `graphql`. */
  operationId: string;
}

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
  "x-multi-segment"?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
}
interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Parameter> };
}
interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  literalLength: number;
  operations: Record<string, Operation>;
}
interface Compiled {
  params: ValidateFunction;
  body: ValidateFunction | null;
  /** Top-level body properties the schema declares; `null` when it accepts any. */
  declared: Set<string> | null;
}

const GRAPHQL_PATHS = new Set(["/graphql", "/api/graphql"]);
// OpenAPI-only keywords (`nullable` is rewritten), and annotations that only bloat the schemas.
const DROPPED = new Set([
  ...["example", "examples", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs"],
  ...["nullable", "description", "deprecated"],
]);

let spec: Spec | undefined;
let routes: Route[] = [];
let loadMillis = 0;
const compiled = new Map<string, Compiled>();
const components = new Map<string, { schema: Json; refs: Set<string> }>();
// GitHub's patterns are written for JavaScript without the `u` flag.
const ajvOptions = {
  strict: false,
  allErrors: true,
  allowUnionTypes: true,
  unicodeRegExp: false,
  logger: false,
} as const;
let bodyAjv: Ajv;
let paramAjv: Ajv;

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function newAjv(coerce: boolean): Ajv {
  const ajv = new Ajv(coerce ? { ...ajvOptions, coerceTypes: "array" } : ajvOptions);
  addFormats(ajv);
  ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

/** The parsed description, loaded and indexed on first use. */
function loaded(): Spec {
  if (spec) return spec;
  const started = performance.now();
  const file = createRequire(import.meta.url).resolve(
    "@octokit/openapi/generated/api.github.com.json",
  );
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Spec;
  routes = Object.entries(parsed.paths).map(([template, operations]) =>
    compileRoute(parsed, template, operations),
  );
  // A router prefers literal segments: fewest parameters first, then the longest literal text.
  routes.sort((a, b) => a.names.length - b.names.length || b.literalLength - a.literalLength);
  bodyAjv = newAjv(false);
  paramAjv = newAjv(true);
  loadMillis = performance.now() - started;
  spec = parsed;
  return parsed;
}

function compileRoute(s: Spec, template: string, operations: Record<string, Operation>): Route {
  const multiSegment = new Set<string>();
  for (const operation of Object.values(operations))
    for (const parameter of (operation.parameters ?? []).map((p) => resolveParameter(s, p)))
      if (parameter["x-multi-segment"]) multiSegment.add(parameter.name); // e.g. a ref, a path
  const names: string[] = [];
  let literalLength = 0;
  const source = template.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
    if (name === undefined) {
      literalLength += part.length;
      return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    }
    names.push(name);
    return multiSegment.has(name) ? "(.+?)" : "([^/]+?)";
  });
  return { template, pattern: new RegExp(`^${source}$`), names, literalLength, operations };
}

function resolveParameter(s: Spec, p: Parameter | { $ref: string }): Parameter {
  return "$ref" in p ? (s.components.parameters[refName(p.$ref)] as Parameter) : p;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

/**
 * An OpenAPI 3.0 schema as JSON Schema for ajv: OpenAPI-only keywords dropped, `nullable`
 * turned into a `null` type, and `#/components/schemas/X` refs pointed at `#/definitions/X`
 * (the names met are added to `refs`, so recursive schemas stay references).
 */
function toJsonSchema(node: unknown, refs: Set<string>): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      refs.add(refName(value));
      out.$ref = `#/definitions/${encodeURIComponent(refName(value))}`;
    } else if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, sub]) => [name, toJsonSchema(sub, refs)]),
      );
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      out[key] = (value as unknown[]).map((sub) => toJsonSchema(sub, refs));
    } else if (key === "items" || key === "additionalProperties" || key === "not") {
      out[key] = toJsonSchema(value, refs);
    } else out[key] = value;
  }
  return (node as Json).nullable === true ? allowNull(out) : out;
}

function allowNull(schema: Json): Json {
  if (typeof schema.type !== "string") return { anyOf: [schema, { type: "null" }] };
  const widened: Json = { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null))
    widened.enum = [...schema.enum, null];
  return widened;
}

/** `root` with every component schema it reaches (through `pending`) copied into `definitions`. */
function withDefinitions(s: Spec, root: Json, pending: Set<string>): Json {
  const definitions: Json = {};
  for (const name of pending) {
    if (name in definitions) continue;
    let component = components.get(name);
    if (!component) {
      const refs = new Set<string>();
      component = { schema: toJsonSchema(s.components.schemas[name], refs) as Json, refs };
      components.set(name, component);
    }
    definitions[name] = component.schema;
    for (const next of component.refs) pending.add(next); // a Set iterates what is added
  }
  return { ...root, definitions };
}

/**
 * Property names a body may carry at its top level (own and `allOf`/`anyOf`/`oneOf` branches'),
 * or `null` when the schema is open (a map, or `additionalProperties` at the root).
 */
function declaredProperties(s: Spec, schema: Json | undefined, root = true): Set<string> | null {
  if (!schema) return new Set();
  if (typeof schema.$ref === "string")
    return declaredProperties(s, s.components.schemas[refName(schema.$ref)], root);
  const extra = schema.additionalProperties;
  if (typeof extra === "object" || (root && extra === true)) return null;
  const names = new Set(Object.keys((schema.properties as Json | undefined) ?? {}));
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    for (const branch of (schema[key] as Json[] | undefined) ?? []) {
      const more = declaredProperties(s, branch, false);
      if (more === null) return null;
      for (const name of more) names.add(name);
    }
  }
  return root && names.size === 0 ? null : names;
}

function compileOperation(s: Spec, route: Route, method: string, operation: Operation): Compiled {
  const key = `${method} ${route.template}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const parameters = (operation.parameters ?? []).map((p) => resolveParameter(s, p));
  const refs = new Set<string>();
  const properties: Json = Object.fromEntries(route.names.map((n) => [`path:${n}`, {}]));
  for (const p of parameters) {
    const schema = toJsonSchema(p.schema ?? {}, refs) as Json;
    // Parameters arrive as text and are coerced: "1" fits both branches of `oneOf: [integer, string]`.
    const { oneOf, ...rest } = schema;
    properties[`${p.in}:${p.name}`] = oneOf ? { ...rest, anyOf: oneOf } : schema;
  }
  const paramsSchema = {
    type: "object",
    properties,
    required: parameters.filter((p) => p.required).map((p) => `${p.in}:${p.name}`),
    additionalProperties: false,
  };
  const bodyRefs = new Set<string>();
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const entry: Compiled = {
    params: paramAjv.compile(withDefinitions(s, paramsSchema, refs)),
    body: schema
      ? bodyAjv.compile(withDefinitions(s, toJsonSchema(schema, bodyRefs) as Json, bodyRefs))
      : null,
    declared: schema ? declaredProperties(s, schema) : null,
  };
  compiled.set(key, entry);
  return entry;
}

function describeError(where: string, error: ErrorObject): string {
  const at = error.instancePath ? ` ${error.instancePath}` : "";
  const params = error.params as Record<string, unknown>;
  let detail = "";
  if (Array.isArray(params.allowedValues)) detail = ` (${params.allowedValues.join(", ")})`;
  if (typeof params.additionalProperty === "string") detail = ` (${params.additionalProperty})`;
  return `${where}${at} ${error.message ?? "is invalid"}${detail}`;
}

function describeParameterError(error: ErrorObject): string {
  const param = (name: unknown): string => String(name).replace(":", " parameter ");
  if (error.keyword === "additionalProperties")
    return `undeclared ${param(error.params.additionalProperty)}`;
  if (error.keyword === "required")
    return `missing required ${param(error.params.missingProperty)}`;
  return describeError(param(error.instancePath.slice(1)), { ...error, instancePath: "" });
}

function isEmptyObject(data: unknown): boolean {
  return typeof data === "object" && data !== null && Object.keys(data).length === 0;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Strips the origin and a GHES `/api/v3` prefix; keeps the (still encoded) path and query. */
function splitUrl(url: string): { pathname: string; query: URLSearchParams } {
  const parsed = new URL(url, "https://api.github.com");
  const pathname = parsed.pathname.replace(/^\/api\/v3(?=\/)/, "");
  return { pathname, query: parsed.searchParams };
}

function findRoute(pathname: string): { route: Route; values: string[] } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (match) return { route, values: match.slice(1) };
  }
  return undefined;
}

/** The documented operation `method url` reaches, or `undefined` when GitHub has none. */
export function findOperation(method: string, url: string): MatchedOperation | undefined {
  loaded();
  const verb = method.toUpperCase();
  const { pathname } = splitUrl(url);
  if (GRAPHQL_PATHS.has(pathname))
    return verb === "POST"
      ? { method: verb, template: pathname, operationId: "graphql" }
      : undefined;
  const found = findRoute(pathname);
  const operation = found?.route.operations[verb.toLowerCase()];
  if (!found || !operation) return undefined;
  return { method: verb, template: found.route.template, operationId: operation.operationId };
}

/**
 * Every way `method url` with `body` (an object, or the raw JSON text) breaks GitHub's
 * published REST contract; `[]` when it is a documented request. `POST /graphql` (and GHES's
 * `/api/graphql`) is accepted when the body carries a string `query`.
 */
export function checkRequest(method: string, url: string, body: unknown): ContractViolation[] {
  const s = loaded();
  const verb = method.toUpperCase();
  const { pathname, query } = splitUrl(url);
  const path = pathname + (query.size > 0 ? `?${query}` : "");
  const violation = (problem: string): ContractViolation => ({ method: verb, path, problem });
  const data = parseBody(body);

  if (GRAPHQL_PATHS.has(pathname)) return checkGraphql(verb, data).map(violation);
  const found = findRoute(pathname);
  if (!found) return [violation(`no such route in GitHub's REST API`)];
  const operation = found.route.operations[verb.toLowerCase()];
  if (!operation) {
    const allowed = Object.keys(found.route.operations).map((m) => m.toUpperCase());
    return [
      violation(`${found.route.template} does not accept ${verb} (only ${allowed.join(", ")})`),
    ];
  }

  const {
    params,
    body: validateBody,
    declared,
  } = compileOperation(s, found.route, verb, operation);
  const problems: string[] = [];
  const values: Record<string, string | string[]> = {};
  found.route.names.forEach(
    (name, i) => (values[`path:${name}`] = safeDecode(found.values[i] ?? "")),
  );
  for (const name of new Set(query.keys())) {
    const all = query.getAll(name);
    values[`query:${name}`] = all.length === 1 ? (all[0] as string) : all;
  }
  if (!params(values))
    for (const error of params.errors ?? []) problems.push(describeParameterError(error));

  if (data === undefined) {
    if (operation.requestBody?.required) problems.push("request body is required");
  } else if (!operation.requestBody) {
    if (!isEmptyObject(data)) problems.push(`${operation.operationId} takes no request body`);
  } else if (validateBody) {
    if (!validateBody(data))
      for (const error of validateBody.errors ?? []) problems.push(describeError("body", error));
    if (declared && typeof data === "object" && data !== null && !Array.isArray(data))
      for (const key of Object.keys(data))
        if (!declared.has(key))
          problems.push(`body property ${key} is not in the schema of ${operation.operationId}`);
  }
  return [...new Set(problems)].map(violation);
}

function checkGraphql(verb: string, data: unknown): string[] {
  if (verb !== "POST") return [`GraphQL takes POST, not ${verb}`];
  if (typeof data !== "object" || data === null || typeof (data as Json).query !== "string")
    return ["GraphQL body needs a string query"];
  const variables = (data as Json).variables;
  if (variables !== undefined && (typeof variables !== "object" || Array.isArray(variables)))
    return ["GraphQL variables must be an object"];
  return [];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Facts about the loaded description: its version, route count and parse time (it loads it). */
export function contractInfo(): { openapi: string; routes: number; loadMillis: number } {
  const s = loaded();
  return { openapi: s.openapi, routes: routes.length, loadMillis };
}
