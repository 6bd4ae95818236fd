/**
 * Contract checks for GraphQL: a request's query document is validated against GitHub's public
 * GraphQL schema (`@octokit/graphql-schema`) with every standard graphql-js rule (fields and
 * arguments exist, types fit, variables are declared and used, fragments apply…), its variables
 * are coerced against the operation's variable definitions as a server would (a missing
 * non-null variable, a number where a `String!` is declared), and GitHub's own pagination rule
 * is applied: every connection takes `first` or `last`, between 1 and 100. One check is stricter
 * than GitHub: a variable the operation does not declare is an error (GitHub ignores it), since
 * it is a misspelt name whose declared twin then goes unset.
 *
 * The schema is built once per module registry (Jest makes one per test file; a GraphQLSchema
 * cannot cross files, since each file loads its own graphql-js, which checks `instanceof` on its
 * classes). Parsing GitHub's 1.2 MB SDL costs about a second a file, so the first build also
 * writes the result as an introspection result to the system's temporary folder, named by a hash
 * of the SDL, the additions and the graphql-js version; later files and workers rebuild from that
 * (a JSON parse and `buildClientSchema`, about a fifth of the cost). A test keeps both ways equal.
 * `graphqlContractInfo()` reports what the build cost and which way it went.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  buildASTSchema,
  buildClientSchema,
  extendSchema,
  getNamedType,
  getVariableValues,
  GraphQLError,
  GraphQLObjectType,
  introspectionFromSchema,
  Kind,
  parse,
  TypeInfo,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  version as graphqlVersion,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from "graphql";

/**
 * Fields GitHub documents and serves that the packaged schema (last regenerated before they
 * shipped) lacks, each with its documented signature. They are added to the schema, so queries
 * using them are still validated in full, arguments included. When the package catches up,
 * building the schema fails ("Field … already exists in the schema"): delete the entry then.
 */
export const SCHEMA_ADDITIONS: readonly { field: string; reason: string; sdl: string }[] = [
  {
    field: "Issue.blockedBy",
    reason:
      "issue dependencies (generally available since August 2025) are in GitHub's GraphQL " +
      "reference, but the newest @octokit/graphql-schema predates them",
    sdl: `extend type Issue {
  "A list of issues that are blocking this issue."
  blockedBy(after: String, before: String, first: Int, last: Int, orderBy: IssueOrder): IssueConnection!
}`,
  },
];

/** GitHub's bounds for `first` and `last` on a connection. */
const PAGE_LIMIT = 100;

let schema: GraphQLSchema | undefined;
let loadMillis = 0;
let fromCache = false;

// The package exports only its ESM index, which parses the older schema.json on import: the SDL
// beside it is newer (it has sub-issues) and is read directly from the project's modules.
const SDL_FILE = new URL(
  "../../node_modules/@octokit/graphql-schema/schema.graphql",
  import.meta.url,
);

/** GitHub's schema as packaged, built from its SDL (about a second). */
export function buildPackagedSchema(sdl = readFileSync(SDL_FILE, "utf8")): GraphQLSchema {
  // GitHub's published SDL repeats two EnterpriseOwnerInfo fields, which graphql-js's SDL rules
  // reject; the schema built from it is valid (a test runs `validateSchema` on it), so the
  // build skips both checks: they cost a third of it.
  return buildASTSchema(parse(sdl, { noLocation: true }), {
    assumeValidSDL: true,
    assumeValid: true,
  });
}

/** The packaged schema plus {@link SCHEMA_ADDITIONS}, from the SDL. */
export function buildCheckedSchema(sdl?: string): GraphQLSchema {
  const additions = parse(SCHEMA_ADDITIONS.map((a) => a.sdl).join("\n"));
  // The additions' own SDL is validated: one naming a field GitHub's schema has now fails here.
  return extendSchema(buildPackagedSchema(sdl), additions, { assumeValid: true });
}

/** GitHub's schema plus {@link SCHEMA_ADDITIONS}, built on first use. */
function githubSchema(): GraphQLSchema {
  if (schema) return schema;
  const started = performance.now();
  const sdl = readFileSync(SDL_FILE, "utf8");
  const key = createHash("sha256")
    .update(`${graphqlVersion}\n${JSON.stringify(SCHEMA_ADDITIONS)}\n${sdl}`)
    .digest("hex")
    .slice(0, 16);
  const cacheFile = path.join(tmpdir(), `parallel-plans-github-graphql-${key}.json`);
  const cached = readCache(cacheFile);
  fromCache = cached !== null;
  if (cached) schema = buildClientSchema(cached, { assumeValid: true });
  else {
    schema = buildCheckedSchema(sdl);
    writeCache(cacheFile, introspectionFromSchema(schema));
  }
  loadMillis = performance.now() - started;
  return schema;
}

function readCache(file: string): IntrospectionQuery | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as IntrospectionQuery;
    return Array.isArray(parsed.__schema?.types) ? parsed : null;
  } catch {
    return null; // absent or unreadable: build from the SDL
  }
}

