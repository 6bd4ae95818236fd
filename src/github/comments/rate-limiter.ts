/**
 * A per-user, per-repository limit on commands, so one person cannot flood a repository (or the
 * app's installation budget) with prompts. A sliding window of command times per key; the first
 * refusal in a window is answered once, later ones cost no request at all.
 */
import type { Admission, CommandLimiter } from "../deps.js";

/** Commands one person may run per repository in a window. */
export const DEFAULT_COMMAND_LIMIT = 10;
/** The window the limit counts over. */
export const DEFAULT_WINDOW_MS = 10 * 60 * 1000;
const MAX_KEYS = 10_000;

export type { Admission } from "../deps.js";

/** Sliding-window counts per (repository, login), bounded in process memory (embedded mode). */
export class CommandRateLimiter implements CommandLimiter {
  private readonly windows = new Map<string, { times: number[]; notified: boolean }>();

  constructor(
    readonly limit: number = DEFAULT_COMMAND_LIMIT,
    readonly windowMs: number = DEFAULT_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count up to `count` commands for the key and say how many may run. */
  async take(repositoryId: number, login: string, count: number): Promise<Admission> {
    const key = `${repositoryId}:${login.toLowerCase()}`;
    const now = this.now();
    const entry = this.windows.get(key) ?? { times: [], notified: false };
    entry.times = entry.times.filter((t) => now - t < this.windowMs);
    if (entry.times.length === 0) entry.notified = false;
    const allowed = Math.max(0, Math.min(count, this.limit - entry.times.length));
    for (let i = 0; i < allowed; i++) entry.times.push(now);
    const refused = count - allowed;
    const notify = refused > 0 && !entry.notified;
    if (refused > 0) entry.notified = true;
    this.windows.delete(key);
    this.windows.set(key, entry);
    if (this.windows.size > MAX_KEYS)
      this.windows.delete(this.windows.keys().next().value as string);
    return { allowed, notify, retryAt: new Date((entry.times[0] ?? now) + this.windowMs) };
  }
}
