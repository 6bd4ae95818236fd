/**
 * The Redis mode survives a crash: an instance killed with SIGKILL in the middle of a job stops
 * renewing the job's lock, and another instance sharing the Redis runs the job to the end.
 */
import { expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import type { Probot } from "probot";
import type { RunningServer } from "../../src/server/start-server.js";
import { freePort } from "../support/free-port.js";
import { describeWithRedis } from "../support/redis-server.js";
import {
  isReady,
  postDelivery,
  startServerProcess,
  startTestServer,
  testEnv,
  waitFor,
} from "../server/server-harness.js";

const PAYLOAD = { action: "edited", pages: [], installation: { id: 4 }, repository: { id: 40 } };

describeWithRedis("a crash in the Redis mode", (redis) => {
  let survivor: RunningServer | undefined;

  it("hands the job of an instance killed with SIGKILL to another instance", async () => {
    const port = await freePort();
    const child = startServerProcess({
      ...testEnv({ PORT: String(port), WORK_MS: "60000", QUEUE_STALLED_SECONDS: "1" }),
      REDIS_URL: redis().url,
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor("the child to listen", () => isReady(url));
      const id = randomUUID();
      expect((await postDelivery(url, "gollum", PAYLOAD, id)).status).toBe(202);
      await waitFor("the child to start the job", () =>
        child.output().includes(`MARK started ${id}`),
      );
      child.process.kill("SIGKILL");
      expect((await child.exit).signal).toBe("SIGKILL");

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
      expect(child.output()).not.toContain(`MARK finished ${id}`);
    } finally {
      child.process.kill("SIGKILL");
      await survivor?.stop();
    }
  }, 20_000);
});
