/**
 * The GitHub source yields the CLI's snapshot: same paths, sizes and plan texts, hence the same
 * report; and the odd files (binary, truncated by GraphQL, over 1 MB, a plan without
 * parallel.json) are handled through the real app.
 */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { configToOptions, DEFAULT_CONFIG } from "../../src/core/config.js";
import { prefixPlan } from "../../src/cli/load-report.js";
import { planInputMatcher } from "../../src/sources/plan-inputs.js";
import { CommitFiles, type EntryNode } from "../../src/github/pipeline/commit-files.js";
import { readLocalSnapshot } from "../../src/sources/local-source.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { pushTouching } from "../support/webhook-fixtures.js";
import { FakeGitHub, type WriteBody } from "./fake-github.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";

installNockGuards();

const options = configToOptions(DEFAULT_CONFIG);

describe("CommitFiles", () => {
  it.each([
    "PARALLEL-EXECUTION-AUTOMATION",
    "RELEASE-PIPELINE",
    "broken/BROKEN-GRAPH",
    "broken/PLAN-ONLY",
  ])("builds the CLI's snapshot and report for examples/%s", async (example) => {
    const name = example.split("/").pop()!;
    const dir = `${PLAN_ROOT}/${name}`;
    // The GraphQL answer the fake gives for the folder, exactly as the app's query asks it.
    const fake = new FakeGitHub(mockGitHub(), "o", "r").addFolder(dir, `examples/${example}`);
    const answer = (
      fake as unknown as { folder(d: string, depth: number): { entries: EntryNode[] } }
    ).folder(dir, 4);
    const files = new CommitFiles("r");
    files.addFolder(dir, answer.entries, 4);
    const fromGitHub = files.snapshot(options);

    const local = await readLocalSnapshot(`examples/${example}`, {
      maxFileBytes: options.limits.maxFileBytes,
      maxJsonBytes: options.limits.maxJsonBytes,
      readContent: planInputMatcher(options.patterns),
    });
    const expected = [...local.files.values()].map((f) => [`${dir}/${f.path}`, f.size]);
    expect([...fromGitHub.files.values()].map((f) => [f.path, f.size])).toEqual(expected);
    for (const file of local.files.values()) {
      if (!/(^|\/)(parallel\.json|PLAN_[^/]*\.md)$/.test(file.path)) continue;
      const content = fromGitHub.files.get(`${dir}/${file.path}`)!.content;
      expect(content).toBe(Buffer.from(file.content as Uint8Array).toString("utf8"));
    }
    // The CLI checks the folder it is given whatever the globs (its plan dir is "").
    const localPlans = analyzeSnapshot(local, { ...options, plans: [] }).plans.map((p) =>
      prefixPlan({ ...p, dir: "" }, dir),
    );
    const githubPlans = analyzeSnapshot(fromGitHub, options).plans;
    expect(githubPlans.map((p) => ({ ...p, name: "" }))).toEqual(
      localPlans.map((p) => ({ ...p, name: "" })),
    );
    fake.mock.done();
  });
});

describe("CommitFiles.addRoot", () => {
  it("holds what the folder listings of each plan under the root hold", () => {
    const fake = new FakeGitHub(mockGitHub(), "o", "r")
      .addFolder(`${PLAN_ROOT}/A`, "examples/PARALLEL-EXECUTION-AUTOMATION")
      .addFolder(`${PLAN_ROOT}/B`, "examples/broken/BROKEN-GRAPH");
    fake.files.set(`${PLAN_ROOT}/README.md`, "# plans\n");
    const answers = fake as unknown as {
      root(d: string, depth: number): { entries: EntryNode[] };
      folder(d: string, depth: number): { entries: EntryNode[] };
    };
    const byRoot = new CommitFiles("r");
    byRoot.addRoot(PLAN_ROOT, answers.root(PLAN_ROOT, 4).entries, 4);
    const byFolder = new CommitFiles("r");
    for (const dir of [`${PLAN_ROOT}/A`, `${PLAN_ROOT}/B`])
      byFolder.addFolder(dir, answers.folder(dir, 4).entries, 4);
    byFolder.addBlob(`${PLAN_ROOT}/README.md`, { oid: "x", byteSize: 8 });

    const plans = (files: CommitFiles) =>
      analyzeSnapshot(files.snapshot(options), options).plans.map((p) => [
        p.dir,
        p.ok,
        p.findings.length,
      ]);
    expect(plans(byRoot)).toEqual(plans(byFolder));
    expect(plans(byRoot)).toEqual([
      [`${PLAN_ROOT}/A`, true, expect.any(Number)],
      [`${PLAN_ROOT}/B`, false, expect.any(Number)],
    ]);
    expect([...byRoot.snapshot(options).files.keys()]).toEqual([
      ...byFolder.snapshot(options).files.keys(),
    ]);
    expect([...byRoot.listedFolders]).toEqual([
      [`${PLAN_ROOT}/A`, 4],
      [`${PLAN_ROOT}/B`, 4],
    ]);
    fake.mock.done();
  });
});

