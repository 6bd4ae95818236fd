/**
 * The production server under a burst of signed webhook deliveries, side by side in one run with
 * a no-op Probot app behind Probot's own middleware (the fastest a Probot server can answer).
 * Two bursts: pushes touching no plan, and pushes touching a plan (the real work then runs from
 * the queue against a GitHub stand-in on loopback that answers after 50 ms). Printed per burst
 * and server: acknowledgement throughput, p50 / p99 acknowledgement latency, the throughput
 * ratio, and for the plan burst the time until the last check run completes. `--redis` runs the
 * server in its Redis mode instead, against a redis-server the bench starts on a free loopback
 * port (no persistence, a temp folder), so the ordering and installation-cap scripts are on
 * the path of every job.
 *
 *   npm run build && node bench/load.bench.js [--deliveries 400] [--concurrency 10] [--latency 50] [--redis]
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createNodeMiddleware, Probot } from "probot";
import { benchPrivateKey, examplePlanFiles, fakeSha, PLAN_DIR } from "./support/bench-fixtures.js";
import { startGitHubStandIn } from "./support/github-stand-in.js";

const { values } = parseArgs({
  options: {
    deliveries: { type: "string", default: "400" },
    concurrency: { type: "string", default: "10" },
    latency: { type: "string", default: "50" },
    installations: { type: "string", default: "10" },
    redis: { type: "boolean", default: false },
  },
});
const DELIVERIES = Number(values.deliveries);
const CONCURRENCY = Number(values.concurrency);
const LATENCY = Number(values.latency);
const INSTALLATIONS = Number(values.installations);
const SECRET = "bench-secret";
const PATH = "/api/github/webhooks";

const privateKey = benchPrivateKey();
const planFiles = examplePlanFiles();

/** A push to a feature branch of installation `i`'s repository, touching `file`. */
function pushPayload(installation, n, file) {
  const commit = {
    id: fakeSha(`c${installation}-${n}-${file}`),
    added: [],
    removed: [],
    modified: [file],
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
    repository: {
      id: 1000 + installation,
      name: "plans",
      full_name: `org${installation}/plans`,
      owner: { login: `org${installation}`, name: `org${installation}` },
      default_branch: "main",
    },
    installation: { id: installation },
    sender: { login: "octocat", type: "User" },
  };
}

/** Signed requests, prepared before the clock starts. */
function deliveries(file) {
  return Array.from({ length: DELIVERIES }, (_, n) => {
    const body = JSON.stringify(pushPayload(1 + (n % INSTALLATIONS), n, file));
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
      },
    };
  });
}

/** POST every delivery with CONCURRENCY in flight; latencies in ms and the wall time. */
async function burst(url, requests) {
  const latencies = [];
  let next = 0;
  let bad = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const { body, headers } = requests[next++];
        const sent = performance.now();
        const response = await fetch(`${url}${PATH}`, { method: "POST", headers, body });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (response.status >= 300) bad++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    perSecond: (requests.length / wallMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    bad,
    started,
  };
}

async function noopServer() {
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, logLevel: "fatal" });
  const middleware = await createNodeMiddleware((app) => app.on("push", async () => undefined), {
    probot,
    webhooksPath: PATH,
  });
  const server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A throwaway redis-server on a free loopback port; resolves once it accepts connections. */
async function startRedis() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const dir = mkdtempSync(join(tmpdir(), "parallel-plans-bench-redis-"));
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("Ready to accept connections")) resolve();
    });
  });
  child.stdout.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ourServer(gh, redisUrl) {
  const { startServer } = await import("../dist/server/start-server.js");
  const { readSettings } = await import("../dist/server/settings.js");
  const { productionApp } = await import("../dist/server/production-app.js");
  const env = {
    APP_ID: "4242",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "fatal",
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const server = await startServer({
    settings: readSettings({ ...env, HOST: "127.0.0.1", PORT: "0" }),
    env,
    app: productionApp,
    baseUrl: gh.url,
  });
  return { url: server.url, stop: () => server.stop() };
}

const fmt = (n, digits = 1) => n.toFixed(digits);
function line(name, r) {
  return `  ${name.padEnd(30)} ${fmt(r.perSecond, 0).padStart(6)} acks/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms${r.bad ? `   non-2xx ${r.bad}` : ""}`;
}

console.log(
  `load: ${DELIVERIES} signed push deliveries per burst, ${CONCURRENCY} in flight, ${INSTALLATIONS} installations, GitHub stand-in ${LATENCY} ms a request, ${values.redis ? "Redis" : "embedded"} queue (node ${process.version})`,
);
const redis = values.redis ? await startRedis() : undefined;
const gh = await startGitHubStandIn({ latencyMs: LATENCY });
for (let i = 1; i <= INSTALLATIONS; i++)
  gh.addRepository({ owner: `org${i}`, name: "plans", installationId: i, files: planFiles });
const noop = await noopServer();
const ours = await ourServer(gh, redis?.url);

// Warm both (JIT, keep-alive sockets, the app's first config read) before measuring.
await burst(noop.url, deliveries("README.md").slice(0, 200));
await burst(ours.url, deliveries("README.md").slice(0, 200));
await gh.waitForCompletedChecks(0);
gh.reset();

for (const [label, file] of [
  ["touching no plan", "README.md"],
  ["touching a plan", `${PLAN_DIR}/parallel.json`],
]) {
  const noopResult = await burst(noop.url, deliveries(file));
  const ourResult = await burst(ours.url, deliveries(file));
  console.log(`burst ${label}:`);
  console.log(line("no-op Probot app (middleware)", noopResult));
  console.log(line("parallel-plans server", ourResult));
  let tail = "";
  if (file !== "README.md") {
    await gh.waitForCompletedChecks(DELIVERIES, 600_000);
    const last =
      Math.max(...gh.completed.map((c) => c.at)) - (ourResult.started + performance.timeOrigin);
    tail = `; last check completed ${fmt(last / 1000, 1)} s after the burst began (${gh.completed.length} checks)`;
  }
  console.log(
    `  throughput ratio ${fmt(ourResult.perSecond / noopResult.perSecond, 2)}× the no-op app; p99 ${fmt(ourResult.p99)} ms${tail}`,
  );
}
await ours.stop();
await noop.stop();
await gh.close();
await redis?.stop();
