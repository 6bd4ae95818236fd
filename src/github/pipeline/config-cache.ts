/**
 * The repository configs this process has read, so deciding whether a push touches a plan costs
 * no API call. Every check reads `.github/parallel-plans.yml` from the default branch anyway and
 * refreshes the entry; entries expire so a config changed behind the app's back is picked up.
 */
import type { RepoConfig } from "../../core/config.js";
import type { ConfigStore } from "../deps.js";

/** How long a config read from the default branch is trusted without reading it again. */
export const CONFIG_TTL_MS = 10 * 60 * 1000;

interface Entry {
  config: RepoConfig;
  at: number;
}

/** The config store in process memory (embedded mode). */
export class ConfigCache implements ConfigStore {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = CONFIG_TTL_MS,
  ) {}

  /** The config last read for the repository, unless it is older than the TTL. */
  async get(repositoryId: number): Promise<RepoConfig | undefined> {
    const entry = this.entries.get(repositoryId);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(repositoryId);
      return undefined;
    }
    return entry.config;
  }

  /** Remember a valid config just read from the default branch. */
  async set(repositoryId: number, config: RepoConfig): Promise<void> {
    this.entries.set(repositoryId, { config, at: this.now() });
  }

  /** Forget the repository (its config is invalid, or it just changed). */
  async forget(repositoryId: number): Promise<void> {
    this.entries.delete(repositoryId);
  }
}
