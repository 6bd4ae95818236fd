/**
 * The Action's `sarif-file`: code scanning takes each upload of a category as the whole analysis
 * of the branch and closes every alert missing from it, so the file describes every plan of the
 * event's commit, whatever the event touched, and is not written at all when nothing could be
 * analysed (an empty file would close every alert).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { CommentsGitHub, commentEvent } from "../github/comments-fake.js";
import { FakeGitHub } from "../github/fake-github.js";
import { PLAN_ROOT } from "../github/harness.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { runnerEnv, runStep, useWorkspace } from "./runner.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;
const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;
const SARIF = "parallel-plans.sarif";
/** The documented code-scanning workflow's settings. */
const CODE_SCANNING = { PARALLEL_PLANS_SARIF_FILE: SARIF, PARALLEL_PLANS_FAIL_ON: "never" };

const workspace = useWorkspace();

/** A repository holding a broken plan and a clean one. */
function repository(): FakeGitHub {
  return new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World")
    .addFolder(GRAPH, "examples/broken/BROKEN-GRAPH")
    .addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
}

interface Sarif {
  runs: {
    results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

async function sarifOf(outputs: Record<string, string>): Promise<Sarif> {
  return JSON.parse(await readFile(outputs["sarif-file"]!, "utf8")) as Sarif;
}

function resultFiles(sarif: Sarif): string[] {
  return sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
}

describe("the Action's SARIF file", () => {
  it("describes every plan of the commit, whichever plan the push touched, with one more query", async () => {
    const sha = fakeSha("sarif every plan");
    const pushes = {
      "the broken plan": [`${GRAPH}/parallel.json`],
      "the clean plan only": [`${AUTOMATION}/parallel.json`],
    };
    const files: Record<string, string[]> = {};
    for (const [what, modified] of Object.entries(pushes)) {
      const gh = repository();
      gh.expectGraphql().expectCreate().expectGraphql();

      const result = await runStep(
        await runnerEnv(
          workspace(),
          "push",
          pushTouching({ modified }, { after: sha }),
          CODE_SCANNING,
        ),
      );

      expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs", "POST /graphql"]);
      // The read of every plan: the plan root in the query, as the App reads a config change.
      const { variables } = gh.calls()[2]!.body as { variables: Record<string, unknown> };
      expect(variables).toMatchObject({ t0: `${sha}:${PLAN_ROOT}` });
      expect(result.code).toBe(0);
      files[what] = resultFiles(await sarifOf(result.outputs));
      gh.mock.done();
    }
    expect(files["the broken plan"]!.length).toBeGreaterThan(0);
    expect(files["the broken plan"]!.every((uri) => uri.startsWith(`${GRAPH}/`))).toBe(true);
    expect(files["the clean plan only"]).toEqual(files["the broken plan"]);
  });

  it("still describes every plan on a push touching none, in one query", async () => {
    const gh = repository();
    gh.expectGraphql();

    const result = await runStep(
      await runnerEnv(
        workspace(),
        "push",
        pushTouching({ modified: ["README.md"] }, { after: fakeSha("sarif readme") }),
        CODE_SCANNING,
      ),
    );

    expect(gh.callLines()).toEqual(["POST /graphql"]);
    expect(result.code).toBe(0);
    expect(result.outputs.conclusion).toBe("skipped");
    const files = resultFiles(await sarifOf(result.outputs));
    expect(files).toContain(`${GRAPH}/parallel.json`);
    gh.mock.done();
  });

  it("is not written when the config is invalid, and the step fails saying why whatever fail-on says", async () => {
    const gh = repository();
    gh.config = "fail_on: sometimes\n";
    gh.expectGraphql().expectCreate().expectGraphql();
    const file = path.join(workspace(), SARIF);
    // What an earlier run left in a reused workspace must not be uploaded as this run's.
    await writeFile(file, '{"runs":[{"results":[]}]}\n');

    const result = await runStep(
      await runnerEnv(
        workspace(),
        "push",
        pushTouching({ modified: [`${GRAPH}/parallel.json`] }, { after: fakeSha("sarif bad") }),
        CODE_SCANNING,
      ),
    );

    expect(gh.writes()[0]).toMatchObject({ conclusion: "failure" });
    expect(result.code).toBe(1);
    expect(result.log).toContain(
      `::error title=parallel-plans::${SARIF} was not written: .github/parallel-plans.yml on master is invalid, so no plan was analysed (the parallel-plans check shows why)\n`,
    );
    await expect(readFile(file, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
    expect(result.outputs["sarif-file"]).toBeUndefined();
    expect(result.outputs.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("is not written for a comment, which names no commit, and the step still succeeds", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
    const c = new CommentsGitHub(gh);
    const event = commentEvent("/parallel help");
    c.expectReaction(event.comment.id).expectContext().expectReplies(event.issue.number);

    const result = await runStep(
      await runnerEnv(workspace(), "issue_comment", event, CODE_SCANNING),
    );

    expect(result.code).toBe(0);
    expect(result.log).toContain(
      "parallel-plans: no SARIF: the issue_comment event names no commit\n",
    );
    expect(result.outputs["sarif-file"]).toBeUndefined();
    gh.mock.done();
  });

  it("is not written for a push deleting its branch, which names no commit", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
    const push = pushTouching({}, { after: "0".repeat(40) });
    push.deleted = true;

    const result = await runStep(await runnerEnv(workspace(), "push", push, CODE_SCANNING));

    expect(gh.mock.requests).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.log).toContain("parallel-plans: no SARIF: the push event names no commit\n");
    gh.mock.done();
  });
});
