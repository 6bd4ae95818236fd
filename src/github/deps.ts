/**
 * The collaborators every handler shares, created once per loaded app and injected (tests pass
 * their own clock instead of mocking modules).
 */
import { CreationPacer } from "./assign/creation-pacer.js";
import { PermissionCache } from "./comments/permission-cache.js";
import { CommandRateLimiter } from "./comments/rate-limiter.js";
import { ConfigCache } from "./config-cache.js";
import { SameShaLock } from "./same-sha-lock.js";

export interface AppDeps {
  /** Serialises work on one commit (push + synchronize of one SHA). */
  lock: SameShaLock;
  /** Repository configs read recently, so a push can be judged without a request. */
  configs: ConfigCache;
  /** The time written into check runs. */
  now: () => Date;
  /**
   * Serialises status sync per repository (key `sync:<repository id>`): two pushes in quick
   * succession must not both create the sync branch or race on its pull request.
   */
  syncLock: SameShaLock;
  /**
   * Propose sync pull requests on pushes to the default branch. Off in bare `createDeps()`, which
   * tests of the check alone build; `createApp()` and the Probot entry turn it on.
   */
  syncOnPush: boolean;
  /** Commenters' repository permissions, remembered for about a minute. */
  permissions: PermissionCache;
  /** The per-user limit on slash commands. */
  commandLimits: CommandRateLimiter;
  /** Serialises fan-outs per repository, plan and level (key from `levelKey`). */
  assignLock: SameShaLock;
  /** Paces the issues, labels and links the assignment creates (~80 a minute per repository). */
  assignPacer: CreationPacer;
  /**
   * Keep achievement issues in step on pushes to the default branch (and `assign.auto`). Off in
   * bare `createDeps()`, like `syncOnPush`; `createApp()` and the Probot entry turn it on.
   */
  assignOnPush: boolean;
}

export function createDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    lock: overrides.lock ?? new SameShaLock(),
    configs: overrides.configs ?? new ConfigCache(),
    now: overrides.now ?? (() => new Date()),
    syncLock: overrides.syncLock ?? new SameShaLock(),
    syncOnPush: overrides.syncOnPush ?? false,
    permissions: overrides.permissions ?? new PermissionCache(),
    commandLimits: overrides.commandLimits ?? new CommandRateLimiter(),
    assignLock: overrides.assignLock ?? new SameShaLock(),
    assignPacer: overrides.assignPacer ?? new CreationPacer(),
    assignOnPush: overrides.assignOnPush ?? false,
  };
}
