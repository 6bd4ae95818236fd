/**
 * The delivery ids this process has queued, is running or finished recently, so a redelivery
 * (same `X-GitHub-Delivery`) is not run twice. Finished ids are remembered for a while and then
 * forgotten; the map is bounded, oldest first, so a flood cannot grow it without limit.
 */

/** How long a finished delivery's id is remembered (a maintainer redelivers within minutes). */
export const REMEMBER_DONE_MS = 60 * 60 * 1000;
const MAX_IDS = 100_000;

export class RecentDeliveries {
  /** id → when it finished (undefined while it is queued or running). */
  private readonly ids = new Map<string, number | undefined>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly rememberMs: number = REMEMBER_DONE_MS,
  ) {}

  /** Claim `id` for a new job; false when it is queued, running or finished recently. */
  claim(id: string): boolean {
    if (this.ids.has(id)) {
      const finished = this.ids.get(id);
      if (finished === undefined || this.now() - finished < this.rememberMs) return false;
      this.ids.delete(id);
    }
    this.ids.set(id, undefined);
    this.trim();
    return true;
  }

  /** The job ran to the end: keep refusing its id for a while. */
  finished(id: string): void {
    this.ids.delete(id);
    this.ids.set(id, this.now());
  }

  /** The job gave up: forget the id so a maintainer's redelivery runs it again. */
  release(id: string): void {
    this.ids.delete(id);
  }

  private trim(): void {
    // Map iteration is insertion order: the first keys are the oldest.
    for (const [id, finished] of this.ids) {
      if (this.ids.size <= MAX_IDS) return;
      if (finished !== undefined) this.ids.delete(id);
      else return;
    }
  }
}
