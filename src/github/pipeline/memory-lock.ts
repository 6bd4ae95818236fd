/**
 * The keyed lock in process memory (embedded mode). Serialises, for example, the work on one
 * commit inside this process. A push to a branch with an open pull
 * request arrives together with that pull request's `synchronize`; both want the `parallel-plans`
 * check run of the same SHA. Run one after the other, the second one's GraphQL lookup sees the
 * check run the first one wrote and updates (or keeps) it instead of creating a second one.
 *
 * Only this process is covered: several instances behind a load balancer rely on the GraphQL
 * lookup alone, and two deliveries racing on two instances can still both create a run.
 */
import type { KeyedLock } from "../deps.js";

export class MemoryLock implements KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task holding `key` has settled; tasks never share a turn. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => turn);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // The last holder cleans up, so the map does not grow with every SHA ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
