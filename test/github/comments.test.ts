/**
 * Slash commands through the real app: real `issue_comment.created` payloads, GitHub faked with
 * nock (a test fails on an unused or unmatched mock, and every request is checked against
 * GitHub's OpenAPI description), and the calls of each scenario counted.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { cp } from "node:fs/promises";
import path from "node:path";
import { CommandRateLimiter } from "../../src/github/comments/rate-limiter.js";
import { installNockGuards } from "../support/github-mock.js";
import { fakeSha } from "../support/webhook-fixtures.js";
import { makeTempDir, removeTempDir, runCli } from "../cli/harness.js";
import { EXAMPLE, EXAMPLE_DIR, exampleFiles } from "../prompts/example-plan.js";
import { CommentsGitHub, commentEvent } from "./comments-fake.js";
import { generatedPlanJson } from "./plans.js";
import { appProbot, deliver, fakeHelloWorld } from "./harness.js";

installNockGuards();

const COMMENT = 492700400;
const REACT = `POST /issues/comments/${COMMENT}/reactions`;
const QUERY = "POST /graphql";
const REPLY_ISSUE = "POST /issues/1/comments";
const REPLY_PULL = "POST /issues/7/comments";

function setup(files: Map<string, string> = exampleFiles()) {
  const gh = fakeHelloWorld();
  for (const [p, text] of files) gh.files.set(p, text);
  return { gh, c: new CommentsGitHub(gh) };
}

/** The text inside the first fenced block of a reply. */
function fenced(body: string): string {
  const open = /^(`{3,})(markdown|text)$/m.exec(body);
  if (!open) throw new Error(`no fenced block in:\n${body}`);
  const start = open.index + open[0].length + 1;
  return body.slice(start, body.indexOf(`\n${open[1]}\n`, start) + 1);
}

describe("issue_comment.created", () => {
  it("answers /parallel help with the registry's commands in 3 calls", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel help"));

    expect(gh.callLines()).toEqual([REACT, QUERY, REPLY_ISSUE]);
    const [reply] = c.replies();
    expect(reply).toMatch(/^> \/parallel help\n\n\*\*parallel-plans\*\* answers these commands/);
    expect(reply).toContain(
      "| `/parallel batch-executions [--plan NAME] [--level N] [--dry-run] [--force]` |",
    );
    expect(reply).toContain(
      "| `/parallel claim [ID] [--plan NAME]` | Assigns the commenter to the achievement's issue (opened by `/parallel assign`; on that issue the ID can be left out); says so plainly when GitHub cannot assign them. | triage or higher |",
    );
    expect(reply).toContain(
      '<!-- parallel-plans:{"kind":"reply","command":"help","comment":492700400,"part":1,"parts":1} -->',
    );
    gh.mock.done();
  });

  it("answers /parallel status in an issue from the repository's only plan in 3 calls", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("Where are we?\r\n/parallel status\r\n"),
    );

    // One query: the config, the default branch's head and every folder below the plan root.
    expect(gh.callLines()).toEqual([REACT, QUERY, REPLY_ISSUE]);
    const [reply] = c.replies();
    expect(reply).toContain(
      `**PARALLEL-EXECUTION-AUTOMATION** at \`${c.branchSha.slice(0, 7)}\` (default branch master): 6/9 achievements done (67%)`,
    );
    expect(reply).toContain(
      "| 3 parallel | 🔄 3.2 Documentation and Examples Created | in progress | Executor B | 3-5h | yes |",
    );
    expect(reply).toContain("**Ready now (3):** 3.1 Interactive Menu Polished");
    gh.mock.done();
  });

  it("reads the plan named by --plan with the first query, without listing the repository: 3 calls", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent(`/parallel validate --plan ${EXAMPLE}`),
    );

    expect(gh.callLines()).toEqual([REACT, QUERY, REPLY_ISSUE]);
    const { variables } = gh.calls()[1]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ f0: EXAMPLE_DIR });
    expect(variables).not.toHaveProperty("r0");
    expect(c.replies()[0]).toContain("passes the parallel-plans check");
    expect(c.replies()[0]).toContain("## ✅ PARALLEL-EXECUTION-AUTOMATION");
    gh.mock.done();
  });

  it("lists the plans to choose from when the repository has several", async () => {
    const files = new Map([
      ...exampleFiles(),
      ...exampleFiles({
        from: "examples/API-DOCS-REFRESH",
        dir: "work-space/plans/API-DOCS-REFRESH",
      }),
    ]);
    const { gh, c } = setup(files);
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel batch-subplans"));

    expect(gh.callLines()).toEqual([REACT, QUERY, REPLY_ISSUE]);
    expect(c.replies()[0]).toContain(
      "This repository has 2 plans: say which one with `--plan`:\n\n- `/parallel batch-subplans --plan API-DOCS-REFRESH`",
    );
    gh.mock.done();
  });
});

