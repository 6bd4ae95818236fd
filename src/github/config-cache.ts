/**
 * The repository configs this process has read, so deciding whether a push touches a plan costs
 * no API call. Every check reads `.github/parallel-plans.yml` from the default branch anyway and
 * refreshes the entry; entries expire so a config changed behind the app's back is picked up.
 */
import type { RepoConfig } from "../core/config.js";

/** How long a config read from the default branch is trusted without reading it again. */
export const CONFIG_TTL_MS = 10 * 60 * 1000;

interface Entry {
  config: RepoConfig;
  at: number;
}

export class ConfigCache {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = CONFIG_TTL_MS,
  ) {}

  /** The config last read for the repository, unless it is older than the TTL. */
  get(repositoryId: number): RepoConfig | undefined {
    const entry = this.entries.get(repositoryId);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(repositoryId);
      return undefined;
    }
    return entry.config;
  }

  /** Remember a valid config just read from the default branch. */
  set(repositoryId: number, config: RepoConfig): void {
    this.entries.set(repositoryId, { config, at: this.now() });
  }

  /** Forget the repository (its config is invalid, or it just changed). */
  forget(repositoryId: number): void {
    this.entries.delete(repositoryId);
  }
}
