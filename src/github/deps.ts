/**
 * The collaborators every handler shares, created once per loaded app and injected (tests pass
 * their own clock instead of mocking modules). Each shared piece of state is an interface with
 * Promise-returning methods, so the same handlers run on the memory implementations here (one
 * process) or on implementations every instance of a scaled deployment sees (Redis).
 */
import type { Access } from "../commands/permission.js";
import { analyzeSnapshot } from "../core/analyze.js";
import type { RepoConfig } from "../core/config.js";
import type { AnalysisReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import type { CompletedCheck } from "./check/check-run.js";
import { CommandRateLimiter } from "./comments/rate-limiter.js";
import { PermissionCache } from "./comments/permission-cache.js";
import { ConfigCache } from "./pipeline/config-cache.js";
import { MemoryLock } from "./pipeline/memory-lock.js";
import { MemoryPacer } from "./pipeline/memory-pacer.js";

/** Runs tasks holding the same key one after the other (never two at once). */
export interface KeyedLock {
  /** Runs `task` once every earlier task holding `key` has settled; returns its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Valid repository configs read recently, so a push is judged without a request. */
export interface ConfigStore {
  /** The config last read for the repository, unless it expired. */
  get(repositoryId: number): Promise<RepoConfig | undefined>;
  /** Remember a valid config just read from the default branch. */
  set(repositoryId: number, config: RepoConfig): Promise<void>;
  /** Forget the repository (its config is invalid, or it just changed). */
  forget(repositoryId: number): Promise<void>;
}

/** Commenters' repository permissions, remembered for about a minute. */
export interface PermissionStore {
  /** The access last looked up for the login (case-insensitive), unless it expired. */
  get(repositoryId: number, login: string): Promise<Access | undefined>;
  set(repositoryId: number, login: string, access: Access): Promise<void>;
}

/** What the limiter allows of a comment's commands. */
export interface Admission {
  /** How many of the commands asked for may run (the first ones). */
  allowed: number;
  /** Some were refused and the person has not been told in this window yet. */
  notify: boolean;
  /** When the oldest counted command leaves the window. */
  retryAt: Date;
}

/** The per-user, per-repository limit on slash commands. */
export interface CommandLimiter {
  /** Commands one person may run per repository in a window. */
  readonly limit: number;
  /** The window the limit counts over, in ms. */
  readonly windowMs: number;
  /** Count up to `count` commands of the login and say how many may run. */
  take(repositoryId: number, login: string, count: number): Promise<Admission>;
}

/**
 * Paces GitHub's content-creating requests per installation token (GitHub's secondary limits:
 * about 80 a minute, 500 an hour, mutations at least a second apart). Keys are
 * `installation:<id>`; nothing else shares a key, so one installation's burst never delays
 * another's.
 */
export interface RequestPacer {
  /**
   * Reserves the next slot of `key` that keeps every limit, waits until it comes, and counts
   * it. Concurrent callers get successive slots (first come, first served).
   */
  take(key: string): Promise<void>;
  /** GitHub said to wait (retry-after, rate-limit reset): no slot of `key` before `untilMs`. */
  holdUntil(key: string, untilMs: number): Promise<void>;
}

/** Analyses a snapshot like the CLI (the worker-thread runner swaps in here). */
export type Analyze = (snapshot: PlanSnapshot, options: AnalysisOptions) => Promise<AnalysisReport>;

/**
 * Who "this app" is on GitHub: the app whose check runs, issues and comments are ours. A GitHub
 * App knows its id from its credentials; inside a GitHub Action the runs belong to the
 * `github-actions` app and the writer is `github-actions[bot]`.
 */
export interface AppIdentity {
  /** The GitHub App id that owns the check runs this app writes. */
  appId(): Promise<number>;
}

/** A check the handlers decided: what its run shows, and the report behind it (null: bad config). */
export interface CheckResult {
  sha: string;
  check: CompletedCheck;
  report: AnalysisReport | null;
  options: AnalysisOptions;
}

/**
 * Told every check's result. The GitHub Action reports it as the job's summary, outputs and exit
 * code; a run already up to date is then analysed again without a write, because a workflow run
 * (a re-run included) must report, and fail, like the first one did.
 */
export interface CheckResultSink {
  checked(result: CheckResult): void;
}

/** A commit status sync wrote on its branch (`parallel-plans/sync/<plan>`): its pull request's head. */
export interface SyncCommit {
  branch: string;
  /** The parallel.json the commit changes (repository path). */
  path: string;
  sha: string;
}

/**
 * Told every commit sync writes. GitHub starts no workflow for a push made with a workflow's
 * `GITHUB_TOKEN`, so the Action checks these commits itself; the App needs no such thing (the
 * branch's push comes back as a webhook and is checked like any other).
 */
export interface SyncCommitSink {
  written(commit: SyncCommit): void;
}

export interface AppDeps {
  /**
   * One keyed lock for all serialised work: a commit (`commitKey`: push + synchronize of one
   * SHA), a repository's issues and sync, a fan-out of one level (see `pipeline/lock-keys.ts`).
   */
  locks: KeyedLock;
  /** Repository configs read recently, so a push can be judged without a request. */
  configs: ConfigStore;
  /** The time written into check runs. */
  now: () => Date;
  /**
   * Propose sync pull requests on pushes to the default branch. Off in bare `createDeps()`, which
   * tests of the check alone build; `createApp()` and the Probot entry turn it on.
   */
  syncOnPush: boolean;
  /** Commenters' repository permissions, remembered for about a minute. */
  permissions: PermissionStore;
  /** The per-user limit on slash commands. */
  commandLimits: CommandLimiter;
  /** The one pacer of every content-creating request, per installation. */
  pacer: RequestPacer;
  /**
   * Keep achievement issues in step on pushes to the default branch (and `assign.auto`). Off in
   * bare `createDeps()`, like `syncOnPush`; `createApp()` and the Probot entry turn it on.
   */
  assignOnPush: boolean;
  /** The analysis of every check, issue lifecycle and button (core's `analyzeSnapshot`). */
  analyze: Analyze;
  /**
   * Who this app is. Unset: the GitHub App of the Probot the app is loaded into (its id read
   * once from its credentials).
   */
  identity?: AppIdentity;
  /** Unset in the app: nobody but GitHub reads the check. The Action sets it. */
  checkResults?: CheckResultSink;
  /** Unset in the app. The Action sets it to check the sync commits it wrote. */
  syncCommits?: SyncCommitSink;
}

/** The analysis in this thread. */
export const analyzeInProcess: Analyze = async (snapshot, options) =>
  analyzeSnapshot(snapshot, options);

export function createDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    locks: overrides.locks ?? new MemoryLock(),
    configs: overrides.configs ?? new ConfigCache(),
    now: overrides.now ?? (() => new Date()),
    syncOnPush: overrides.syncOnPush ?? false,
    permissions: overrides.permissions ?? new PermissionCache(),
    commandLimits: overrides.commandLimits ?? new CommandRateLimiter(),
    pacer: overrides.pacer ?? new MemoryPacer(),
    assignOnPush: overrides.assignOnPush ?? false,
    analyze: overrides.analyze ?? analyzeInProcess,
    ...(overrides.identity ? { identity: overrides.identity } : {}),
    ...(overrides.checkResults ? { checkResults: overrides.checkResults } : {}),
    ...(overrides.syncCommits ? { syncCommits: overrides.syncCommits } : {}),
  };
}
