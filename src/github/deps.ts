/**
 * The collaborators every handler shares, created once per loaded app and injected (tests pass
 * their own clock instead of mocking modules).
 */
import { ConfigCache } from "./config-cache.js";
import { SameShaLock } from "./same-sha-lock.js";

export interface AppDeps {
  /** Serialises work on one commit (push + synchronize of one SHA). */
  lock: SameShaLock;
  /** Repository configs read recently, so a push can be judged without a request. */
  configs: ConfigCache;
  /** The time written into check runs. */
  now: () => Date;
}

export function createDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    lock: overrides.lock ?? new SameShaLock(),
    configs: overrides.configs ?? new ConfigCache(),
    now: overrides.now ?? (() => new Date()),
  };
}
