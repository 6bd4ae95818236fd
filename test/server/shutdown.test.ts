/**
 * SIGTERM in the embedded mode, on a real process: the server stops taking deliveries (503),
 * lets the running job finish within the grace period, and exits 0. Also the process's first
 * hour: the startup line at the default log level, and one line (no stack trace) and exit 1
 * when production has no credentials or a setting is unusable.
 */
import { describe, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import { freePort } from "../support/free-port.js";
import { postDelivery, startServerProcess as start, testEnv, waitFor } from "./server-harness.js";

const PAYLOAD = { action: "edited", pages: [], installation: { id: 3 }, repository: { id: 30 } };

describe("the server process", () => {
  it("on SIGTERM refuses new deliveries, finishes the running job and exits 0", async () => {
    const port = await freePort();
    const child = start({
      ...testEnv({
        PORT: String(port),
        LOG_LEVEL: "",
        WORK_MS: "1500",
        SHUTDOWN_GRACE_SECONDS: "10",
      }),
      LOG_LEVEL: undefined,
      LOG_FORMAT: "json",
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor("the startup line", () => child.output().includes("parallel-plans listening"));
      // The startup line shows at the default log level and names the mode, port and path.
      expect(child.output()).toContain(
        `parallel-plans listening on ${url}/api/github/webhooks (embedded queue)`,
      );
      const id = randomUUID();
      expect((await postDelivery(url, "gollum", PAYLOAD, id)).status).toBe(202);
      await waitFor("the job to start", () => child.output().includes(`MARK started ${id}`));

      child.process.kill("SIGTERM");
      await waitFor("the drain to begin", () => child.output().includes("shutting down"));
      const refused = await postDelivery(url, "gollum", PAYLOAD);
      expect(refused.status).toBe(503);

      expect((await child.exit).code).toBe(0);
      expect(child.output()).toContain(`MARK finished ${id}`);
      expect(child.output()).not.toContain("lost deliveries");
    } finally {
      child.process.kill("SIGKILL");
    }
  }, 20_000);

  it("in production without credentials prints one line naming them and exits 1", async () => {
    const child = start({ NODE_ENV: "production", PORT: String(await freePort()) });
    expect((await child.exit).code).toBe(1);
    expect(child.output()).toBe(
      "parallel-plans: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET are not set: the app cannot authenticate to GitHub or verify deliveries (see .env.example).\n",
    );
  });

  it("refuses an unusable setting with one line naming it", async () => {
    const child = start({ ...testEnv({ QUEUE_CONCURRENCY: "lots" }) });
    expect((await child.exit).code).toBe(1);
    expect(child.output()).toBe(
      'parallel-plans: QUEUE_CONCURRENCY must be a whole number from 1 to 1000, got "lots".\n',
    );
  });
});
