/**
 * What `npm start` does (src/server.ts is `run(app)`): without credentials Probot serves its setup
 * flow, registering the app from app.yml, instead of crashing; /ping answers for the Docker
 * HEALTHCHECK; app.yml subscribes to exactly the events the app handles.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { run, type Probot, type Server } from "probot";
import { parse } from "yaml";
import app from "../../src/app.js";
import { freePort } from "../support/free-port.js";

describe("npm start without credentials", () => {
  let server: Server;
  let base: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    // No smee.io channel in tests (it would need the network).
    process.env.NO_SMEE_SETUP = "true";
    delete process.env.APP_ID;
    delete process.env.PRIVATE_KEY;
    const port = await freePort();
    server = await run(app, {
      env: { PORT: String(port), LOG_LEVEL: "fatal", NO_SMEE_SETUP: "true" },
    });
    base = `http://localhost:${port}`;
  });

  afterAll(async () => {
    await server.stop();
    process.env = saved;
  });

  it("serves Probot's setup page with the manifest from app.yml", async () => {
    const page = await (await fetch(`${base}/probot`)).text();
    // Probot posts the manifest to GitHub from the "Register GitHub App" button's value.
    const value = /name="manifest"[^>]*value='([^']*)'/.exec(page)?.[1];
    const manifest = JSON.parse(value ?? "null") as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "parallel-plans",
      default_events: ["push", "pull_request", "check_suite", "check_run", "issue_comment"],
      default_permissions: {
        checks: "write",
        contents: "write",
        issues: "write",
        metadata: "read",
        pull_requests: "write",
      },
      redirect_url: `${base}/probot/setup`,
    });
  });

  it("answers GET /ping with PONG", async () => {
    const response = await fetch(`${base}/ping`);
    expect(await response.text()).toBe("PONG");
  });
});

describe("app.yml", () => {
  it("subscribes to exactly the events the app handles", () => {
    const handled = new Set<string>();
    app({
      on: (names: string | string[]) =>
        [names].flat().forEach((n) => handled.add(n.split(".")[0]!)),
    } as unknown as Probot);
    const manifest = parse(readFileSync("app.yml", "utf8")) as { default_events: string[] };
    expect([...handled].sort()).toEqual([...manifest.default_events].sort());
  });
});
