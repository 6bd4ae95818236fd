/**
 * The request pacer in process memory (embedded mode): per key (one installation token) the
 * times of the slots handed out in the last hour. A slot is the earliest time that keeps every
 * limit: at least `minGapMs` after the previous slot, at most `perMinute` in any minute and
 * `perHour` in any hour, and not before a hold GitHub asked for. Slots are reserved when asked
 * for, so concurrent callers queue in order instead of racing for the same instant. Clock and
 * sleeper are injected so tests do not wait.
 */
import type { RequestPacer } from "../deps.js";

/** GitHub's secondary limits for content-creating requests of one token. */
export interface PacerLimits {
  /** At least this long between two requests (GitHub: about a second between mutations). */
  minGapMs: number;
  /** Content-creating requests in any 60 s (GitHub: about 80). */
  perMinute: number;
  /** Content-creating requests in any hour (GitHub: about 500). */
  perHour: number;
}

export const GITHUB_CREATION_LIMITS: PacerLimits = { minGapMs: 1000, perMinute: 80, perHour: 500 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface MemoryPacerOptions {
  limits?: Partial<PacerLimits>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface KeyState {
  /** Slot times, oldest first, none older than an hour before the newest. */
  slots: number[];
  heldUntil: number;
}

export class MemoryPacer implements RequestPacer {
  readonly limits: PacerLimits;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly keys = new Map<string, KeyState>();
  /** Total time callers waited, in ms (for logs, metrics and tests). */
  waited = 0;

  constructor(options: MemoryPacerOptions = {}) {
    this.limits = { ...GITHUB_CREATION_LIMITS, ...options.limits };
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  async take(key: string): Promise<void> {
    const now = this.now();
    const state = this.stateOf(key, now);
    const at = this.nextSlot(state, now);
    state.slots.push(at);
    if (at > now) {
      this.waited += at - now;
      await this.sleep(at - now);
    }
  }

  async holdUntil(key: string, untilMs: number): Promise<void> {
    const state = this.stateOf(key, this.now());
    state.heldUntil = Math.max(state.heldUntil, untilMs);
  }

  /** Keys with a slot in the last hour (for tests and metrics). */
  get size(): number {
    return this.keys.size;
  }

  private stateOf(key: string, now: number): KeyState {
    const state = this.keys.get(key) ?? { slots: [], heldUntil: 0 };
    // Slots an hour old count against nothing any more.
    const keepFrom = state.slots.findIndex((t) => t > now - HOUR);
    state.slots = keepFrom < 0 ? [] : state.slots.slice(keepFrom);
    this.keys.set(key, state);
    this.prune(now);
    return state;
  }

  private nextSlot(state: KeyState, now: number): number {
    const { slots } = state;
    const { minGapMs, perMinute, perHour } = this.limits;
    let at = Math.max(now, state.heldUntil);
    const last = slots.at(-1);
    if (last !== undefined) at = Math.max(at, last + minGapMs);
    // The slot `perMinute` back must have left the minute before this one may be used.
    if (slots.length >= perMinute) at = Math.max(at, slots[slots.length - perMinute]! + MINUTE);
    if (slots.length >= perHour) at = Math.max(at, slots[slots.length - perHour]! + HOUR);
    return at;
  }

  /** Installations idle for an hour are forgotten, so memory follows the active ones. */
  private prune(now: number): void {
    if (this.keys.size < 1000) return;
    for (const [key, state] of this.keys) {
      const last = state.slots.at(-1) ?? 0;
      if (last <= now - HOUR && state.heldUntil <= now) this.keys.delete(key);
    }
  }
}
