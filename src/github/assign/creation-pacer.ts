/**
 * Keeps content-creating requests (issues, comments, labels, links) under GitHub's secondary
 * limit of about 80 a minute (DESIGN.md §5): a sliding window per key; a request past the budget
 * waits until the oldest one leaves the window. Clock and sleeper are injected so tests do not
 * wait.
 */

export interface PacerOptions {
  /** Requests allowed per window (default 80). */
  limit?: number;
  /** Window length in ms (default one minute). */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class CreationPacer {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly windows = new Map<string, number[]>();
  /** Total time waited, in ms (for logs and tests). */
  waited = 0;

  constructor(options: PacerOptions = {}) {
    this.limit = options.limit ?? 80;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when one more request under `key` stays within the budget, and counts it. */
  async take(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const recent = (this.windows.get(key) ?? []).filter((t) => now - t < this.windowMs);
      if (recent.length < this.limit) {
        recent.push(now);
        this.windows.set(key, recent);
        return;
      }
      const wait = recent[0]! + this.windowMs - now;
      this.windows.set(key, recent);
      this.waited += wait;
      await this.sleep(wait);
    }
  }
}
