/**
 * A crash in the middle of a fan-out, end to end: two instances of the production server (`npm
 * start`'s entry, in child processes) share a real Redis and talk to a GitHub stand-in on
 * loopback that keeps the repository's issues, labels, links and check runs and checks every
 * request against GitHub's OpenAPI description. A signed push of the plan to the default branch
 * gets its check run with an "Open level 1 issues" button; a signed click on that button starts
 * the fan-out of the plan's 12-achievement level, and the instance doing it is killed
 * with SIGKILL once some of the issues exist. The other instance takes the job over once the
 * dead one's job lock and fan-out lock lapse (QUEUE_STALLED_SECONDS) and finishes it: every
 * achievement gets exactly one issue, each a sub-issue of the one tracking issue, with the
 * level's labels.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { describeWithRedis } from "../support/redis-server.js";
import { transpileSources } from "../support/transpiled-sources.js";
import { examplePayload, fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { postDelivery, testEnv, waitFor } from "../server/server-harness.js";
import { GitHubStandIn } from "./github-stand-in.js";

const PLAN = "CRASH-FANOUT";
const PLAN_DIR = `work-space/plans/${PLAN}`;
const ACHIEVEMENTS = 12;
/** Achievement issues the first instance makes before it is killed. */
const KILL_AFTER = 4;
/** Low for the test (the default is 30): the job and fan-out locks of the dead instance lapse. */
const STALLED_SECONDS = 3;

