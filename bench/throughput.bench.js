/**
 * Throughput of the real app (built, driven through `probot.receive`) against a GitHub stand-in
 * on loopback that answers every request after 50 ms: 100 pushes to feature branches, each
 * touching one plan, spread over 10 installations, all delivered at once. Printed per design:
 * requests per push (installation tokens left out), paced requests per push, and the time from
 * the first delivery to the last completed check.
 *
 * Target: all 100 checked within 60 s of the first delivery. Side by side in one run: this design (per-installation pacing of content-creating requests
 * only) and the previous one: the app as built from `--baseline <dist folder>` (for example the
 * previous commit built with `tsc --outDir`), or, without it, this app under Probot's default
 * throttling (every GraphQL query and write through a one-a-second limiter).
 *
 *   npm run build && node bench/throughput.bench.js [--baseline /tmp/old/dist] [--latency 50]
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { Probot, ProbotOctokit } from "probot";
import { benchPrivateKey, examplePlanFiles, fakeSha, PLAN_DIR } from "./support/bench-fixtures.js";
import { startGitHubStandIn } from "./support/github-stand-in.js";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    latency: { type: "string", default: "50" },
    pushes: { type: "string", default: "100" },
    installations: { type: "string", default: "10" },
    timeout: { type: "string", default: "300" },
  },
});
const LATENCY = Number(values.latency);
const PUSHES = Number(values.pushes);
const INSTALLATIONS = Number(values.installations);
const TIMEOUT_MS = Number(values.timeout) * 1000;

const privateKey = benchPrivateKey();
const planFiles = examplePlanFiles();

function pushPayload(installation, n) {
  const repository = {
    id: 1000 + installation,
    name: "plans",
    full_name: `org${installation}/plans`,
    owner: { login: `org${installation}`, name: `org${installation}` },
    default_branch: "main",
  };
  const commit = {
    id: fakeSha(`c${installation}-${n}`),
    added: [],
    removed: [],
    modified: [`${PLAN_DIR}/parallel.json`],
  };
  return {
    ref: `refs/heads/feature-${n}`,
    before: fakeSha(`b${installation}-${n}`),
    after: commit.id,
    created: false,
    deleted: false,
    forced: false,
    commits: [commit],
    head_commit: commit,
    repository,
    installation: { id: installation },
    sender: { login: "octocat", type: "User" },
  };
}

async function loadDesign(which) {
  if (which === "this design") {
    const { createApp, AppOctokit } = await import("../dist/app.js");
    const { createDeps } = await import("../dist/github/deps.js");
    return {
      Octokit: AppOctokit,
      app: createApp(createDeps({ syncOnPush: true, assignOnPush: true })),
    };
  }
  if (values.baseline) {
    const old = await import(path.resolve(values.baseline, "app.js"));
    return { Octokit: ProbotOctokit, app: old.default };
  }
  const { createApp } = await import("../dist/app.js");
  const { createDeps } = await import("../dist/github/deps.js");
  return {
    Octokit: ProbotOctokit,
    app: createApp(createDeps({ syncOnPush: true, assignOnPush: true })),
  };
}

async function run(which, paced) {
  const gh = await startGitHubStandIn({ latencyMs: LATENCY });
  for (let i = 1; i <= INSTALLATIONS; i++)
    gh.addRepository({ owner: `org${i}`, name: "plans", installationId: i, files: planFiles });
  const { Octokit, app } = await loadDesign(which);
  const probot = new Probot({
    appId: 4242,
    privateKey,
    secret: "bench",
    baseUrl: gh.url,
    Octokit,
    logLevel: "fatal",
  });
  await probot.load(app);

  const deliveries = [];
  for (let n = 0; n < PUSHES; n++) {
    const installation = 1 + (n % INSTALLATIONS);
    deliveries.push({ id: randomUUID(), name: "push", payload: pushPayload(installation, n) });
  }
  const started = Date.now();
  const handled = Promise.allSettled(deliveries.map((d) => probot.receive(d)));
  let timedOut = null;
  try {
    await gh.waitForCompletedChecks(PUSHES, TIMEOUT_MS);
  } catch (error) {
    timedOut = error.message;
  }
  const lastCheck = (gh.completed.at(-1)?.at ?? Date.now()) - started;
  // A delivery still running after the timeout is counted as not handled.
  const results = await Promise.race([
    handled,
    new Promise((resolve) =>
      setTimeout(() => resolve(deliveries.map(() => ({ status: "rejected" }))), 5000),
    ),
  ]);
  const failed = results.filter((r) => r.status === "rejected").length;
  const counted = gh.requests.filter((r) => r.kind !== "token");
  const pacedCount = counted.filter((r) => paced(r)).length;
  await gh.close();
  return {
    design: which,
    checks: gh.completed.length,
    failed,
    requestsPerPush: counted.length / PUSHES,
    pacedPerPush: pacedCount / PUSHES,
    lastCheckMs: lastCheck,
    timedOut,
  };
}

const fmt = (n, digits = 2) => n.toFixed(digits);
console.log(
  `throughput: ${PUSHES} feature-branch pushes touching one plan over ${INSTALLATIONS} installations, stand-in latency ${LATENCY} ms a request`,
);
const rows = [
  // This design paces content-creating requests only; Probot's throttle paces writes and GraphQL.
  await run("this design", (r) => r.kind === "write"),
  await run(
    values.baseline ? "previous design (baseline build)" : "Probot's default throttle",
    (r) => r.kind === "write" || r.kind === "graphql",
  ),
];
for (const row of rows) {
  const last = row.timedOut
    ? `not all checked: ${row.checks} done after ${fmt(row.lastCheckMs / 1000, 1)} s`
    : `last check after ${fmt(row.lastCheckMs / 1000, 1)} s`;
  console.log(
    `${row.design.padEnd(34)} checks ${row.checks}/${PUSHES}  requests/push ${fmt(row.requestsPerPush)}  paced/push ${fmt(row.pacedPerPush)}  ${last}${row.failed ? `  deliveries unfinished or failed ${row.failed}` : ""}`,
  );
}
const [now, before] = rows;
// A side that did not finish is only bounded: its time is at least what was waited.
const bound = before.timedOut ? "≥ " : "";
console.log(
  `time to the last check: ${bound}${fmt(before.lastCheckMs / now.lastCheckMs, 1)}× faster; requests per push: ${fmt(now.requestsPerPush)} vs ${fmt(before.requestsPerPush)}${before.timedOut ? " (unfinished side: requests so far)" : ""}`,
);
// A side cut off by the timeout still has requests queued in its throttle (Probot's limiter lets
// them out one a second, against a stand-in already closed): they would keep the process alive
// for minutes after the figures are printed.
process.exit(0);
