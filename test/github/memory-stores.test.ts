/** The in-process lock: one task per commit at a time, other commits unaffected. */
import { describe, expect, it } from "@jest/globals";
import { ConfigCache } from "../../src/github/pipeline/config-cache.js";
import { DEFAULT_CONFIG } from "../../src/core/config.js";
import { MemoryLock } from "../../src/github/pipeline/memory-lock.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("MemoryLock", () => {
  it("runs tasks on one key one after the other, even when one fails", async () => {
    const lock = new MemoryLock();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run("k", task("a", true)),
      lock.run("k", task("b")),
      lock.run("k", task("c")),
    ]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(lock.size).toBe(0);
  });

  it("lets different keys run together", async () => {
    const lock = new MemoryLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run("x", task("x")), lock.run("y", task("y"))]);
    expect(log.slice(0, 2).sort()).toEqual(["x start", "y start"]);
  });
});

describe("ConfigCache", () => {
  it("forgets a config after its time to live", async () => {
    let now = 0;
    const cache = new ConfigCache(() => now, 1000);
    await cache.set(1, DEFAULT_CONFIG);
    now = 1000;
    expect(await cache.get(1)).toBe(DEFAULT_CONFIG);
    now = 1001;
    expect(await cache.get(1)).toBeUndefined();
  });
});