/** A clean plan whose level 1 holds `count` independent achievements. */
function planFiles(count: number): Record<string, string> {
  const achievements = Array.from({ length: count }, (_, i) => ({
    id: `1.${i + 1}`,
    title: `Service ${i + 1} migrated`,
    estimated_hours: 2,
    dependencies: [],
    blocks: [],
    status: "not_started",
  }));
  const plan = {
    plan_name: PLAN,
    version: "1.0.0",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        max_parallelism: count,
        reason: "Each service lives in its own folder",
        description: "Every service at once",
        achievements,
      },
    ],
  };
  const index = achievements.map((a) => `- Achievement ${a.id}: ${a.title} (2h)`).join("\n");
  return {
    [`${PLAN_DIR}/parallel.json`]: `${JSON.stringify(plan, null, 2)}\n`,
    [`${PLAN_DIR}/PLAN_${PLAN}.md`]: `# PLAN: Crash Fan-out\n\n## Achievement Index\n\n${index}\n`,
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describeWithRedis("a SIGKILL in the middle of a fan-out", (redis) => {
  // One repository for both events: the click's (a real requested_action payload), which the
  // push (a real push payload) is rewritten to reach, on its default branch.
  const click = examplePayload("check_run", "requested_action");
  const sha = fakeSha("the plan lands");
  const push = pushTouching(
    { added: Object.keys(planFiles(ACHIEVEMENTS)) },
    { after: sha, ref: `refs/heads/${click.repository.default_branch}` },
  );
  push.repository = structuredClone(click.repository);
  push.installation = structuredClone(click.installation);
  const sender = click.sender.login as string;
  let entry: string;
  let gh: GitHubStandIn;
  const instances: Instance[] = [];

  async function startInstance(name: string): Promise<Instance> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(entry, "src/server.js")], {
      cwd: entry,
      env: {
        PATH: process.env.PATH,
        ...testEnv({
          PORT: String(port),
          LOG_LEVEL: "info",
          QUEUE_STALLED_SECONDS: String(STALLED_SECONDS),
          GHE_HOST: await gh.listen(name),
          GHE_PROTOCOL: "http",
        }),
        REDIS_URL: redis().url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const instance = { name, url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
    instances.push(instance);
    return instance;
  }

  beforeAll(() => {
    entry = transpileSources([]);
    gh = new GitHubStandIn({
      owner: click.repository.owner.login,
      repo: click.repository.name,
      defaultBranch: click.repository.default_branch,
      files: planFiles(ACHIEVEMENTS),
      headSha: sha,
      permissions: { [sender]: "write" },
      latencyMs: 20,
    });
  });

  afterAll(async () => {
    for (const { child } of instances) if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all(instances.map((i) => i.exited));
    await gh?.close();
    if (entry) rmSync(entry, { recursive: true, force: true });
  });

  it("lets the other instance finish the level, with no issue made twice", async () => {
    const [a, b] = await Promise.all([startInstance("a"), startInstance("b")]);
    for (const instance of [a!, b!]) {
      await waitFor(
        `instance ${instance.name} to be ready`,
        async () => {
          if (instance.child.exitCode !== null)
            throw new Error(`instance ${instance.name} exited:\n${instance.output()}`);
          try {
            return (await fetch(`${instance.url}/ready`)).status === 200;
          } catch {
            return false;
          }
        },
        30_000,
      );
    }

    expect((await postDelivery(a!.url, "push", push, randomUUID())).status).toBe(202);
    await gh.until("the push's check run", () => gh.checkRuns[0]?.status === "completed", 40_000);
    const [run] = gh.checkRuns;
    expect(run).toMatchObject({ name: "parallel-plans", headSha: sha, conclusion: "success" });
    expect(run!.actions.map((action) => action.label)).toEqual(["Open level 1 issues"]);
    click.check_run = { ...click.check_run, id: run!.id, name: run!.name, head_sha: sha };
    click.requested_action = { identifier: run!.actions[0]!.identifier };
    const beforeClick = gh.requests.length;
    expect((await postDelivery(b!.url, "check_run", click, randomUUID())).status).toBe(202);
    const made = () => [...gh.achievementIssues(PLAN).values()].flat();
    await gh.until(`${KILL_AFTER} achievement issues`, () => made().length >= KILL_AFTER, 40_000);
    const taker = instances.find((i) => i.name === made()[0]!.createdBy)!;
    const survivor = taker === a ? b! : a!;
    taker.child.kill("SIGKILL");
    expect((await taker.exited).signal).toBe("SIGKILL");
    // Requests the killed instance had in flight still reach GitHub: count its issues after.
    const beforeKill = made().length;
    expect(beforeKill).toBeLessThan(ACHIEVEMENTS);

    await waitFor(
      "the survivor to finish the fan-out",
      () => survivor.output().includes("level fanned out from the check run"),
      50_000,
    );

    const tracking = gh.trackingIssues(PLAN, 1);
    expect(tracking).toHaveLength(1);
    const byAchievement = gh.achievementIssues(PLAN);
    const ids = Array.from({ length: ACHIEVEMENTS }, (_, i) => `1.${i + 1}`);
    expect([...byAchievement.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(byAchievement.get(id)).toHaveLength(1);
    // The killed instance made some, the survivor made the rest, and nothing else was made.
    const issues = made();
    const byTaker = issues.filter((i) => i.createdBy === taker.name).length;
    expect(byTaker).toBeGreaterThanOrEqual(beforeKill);
    expect(byTaker).toBeLessThan(ACHIEVEMENTS);
    expect(issues.filter((i) => i.createdBy === survivor.name).length).toBe(ACHIEVEMENTS - byTaker);
    expect(gh.issues).toHaveLength(ACHIEVEMENTS + 1);
    for (const issue of issues) {
      expect(issue.parent).toBe(tracking[0]!.number);
      expect([...issue.labels].sort()).toEqual(["level:1", "parallel-plans", `plan:${PLAN}`]);
    }
    expect([...tracking[0]!.subIssues].sort((x, y) => x - y)).toEqual(
      issues.map((i) => i.number).sort((x, y) => x - y),
    );
    expect([...gh.labels.keys()].sort()).toEqual(["level:1", "parallel-plans", `plan:${PLAN}`]);
    // A click whose fan-out went through leaves no comment; a stop would have left one.
    expect(gh.comments).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.problems()).toEqual([]);
    // The survivor only took over: it sent nothing until the taker was gone.
    const clients = gh.requests.slice(beforeClick).map((r) => r.client);
    expect(clients.indexOf(survivor.name)).toBeGreaterThan(clients.lastIndexOf(taker.name));

    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