describe("pull request comments", () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await makeTempDir();
  });
  afterEach(async () => removeTempDir(cwd));

  it("replies with the batch EXECUTION prompt for the plan the pull request touches, as the CLI prints it: 4 calls", async () => {
    const { gh, c } = setup();
    c.pull = {
      number: 7,
      headSha: fakeSha("pr head"),
      files: [`${EXAMPLE_DIR}/subplans/SUBPLAN_PARALLEL-EXECUTION-AUTOMATION_31.md`, "README.md"],
    };
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.expectGraphql();
    c.expectReplies(7);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel batch-executions --level 3", { pull: 7 }),
    );

    expect(gh.callLines()).toEqual([REACT, QUERY, QUERY, REPLY_PULL]);
    const [reply] = c.replies();
    expect(reply).toContain(
      `**Batch EXECUTION creation: level 3 of PARALLEL-EXECUTION-AUTOMATION (2 of 3 achievements)** · read at \`${c.sha.slice(0, 7)}\` (head of this pull request)`,
    );
    expect(reply).toContain("- ⚠️ already has an EXECUTION\\_TASK, left out: 3.2.");
    expect(reply).toContain(
      "<details>\n<summary>Prompt for 3.1, 3.3</summary>\n\n```markdown\n# Batch EXECUTION Creation Prompt",
    );

    await cp(`examples/${EXAMPLE}`, path.join(cwd, EXAMPLE_DIR), { recursive: true });
    const cli = await runCli(cwd, ["prompt", "batch-executions", EXAMPLE_DIR, "--level", "3"]);
    expect(cli.code).toBe(0);
    expect(fenced(reply ?? "") === cli.stdout).toBe(true);
    gh.mock.done();
  });

  it("answers several commands with one reply each, reading the plan once: 6 calls", async () => {
    const { gh, c } = setup();
    c.pull = { number: 7, headSha: fakeSha("pr head 2"), files: [`${EXAMPLE_DIR}/parallel.json`] };
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(7, 4);
    const body = [
      "/parallel status",
      "```",
      "/parallel sync",
      "```",
      "> /parallel sync",
      "",
      "/parallel validate",
      "",
      "/parallel discover",
      "/parallel batch-subplans --level 3 --dry-run",
    ].join("\n");

    await deliver(await appProbot(), "issue_comment", commentEvent(body, { pull: 7 }));

    expect(gh.callLines()).toEqual([REACT, QUERY, REPLY_PULL, REPLY_PULL, REPLY_PULL, REPLY_PULL]);
    const [status, validate, discover, dryRun] = c.replies();
    expect(status).toMatch(/^> \/parallel status\n/);
    expect(validate).toMatch(/^> \/parallel validate\n/);
    expect(discover).toContain(
      "<summary>Prompt for 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3</summary>",
    );
    expect(discover).toContain("### Step 1: Achievement Inventory");
    expect(dryRun).toContain(
      "Nothing to prompt for: every open achievement of level 3 already has a SUBPLAN. Next: `/parallel batch-executions --level 3`",
    );
    gh.mock.done();
  });

  it("splits a prompt longer than a comment into numbered replies", async () => {
    const purpose = "Prepare the thing carefully and document every step of it. ".repeat(20);
    const plan = [
      "# PLAN: Big",
      "",
      ...Array.from({ length: 60 }, (_, i) =>
        [
          `**Achievement 1.${i + 1}: Achievement 1.${i + 1}** ⏱️ 2h`,
          "",
          `- **Purpose**: ${purpose}`,
          "",
        ].join("\n"),
      ),
    ].join("\n");
    const dir = "work-space/plans/BIG";
    const { gh, c } = setup(
      new Map([
        [`${dir}/parallel.json`, generatedPlanJson("BIG", 60)],
        [`${dir}/PLAN_BIG.md`, plan],
      ]),
    );
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1, 2);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel batch-subplans --plan BIG"),
    );

    const replies = c.replies();
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.length).toBeLessThanOrEqual(65_536);
    expect(replies[0]).toContain(
      "<summary>Prompt for 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10 and 50 more (part 1 of 2)</summary>",
    );
    expect(replies[1]).toMatch(
      /^> \/parallel batch-subplans --plan BIG\n\n\*\*Part 2 of 2\*\* of the answer to this command, continued\./,
    );
    expect(replies[1]).toContain('"part":2,"parts":2');
    const prompt = replies.map((r) => fenced(r)).join("");
    expect(prompt).toContain("Create 60 SUBPLANs for the following achievements:");
    expect(prompt).toContain("60. `work-space/plans/BIG/subplans/SUBPLAN_BIG_160.md`");
    gh.mock.done();
  });

  it("uses the repository's template override from the default branch", async () => {
    const files = new Map([
      ...exampleFiles(),
      [
        ".github/parallel-plans/templates/batch-executions.mustache",
        "Level {{level.number}}:{{#achievements}} {{id}}{{/achievements}}\n",
      ],
    ]);
    const { gh, c } = setup(files);
    c.pull = { number: 7, headSha: fakeSha("pr head 3"), files: [`${EXAMPLE_DIR}/parallel.json`] };
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.expectGraphql();
    c.expectReplies(7);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel batch-executions", { pull: 7 }),
    );

    expect(fenced(c.replies()[0] ?? "")).toBe("Level 3: 3.1 3.3\n");
    gh.mock.done();
  });
});

