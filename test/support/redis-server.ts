/**
 * A real Redis for the tests that need one: `redis-server` started on a free loopback port with
 * no persistence (`--save "" --appendonly no`, its working directory a temp folder), stopped
 * after the suite. When the binary is missing the suite is skipped with a message saying how to
 * install it, except in CI (`CI` set), where a missing Redis fails the run instead of hiding
 * the tests.
 */
import { afterAll, beforeAll, describe } from "@jest/globals";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

const BINARY = "redis-server";

/** Whether `redis-server` runs here. */
export function redisAvailable(): boolean {
  const probe = spawnSync(BINARY, ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

/** A running Redis: its `redis://` URL and how to stop it. */
export interface RedisHandle {
  url: string;
  /** Stop the server for good and remove its folder. */
  stop(): Promise<void>;
  /** Stop the server but keep its port, as when Redis goes away under the app. */
  down(): Promise<void>;
  /** Start it again on the same port (empty: nothing is persisted). */
  up(): Promise<void>;
}

/** `redis-server` on `port`, resolved once it accepts connections. */
async function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    BINARY,
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
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Start `redis-server` on a free loopback port; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisHandle> {
  const dir = mkdtempSync(join(tmpdir(), "parallel-plans-redis-"));
  const port = await freePort();
  let child = await spawnRedis(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
    down: () => kill(child),
    up: async () => {
      await kill(child);
      child = await spawnRedis(port, dir);
    },
  };
}

/**
 * `describe` with a Redis started before the suite and stopped after; `redis()` gives it to the
 * tests. Skipped (with a message) without the binary, failing instead when `CI` is set.
 */
export function describeWithRedis(name: string, body: (redis: () => RedisHandle) => void): void {
  if (!redisAvailable()) {
    if (process.env.CI)
      throw new Error(
        `${name}: redis-server is not installed, and CI must run these tests (apt-get install -y redis-server).`,
      );
    console.warn(
      `Skipping "${name}": redis-server is not installed (apt-get install -y redis-server, or brew install redis).`,
    );
    describe.skip(name, () => body(() => undefined as never));
    return;
  }
  describe(name, () => {
    let handle: RedisHandle | undefined;
    beforeAll(async () => {
      handle = await startRedis();
    });
    afterAll(async () => {
      await handle?.stop();
    });
    body(() => {
      if (!handle) throw new Error("Redis did not start");
      return handle;
    });
  });
}
