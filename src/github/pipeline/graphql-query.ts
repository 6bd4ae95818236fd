/**
 * The one GraphQL query that reads a commit for a check: the config blob from the default
 * branch, this app's `parallel-plans` check runs on the SHA, each plan folder's tree (names and
 * sizes, texts of its top-level files inline), every plan folder under a plan root (`t…`), and
 * single blobs by path. Pure: what to read in,
 * query text and variables out.
 *
 * Paths come from pushes and pull requests, so they are attacker-controlled: every path and ref
 * travels as a GraphQL variable (`$f0`, `$b0`, …), never inside the query text.
 */

/**
 * Fields a feature adds to the event's one query (its own issues, sync branches), with their
 * variable declarations and values; variable names must not clash with `f…`, `b…`, `t…`, `config`,
 * `sha`, `appId`, `checkName`, `owner`, `name`, and one another's (`pull`, `r…`, `p…`, …).
 */
export interface QueryPart {
  declarations: string[];
  variables: Record<string, string | number>;
  fields: string[];
}

/** What one query asks for; every part is optional so follow-up queries stay small. */
export interface SnapshotQuery {
  owner: string;
  name: string;
  /** The commit read (a full SHA). */
  sha: string;
  /** `<default branch>:.github/parallel-plans.yml`, when the config is wanted. */
  configExpression?: string;
  /** This app's check runs on the SHA, when wanted. */
  lookup?: { appId: number; checkName: string };
  /** Plan folders (repository-relative paths) read as trees. */
  folders?: readonly string[];
  /** Single files (repository-relative paths) read as blobs. */
  blobs?: readonly string[];
  /** Plan roots (see `plan-roots.ts`): each child folder listed like a plan folder. */
  roots?: readonly string[];
  /** Levels of folders below a plan folder that are listed (at least 1). */
  depth: number;
  /** What features add to the event's first query. */
  parts?: readonly QueryPart[];
}

export interface BuiltQuery {
  query: string;
  variables: Record<string, string | number>;
  /** Response alias → repository path, for folders and for blobs. */
  folderAliases: Map<string, string>;
  blobAliases: Map<string, string>;
  rootAliases: Map<string, string>;
}

/** How many check suites and runs the lookup reads: a SHA rarely has more than one of each. */
const LOOKUP_SUITES = 10;
const LOOKUP_RUNS = 10;

const BLOB_TEXT = "fragment BlobText on Blob { oid byteSize isBinary isTruncated text }";
/** A plan root's entry: a file (names and sizes), or a folder listed like a plan folder. */
const ROOT =
  "fragment Root on TreeEntry { name type object { ... on Blob { oid byteSize } ... on Tree { entries { ...Top } } } }";

export function buildSnapshotQuery(request: SnapshotQuery): BuiltQuery {
  const declarations = ["$owner: String!", "$name: String!"];
  const variables: Record<string, string | number> = { owner: request.owner, name: request.name };
  const fields: string[] = [];
  const folderAliases = new Map<string, string>();
  const blobAliases = new Map<string, string>();
  const rootAliases = new Map<string, string>();
  let usesBlobText = false;

  if (request.configExpression !== undefined) {
    declarations.push("$config: String!");
    variables.config = request.configExpression;
    fields.push("config: object(expression: $config) { ...BlobText }");
    usesBlobText = true;
  }
  if (request.lookup) {
    declarations.push("$sha: GitObjectID!", "$appId: Int!", "$checkName: String!");
    Object.assign(variables, { sha: request.sha, ...request.lookup });
    fields.push(
      `commit: object(oid: $sha) { ... on Commit { checkSuites(first: ${LOOKUP_SUITES}, filterBy: { appId: $appId }) { nodes { checkRuns(first: ${LOOKUP_RUNS}, filterBy: { checkName: $checkName }) { nodes { databaseId status externalId title summary } } } } } }`,
    );
  }
  (request.folders ?? []).forEach((path, i) => {
    const alias = `f${i}`;
    declarations.push(`$${alias}: String!`);
    variables[alias] = `${request.sha}:${path}`;
    folderAliases.set(alias, path);
    fields.push(`${alias}: object(expression: $${alias}) { ... on Tree { entries { ...Top } } }`);
  });
  (request.blobs ?? []).forEach((path, i) => {
    const alias = `b${i}`;
    declarations.push(`$${alias}: String!`);
    variables[alias] = `${request.sha}:${path}`;
    blobAliases.set(alias, path);
    fields.push(`${alias}: object(expression: $${alias}) { ...BlobText }`);
    usesBlobText = true;
  });

  (request.roots ?? []).forEach((path, i) => {
    const alias = `t${i}`;
    declarations.push(`$${alias}: String!`);
    variables[alias] = `${request.sha}:${path}`;
    rootAliases.set(alias, path);
    fields.push(`${alias}: object(expression: $${alias}) { ... on Tree { entries { ...Root } } }`);
  });

  for (const part of request.parts ?? []) {
    declarations.push(...part.declarations);
    Object.assign(variables, part.variables);
    fields.push(...part.fields);
  }

  const fragments: string[] = [];
  if (folderAliases.size > 0 || rootAliases.size > 0) {
    fragments.push(...treeFragments(Math.max(1, request.depth)));
    usesBlobText = true;
  }
  if (rootAliases.size > 0) fragments.push(ROOT);
  if (usesBlobText) fragments.push(BLOB_TEXT);
  const query = [
    `query ParallelPlansSnapshot(${declarations.join(", ")}) {`,
    `  repository(owner: $owner, name: $name) {`,
    ...fields.map((field) => `    ${field}`),
    "  }",
    "}",
    ...fragments,
  ].join("\n");
  return { query, variables, folderAliases, blobAliases, rootAliases };
}

/**
 * `Top` lists a plan folder's entries with the texts of its files (parallel.json and the PLAN
 * markdown live there); `E0`…`E<depth-2>` list the folders below with names and sizes only, so
 * a folder of 500 SUBPLAN/EXECUTION files costs bytes, not requests.
 */
export function treeFragments(depth: number): string[] {
  const fragments = [
    "fragment E0 on TreeEntry { name type object { ... on Blob { oid byteSize } } }",
  ];
  for (let level = 1; level <= depth - 2; level++) {
    fragments.push(
      `fragment E${level} on TreeEntry { ...E0 object { ... on Tree { entries { ...E${level - 1} } } } }`,
    );
  }
  const below = depth >= 2 ? ` ... on Tree { entries { ...E${depth - 2} } }` : "";
  fragments.push(`fragment Top on TreeEntry { name type object { ...BlobText${below} } }`);
  // Only fragments that are spread may be declared (GraphQL validation).
  return depth >= 2 ? fragments : fragments.slice(-1);
}