describe("odd files through the app", () => {
  const PLAN = `${PLAN_ROOT}/ODD`;
  const push = pushTouching({ modified: [`${PLAN}/parallel.json`] });

  async function check(gh: FakeGitHub): Promise<WriteBody> {
    await deliver(await appProbot(), "push", push);
    gh.mock.done();
    return gh.writes().at(-1);
  }

  it("reads a binary parallel.json as bytes and reports it like the CLI", async () => {
    const gh = fakeHelloWorld();
    gh.files.set(`${PLAN}/parallel.json`, Buffer.from([0x7b, 0x0a, 0x00, 0xff, 0x7d]));
    gh.expectToken().expectGraphql().expectBlob(`${PLAN}/parallel.json`).expectCreate();
    const complete = await check(gh);
    expect(gh.callLines()[1]).toMatch(/^GET \/git\/blobs\/[0-9a-f]{40}$/);
    expect(complete.conclusion).toBe("failure");
    expect(complete.output.annotations).toEqual([
      expect.objectContaining({
        path: `${PLAN}/parallel.json`,
        title: "json-syntax",
        start_line: 2,
        message: expect.stringContaining("UTF-8"),
      }),
      expect.objectContaining({ title: "missing-plan-markdown", annotation_level: "notice" }),
    ]);
  });

  it("reads a parallel.json whose GraphQL text is cut as bytes", async () => {
    const gh = fakeHelloWorld().addFolder(PLAN, "examples/broken/BROKEN-GRAPH");
    gh.files.set(`${PLAN}/parallel.json`, {
      text: gh.files.get(`${PLAN}/parallel.json`) as string,
      truncated: true,
    });
    gh.expectToken().expectGraphql().expectBlob(`${PLAN}/parallel.json`).expectCreate();
    const complete = await check(gh);
    expect(complete.output.annotations).toContainEqual(
      expect.objectContaining({ title: "dependency-cycle", start_line: 50 }),
    );
  });

  // A parallel.json over the default limit (4 MiB) is covered in test/hostile/size-limits.test.ts;
  // through the app a small configured limit exercises the same path without a 4 MiB mock body.
  it("does not read a parallel.json over the config's limit and names the setting", async () => {
    const gh = fakeHelloWorld();
    gh.config = "limits:\n  max_json_bytes: 1024\n";
    gh.files.set(`${PLAN}/parallel.json`, `${" ".repeat(1024)}{}`);
    gh.expectToken().expectGraphql().expectCreate();
    const complete = await check(gh);
    expect(complete.output.annotations).toEqual([
      expect.objectContaining({
        title: "file-too-large",
        message: expect.stringContaining(
          "over the limit of 1024 bytes (limits.max_json_bytes in .github/parallel-plans.yml raises it)",
        ),
      }),
      expect.objectContaining({ title: "missing-plan-markdown", annotation_level: "notice" }),
    ]);
  });

  it("reports a plan without parallel.json as a notice, with a success", async () => {
    const gh = fakeHelloWorld().addFolder(PLAN, "examples/broken/PLAN-ONLY");
    gh.expectToken().expectGraphql().expectCreate();
    const complete = await check(gh);
    expect(complete.conclusion).toBe("success");
    expect(complete.output.annotations).toEqual([
      expect.objectContaining({ title: "missing-parallel-json", annotation_level: "notice" }),
    ]);
  });
});