describe("permissions", () => {
  it("refuses /parallel sync to a reader, saying which permission it needs, and remembers the answer", async () => {
    const { gh, c } = setup();
    const probot = await appProbot();
    gh.expectToken();
    c.expectReaction(COMMENT)
      .expectContext()
      .expectPermission("Codertocat", "triage", "read")
      .expectReplies(1);
    c.expectReaction(COMMENT + 1)
      .expectContext()
      .expectReplies(1);

    await deliver(probot, "issue_comment", commentEvent("/parallel sync"));
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel sync", { commentId: COMMENT + 1 }),
    );

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      "GET /collaborators/Codertocat/permission",
      REPLY_ISSUE,
      `POST /issues/comments/${COMMENT + 1}/reactions`,
      QUERY,
      REPLY_ISSUE,
    ]);
    expect(c.replies()[0]).toContain(
      "`/parallel sync` needs **write** permission on this repository (or higher); you have **triage** permission.",
    );
    gh.mock.done();
  });

  it("runs /parallel sync for a writer, honouring `sync: off`", async () => {
    const { gh, c } = setup();
    gh.config = "sync: off\n";
    gh.expectToken();
    c.expectReaction(COMMENT)
      .expectContext()
      .expectPermission("Codertocat", "maintain", "write")
      .expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel sync"));

    expect(c.replies()[0]).toContain("Nothing synced: sync is off");
    gh.mock.done();
  });

  it("applies a configured minimum to a reading command", async () => {
    const { gh, c } = setup();
    gh.config = "commands:\n  min_permission:\n    status: write\n";
    gh.expectToken();
    c.expectReaction(COMMENT)
      .expectContext()
      .expectPermission("Codertocat", "read")
      .expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent(`/parallel status --plan ${EXAMPLE}`),
    );

    expect(c.replies()[0]).toContain("`/parallel status` needs **write** permission");
    gh.mock.done();
  });

  it("answers every command but help with the config's errors while the config is invalid", async () => {
    const { gh, c } = setup();
    gh.config = "fail_on: sometimes\n";
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1, 2);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel status\n/parallel help"),
    );

    const [status, help] = c.replies();
    expect(status).toContain("`.github/parallel-plans.yml` on the default branch is invalid");
    expect(status).toContain(
      "- line 1, column 10: /fail\\_on: must be equal to one of the allowed values",
    );
    expect(help).toContain("answers these commands");
    gh.mock.done();
  });
});

