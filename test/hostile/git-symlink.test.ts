/**
 * On GitHub the app reads git objects, never a file system: a symbolic link in a commit is a blob
 * (mode 120000) holding its target path, so a parallel.json "linked" to a file of the server is
 * read as that path, which is not JSON. Nothing is followed.
 */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { configToOptions, DEFAULT_CONFIG } from "../../src/core/config.js";
import { CommitFiles } from "../../src/github/pipeline/commit-files.js";

const options = configToOptions(DEFAULT_CONFIG);
const DIR = "work-space/plans/LINKED";
const TARGET = "../../../../../proc/self/environ";

describe("a symbolic link in a commit", () => {
  it("is read as the blob holding its target path, and that text is all the analysis sees", () => {
    const files = new CommitFiles("repo");
    // GraphQL lists a link as a blob entry whose text is the target (git stores it so).
    files.addFolder(
      DIR,
      [
        {
          name: "parallel.json",
          type: "blob",
          object: { oid: "a".repeat(40), byteSize: TARGET.length, isBinary: false, text: TARGET },
        },
      ],
      4,
    );
    const snapshot = files.snapshot(options);
    expect(snapshot.files.get(`${DIR}/parallel.json`)).toEqual({
      path: `${DIR}/parallel.json`,
      size: TARGET.length,
      content: TARGET,
    });
    const [plan] = analyzeSnapshot(snapshot, options).plans;
    // The folder has no PLAN markdown, hence the notice; the link itself only reads as bad JSON.
    expect(plan?.findings.map((f) => f.rule)).toEqual(["json-syntax", "missing-plan-markdown"]);
    expect(plan?.findings[0]?.message).not.toMatch(/PATH=|HOME=/);
  });

  it("keeps the size of the link itself from the recursive tree", () => {
    const files = new CommitFiles("repo");
    files.addTree(
      [{ path: `${DIR}/parallel.json`, type: "blob", size: TARGET.length, sha: "b".repeat(40) }],
      false,
    );
    expect(files.snapshot(options).files.get(`${DIR}/parallel.json`)?.size).toBe(TARGET.length);
    expect(files.missingContents(options)).toEqual([
      { path: `${DIR}/parallel.json`, oid: "b".repeat(40), needsBytes: false },
    ]);
  });
});
