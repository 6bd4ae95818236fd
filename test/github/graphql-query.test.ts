/**
 * The snapshot query: valid GraphQL shape (every declared variable used, every fragment spread
 * defined and used), paths only ever as variables, depth as asked.
 */
import { describe, expect, it } from "@jest/globals";
import { buildSnapshotQuery, type SnapshotQuery } from "../../src/github/pipeline/graphql-query.js";

const SHA = "a".repeat(40);
const base: SnapshotQuery = { owner: "o", name: "r", sha: SHA, depth: 4 };

function shapeProblems(query: string): string[] {
  const problems: string[] = [];
  const header = /^query \w+\(([^)]*)\)/.exec(query)?.[1] ?? "";
  const declared = [...header.matchAll(/\$(\w+):/g)].map((m) => m[1]!);
  const body = query.slice(query.indexOf("{"));
  for (const name of declared)
    if (!new RegExp(`\\$${name}\\b`).test(body)) problems.push(`unused $${name}`);
  for (const m of body.matchAll(/\$(\w+)/g))
    if (!declared.includes(m[1]!)) problems.push(`undeclared $${m[1]}`);
  const defined = [...query.matchAll(/fragment (\w+) on/g)].map((m) => m[1]!);
  const spread = new Set(
    [...query.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]!).filter((n) => n !== "on"),
  );
  for (const name of defined) if (!spread.has(name)) problems.push(`unused fragment ${name}`);
  for (const name of spread)
    if (!defined.includes(name)) problems.push(`undefined fragment ${name}`);
  let depth = 0;
  for (const c of query) {
    depth += c === "{" ? 1 : c === "}" ? -1 : 0;
    if (depth < 0) problems.push("unbalanced braces");
  }
  if (depth !== 0) problems.push("unbalanced braces");
  return problems;
}

describe("buildSnapshotQuery", () => {
  it.each([
    [
      "everything",
      {
        ...base,
        configExpression: "main:.github/parallel-plans.yml",
        lookup: { appId: 1, checkName: "parallel-plans" },
        folders: ["p/A", "p/B"],
        blobs: ["p/C/parallel.json"],
      },
    ],
    ["folders only", { ...base, folders: ["p/A"] }],
    ["folders, one level", { ...base, depth: 1, folders: ["p/A"] }],
    ["folders, two levels", { ...base, depth: 2, folders: ["p/A"] }],
    ["blobs only", { ...base, blobs: ["p/A/parallel.json"] }],
    ["the lookup only", { ...base, lookup: { appId: 1, checkName: "parallel-plans" } }],
    ["plan roots only", { ...base, roots: ["p"] }],
    ["plan roots, one level", { ...base, depth: 1, roots: ["p"] }],
  ])("is well-formed with %s", (_what, request) => {
    expect(shapeProblems(buildSnapshotQuery(request).query)).toEqual([]);
  });

  it("passes hostile paths as variables, never as query text", () => {
    const hostile = 'p/") { x } #\n"';
    const built = buildSnapshotQuery({ ...base, folders: [hostile], blobs: [hostile] });
    expect(built.query).not.toContain("p/");
    expect(built.variables).toMatchObject({ f0: `${SHA}:${hostile}`, b0: `${SHA}:${hostile}` });
    expect([...built.folderAliases]).toEqual([["f0", hostile]]);
  });

  it("lists every child folder of a plan root like a plan folder, the root as a variable", () => {
    const built = buildSnapshotQuery({ ...base, depth: 3, roots: ["work-space/plans"] });
    expect(built.variables).toMatchObject({ t0: `${SHA}:work-space/plans` });
    expect([...built.rootAliases]).toEqual([["t0", "work-space/plans"]]);
    expect(built.query).not.toContain("work-space");
    expect(built.query).toContain(
      "fragment Root on TreeEntry { name type object { ... on Blob { oid byteSize } ... on Tree { entries { ...Top } } } }",
    );
  });

  it("lists as many levels below a plan folder as asked", () => {
    const { query } = buildSnapshotQuery({ ...base, depth: 4, folders: ["p/A"] });
    expect(query.match(/fragment E\d+/g)).toEqual(["fragment E0", "fragment E1", "fragment E2"]);
    expect(query).toContain(
      "fragment Top on TreeEntry { name type object { ...BlobText ... on Tree { entries { ...E2 } } } }",
    );
  });
});