describe("commands that do not reach the plan", () => {
  it("asks for achievement ids when /parallel assign names only a user", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "write");
    c.expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel assign --level 3 @octocat"),
    );

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      "GET /collaborators/Codertocat/permission",
      REPLY_ISSUE,
    ]);
    const [assign] = c.replies();
    expect(assign).toContain("> /parallel assign --level 3 @\u200Boctocat");
    expect(assign).toContain("Name the achievements and the executors");
    gh.mock.done();
  });

  it("answers bad arguments with the usage, and an unknown command with the help", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1, 2);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel status --level 3\n/parallel frobnicate"),
    );

    const [usage, help] = c.replies();
    expect(usage).toContain(
      "Could not read the command: /parallel status takes no --level.\n\nUsage: `/parallel status [--plan NAME]`",
    );
    expect(help).toContain(
      'There is no command "frobnicate". **parallel-plans** answers these commands',
    );
    gh.mock.done();
  });

  it.each([
    ["a bot's comment", commentEvent("/parallel help", { type: "Bot" })],
    ["a comment without a command", commentEvent("LGTM /parallel help")],
    ["a command in a code block", commentEvent("```\n/parallel help\n```")],
  ])("ignores %s without a single call", async (_name, payload) => {
    const { gh } = setup();
    await deliver(await appProbot(), "issue_comment", payload);
    expect(gh.calls()).toEqual([]);
    gh.mock.done();
  });

  it("ignores edited comments (only created ones act)", async () => {
    const { gh } = setup();
    const payload = commentEvent("/parallel help");
    payload.action = "edited";
    payload.changes = { body: { from: "hi" } };
    await deliver(await appProbot(), "issue_comment", payload);
    expect(gh.calls()).toEqual([]);
    gh.mock.done();
  });

  it("writes nothing for a redelivered comment whose replies are all posted: 2 calls", async () => {
    const { gh, c } = setup();
    const payload = commentEvent("/parallel help\n/parallel help status");
    const since = payload.comment.created_at as string;
    const probot = await appProbot();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1, 2);
    await deliver(probot, "issue_comment", payload);
    const posted = c.replies();
    const calls = gh.calls().length;
    c.expectReaction(COMMENT, 200).expectThread(1, ["unrelated", ...posted], since);

    await deliver(probot, "issue_comment", payload);

    expect(gh.callLines().slice(calls)).toEqual([REACT, "GET /issues/1/comments"]);
    expect(c.replies()).toHaveLength(2);
    gh.mock.done();
  });

  it("posts the reply a failed first delivery missed, once, when the comment is redelivered", async () => {
    const { gh, c } = setup();
    const payload = commentEvent("/parallel help");
    const since = payload.comment.created_at as string;
    const probot = await appProbot({ commandLimits: new CommandRateLimiter(1, 60_000, () => 0) });
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.mock.api.post(`/repos/${gh.owner}/${gh.repo}/issues/1/comments`).reply(502, {
      message: "Bad Gateway",
    });
    await expect(deliver(probot, "issue_comment", payload)).rejects.toThrow();
    c.expectReaction(COMMENT, 200).expectThread(1, [], since).expectContext().expectReplies(1);

    // The limit (1) was spent by the first delivery: the redelivery does not count against it.
    await deliver(probot, "issue_comment", payload);

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      REPLY_ISSUE,
      REACT,
      "GET /issues/1/comments",
      QUERY,
      REPLY_ISSUE,
    ]);
    expect(c.replies()).toHaveLength(2);
    expect(c.replies()[1]).toMatch(/^> \/parallel help\n/);
    gh.mock.done();
  });

  it("limits one person's commands, says so once, then only reacts 👀", async () => {
    const { gh, c } = setup();
    const probot = await appProbot({ commandLimits: new CommandRateLimiter(2, 60_000, () => 0) });
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectReplies(1, 3);
    // The limit is taken after the 👀 (which tells a redelivery apart), so a dropped comment has it.
    c.expectReaction(COMMENT + 1);

    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel help\n/parallel help status\n/parallel help sync"),
    );
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel help", { commentId: COMMENT + 1 }),
    );

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      REPLY_ISSUE,
      REPLY_ISSUE,
      REPLY_ISSUE,
      `POST /issues/comments/${COMMENT + 1}/reactions`,
    ]);
    expect(c.replies()[2]).toContain(
      "> /parallel help sync\n\nToo many commands: at most 2 per person per 1 minutes in a repository. This and further commands until 00:01 UTC are not answered",
    );
    gh.mock.done();
  });

  it("replies with the reason when GitHub fails mid-answer", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    // The guessed folder (the name in another case) is not there: the repository is listed.
    gh.mock.api
      .get(`/repos/Codertocat/Hello-World/git/trees/${c.branchSha}`)
      .query({ recursive: "1" })
      .reply(502, { message: "Bad Gateway" });
    c.expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent(`/parallel status --plan ${EXAMPLE.toLowerCase()}`),
    );

    expect(c.replies()[0]).toContain("Could not answer: GitHub answered 502");
    gh.mock.done();
  });
});