function writeCache(file: string, introspection: IntrospectionQuery): void {
  // Written aside and renamed: a worker reading at the same time sees no half-written file.
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, JSON.stringify(introspection));
    renameSync(partial, file);
  } catch {
    // A read-only temporary folder only costs later files the slower build.
  }
}

/** How the operation of a GraphQL request is named in messages. */
export function describeOperation(query: string, operationName?: unknown): string {
  const named = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query);
  if (typeof operationName === "string") return `operation ${operationName}`;
  if (named) return `${named[1]} ${named[2]}`;
  const text = query.replace(/\s+/g, " ").trim();
  return `anonymous operation "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}

function located(error: GraphQLError): string {
  const at = error.locations?.[0];
  return at ? `${error.message} (line ${at.line}, column ${at.column})` : error.message;
}

function selectOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode | string {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (typeof operationName === "string") {
    const found = operations.find((o) => o.name?.value === operationName);
    return found ?? `operationName ${operationName} names no operation in the document`;
  }
  if (operations.length !== 1 || !operations[0])
    return `the document has ${operations.length} operations and no operationName picks one`;
  return operations[0];
}

/** GitHub's rule: every connection field takes `first` or `last`, each from 1 to 100. */
function checkPagination(
  s: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const typeInfo = new TypeInfo(s);
  // Validation has passed, so every fragment is spread somewhere: visiting each fragment
  // definition once (its type condition sets the parent type) covers the fields it adds.
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      const type = field && getNamedType(field.type);
      if (!field || !(type instanceof GraphQLObjectType) || !isConnection(type)) return;
      const name = `${typeInfo.getParentType()?.name ?? "?"}.${field.name}`;
      const given = ["first", "last"].flatMap((arg) => {
        const argNode = node.arguments?.find((a) => a.name.value === arg);
        const definition = field.args.find((a) => a.name === arg);
        if (!argNode || !definition) return [];
        const value: unknown = valueFromAST(argNode.value, definition.type, variables);
        return value === null || value === undefined ? [] : [{ arg, value }];
      });
      if (given.length === 0)
        problems.push(`${name} is a connection: GitHub requires first or last on it`);
      for (const { arg, value } of given)
        if (typeof value !== "number" || value < 1 || value > PAGE_LIMIT)
          problems.push(`${name}(${arg}: ${String(value)}): GitHub takes 1 to ${PAGE_LIMIT}`);
    },
  });
  visit(operation, visitor);
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  return problems;
}

function isConnection(type: GraphQLObjectType): boolean {
  const fields = type.getFields();
  return type.name.endsWith("Connection") && "pageInfo" in fields;
}

/**
 * Every way a GraphQL request body breaks GitHub's GraphQL schema, each naming the operation:
 * `[]` when the query is valid and its variables fit. The body is the parsed JSON (or its text);
 * a body that is no GraphQL request at all gives one problem.
 */
export function checkGraphqlRequest(body: unknown): string[] {
  const data = typeof body === "string" ? safeJson(body) : body;
  if (typeof data !== "object" || data === null || typeof (data as Json).query !== "string")
    return ["GraphQL body needs a string query"];
  const { query, variables = {}, operationName } = data as Json;
  const name = describeOperation(query as string, operationName);
  if (typeof variables !== "object" || variables === null || Array.isArray(variables))
    return [`${name}: variables must be an object`];

  let document: DocumentNode;
  try {
    document = parse(query as string);
  } catch (error) {
    if (error instanceof GraphQLError) return [`${name}: ${located(error)}`];
    throw error;
  }
  const s = githubSchema();
  const invalid = validate(s, document);
  if (invalid.length > 0) return invalid.map((e) => `${name}: ${located(e)}`);

  const operation = selectOperation(document, operationName);
  if (typeof operation === "string") return [`${name}: ${operation}`];
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const problems = Object.keys(variables)
    .filter((key) => !declared.has(key))
    .map((key) => `variable $${key} is sent but the operation does not declare it`);
  const coerced = getVariableValues(
    s,
    operation.variableDefinitions ?? [],
    variables as Record<string, unknown>,
  );
  if (coerced.errors) problems.push(...coerced.errors.map((e) => e.message));
  else problems.push(...checkPagination(s, document, operation, coerced.coerced));
  return problems.map((problem) => `${name}: ${problem}`);
}

type Json = Record<string, unknown>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The schema the checks use (built on first use). */
export function githubGraphqlSchema(): GraphQLSchema {
  return githubSchema();
}

/**
 * Facts about the loaded schema: its type count, what building it cost, whether it came from the
 * cached introspection result, the fields added.
 */
export function graphqlContractInfo(): {
  types: number;
  loadMillis: number;
  fromCache: boolean;
  added: string[];
} {
  const s = githubSchema();
  return {
    types: Object.keys(s.getTypeMap()).length,
    loadMillis,
    fromCache,
    added: SCHEMA_ADDITIONS.map((a) => a.field),
  };
}
