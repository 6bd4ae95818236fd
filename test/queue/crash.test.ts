/**
 * The Redis mode survives a crash: an instance killed with SIGKILL in the middle of a job stops
 * renewing the job's lock, and another instance sharing the Redis runs the job to the end.
 */
import { beforeAll, expect, it } from "@jest/globals";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import type { Probot } from "probot";
import type { RunningServer } from "../../src/server/start-server.js";
import { describeWithRedis } from "../support/redis-server.js";
import { transpileSources } from "../support/transpiled-sources.js";
import { postDelivery, startTestServer, testEnv, waitFor } from "../server/server-harness.js";

const PAYLOAD = { action: "edited", pages: [], installation: { id: 4 }, repository: { id: 40 } };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describeWithRedis("a crash in the Redis mode", (redis) => {
  let entry: string;
  let survivor: RunningServer | undefined;
  beforeAll(() => {
    entry = join(
      transpileSources(["test/server/fixtures/slow-server.ts"]),
      "test/server/fixtures/slow-server.js",
    );
  });

  it("hands the job of an instance killed with SIGKILL to another instance", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH,
        ...testEnv({ PORT: String(port), WORK_MS: "60000", QUEUE_STALLED_SECONDS: "1" }),
        REDIS_URL: redis().url,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor("the child to listen", async () => {
        try {
          return (await fetch(`${url}/ready`)).status === 200;
        } catch {
          return false;
        }
      });
      const id = randomUUID();
      expect((await postDelivery(url, "gollum", PAYLOAD, id)).status).toBe(202);
      await waitFor("the child to start the job", () => output.includes(`MARK started ${id}`));
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      const finished: string[] = [];
      survivor = await startTestServer({
        app: (app: Probot) =>
          app.on("gollum", async (context) => {
            finished.push(context.id);
          }),
        env: { REDIS_URL: redis().url },
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
      });
      await waitFor("the survivor to run the job", () => finished.length === 1, 15_000);
      expect(finished).toEqual([id]);
      expect(output).not.toContain(`MARK finished ${id}`);
    } finally {
      child.kill("SIGKILL");
      await survivor?.stop();
    }
  }, 20_000);
});