describe("when the first query cannot bring the plan", () => {
  it("lists the repository when its config names other plan folders, and reads once next time", async () => {
    const { gh, c } = setup(exampleFiles({ dir: `plans/${EXAMPLE}` }));
    gh.config = "plans:\n  - plans/*\n";
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.expectTree(c.branchSha).expectGraphql();
    c.expectReplies(1);
    c.expectReaction(COMMENT + 1)
      .expectContext()
      .expectReplies(1);
    const probot = await appProbot();

    await deliver(probot, "issue_comment", commentEvent("/parallel status"));
    const first = gh.callLines();
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel status", { commentId: COMMENT + 1 }),
    );

    // The first query guessed the default plan root; the config it brought names another.
    expect(first).toEqual([REACT, QUERY, `GET /git/trees/${c.branchSha}`, QUERY, REPLY_ISSUE]);
    // The app now knows the config: the next comment's one query reads the right root.
    expect(gh.callLines().slice(first.length)).toEqual([
      `POST /issues/comments/${COMMENT + 1}/reactions`,
      QUERY,
      REPLY_ISSUE,
    ]);
    const { variables } = gh.calls()[first.length + 1]!.body as {
      variables: Record<string, unknown>;
    };
    expect(variables).toMatchObject({ r0: "plans" });
    for (const reply of c.replies()) expect(reply).toContain("6/9 achievements done");
    gh.mock.done();
  });

  it("reads the plan folder at the head again when the last commit GitHub lists is not the head", async () => {
    const { gh, c } = setup();
    c.pull = {
      number: 7,
      headSha: fakeSha("head past 250 commits"),
      files: [`${EXAMPLE_DIR}/parallel.json`],
      lastListed: fakeSha("the 250th commit"),
    };
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.expectGraphql();
    c.expectReplies(7);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel status", { pull: 7 }),
    );

    expect(gh.callLines()).toEqual([REACT, QUERY, QUERY, REPLY_PULL]);
    const { variables } = gh.calls()[2]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ f0: `${c.pull.headSha}:${EXAMPLE_DIR}` });
    expect(c.replies()[0]).toContain(`at \`${c.pull.headSha.slice(0, 7)}\``);
    gh.mock.done();
  });
});

describe("reading a large pull request", () => {
  it("lists more than 100 changed files over REST to find the plan it touches", async () => {
    const { gh, c } = setup();
    const files = [
      ...Array.from({ length: 149 }, (_, i) => `src/file${i}.ts`),
      `${EXAMPLE_DIR}/parallel.json`,
    ];
    c.pull = { number: 7, headSha: fakeSha("big pr"), files };
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.expectPullFiles(
      7,
      files.map((filename) => ({ filename })),
    );
    c.expectReplies(7);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel status", { pull: 7 }),
    );

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      "GET /pulls/7/files",
      "GET /pulls/7/files",
      REPLY_PULL,
    ]);
    expect(c.replies()[0]).toContain("(head of this pull request): 6/9 achievements done");
    gh.mock.done();
  });

  it("treats a commenter who is not a collaborator as having no permission", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext();
    gh.mock.api
      .get("/repos/Codertocat/Hello-World/collaborators/Codertocat/permission")
      .reply(404, { message: "Not Found" });
    c.expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel sync"));

    expect(c.replies()[0]).toContain("you have no permission on this repository");
    gh.mock.done();
  });
});
