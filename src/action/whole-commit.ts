/**
 * What the SARIF file describes: every plan of the event's commit, not only the plans the event
 * touched. Code scanning takes each upload of a category as the whole analysis of its branch and
 * marks every open alert missing from it as fixed, so a push touching one plan (or none) must
 * still report all the others. The commit is read as the App reads it to check every plan
 * (`CommitReader.first("all")`): one GraphQL query holding the config and each plan folder below
 * the config's plan roots; globs other than `<folder>/*` cost the recursive tree and a query per
 * 100 plan files instead. When nothing trustworthy can be said (an invalid config, a tree GitHub
 * cut short) there is no analysis, never an empty one.
 */
import { configToOptions, DEFAULT_CONFIG, type RepoConfig } from "../core/config.js";
import type { AnalysisReport } from "../core/model.js";
import type { Analyze, AppIdentity } from "../github/deps.js";
import { CHECK_NAME } from "../github/check/check-run.js";
import { isZeroSha } from "../github/pipeline/changed-paths.js";
import { CommitReader } from "../github/pipeline/commit-reader.js";
import { loadRepoConfig } from "../github/pipeline/repo-config.js";
import {
  repositoryRef,
  type PayloadRepository,
  type RepositoryRef,
} from "../github/pipeline/repository-ref.js";
import { CONFIG_PATH } from "../github/pipeline/touched-plans.js";
import type { ProbotOctokit } from "probot";

/** A commit of a repository. */
export interface EventCommit {
  repo: RepositoryRef;
  sha: string;
}

interface EventPayload {
  repository?: PayloadRepository;
  after?: string;
  deleted?: boolean;
  pull_request?: { head?: { sha?: string } };
}

/**
 * The commit a workflow event is about, as the check reads it: a push's `after`, a pull request's
 * head. Null for a comment, or a push that deleted its branch: no commit to describe.
 */
export function eventCommit(eventName: string, payload: unknown): EventCommit | null {
  const event = (payload ?? {}) as EventPayload;
  const repo = repositoryOf(payload);
  if (repo === null) return null;
  let sha: string | undefined;
  if (eventName === "push" && !event.deleted) sha = event.after;
  else if (eventName === "pull_request") sha = event.pull_request?.head?.sha;
  if (sha === undefined || isZeroSha(sha)) return null;
  return { repo, sha };
}

/** The repository of any event the Action answers (they all name it). */
export function repositoryOf(payload: unknown): RepositoryRef | null {
  const { repository } = (payload ?? {}) as EventPayload;
  return repository ? repositoryRef(repository) : null;
}

export type WholeCommit =
  | { kind: "analysed"; report: AnalysisReport }
  /** Why nothing was analysed: one sentence. */
  | { kind: "unanalysed"; reason: string };

/**
 * Read and analyse every plan of the commit. `known` is the config the event's check read, if
 * any (its plan roots are then right the first time); the defaults are assumed otherwise.
 */
export async function analyseWholeCommit(
  octokit: ProbotOctokit,
  commit: EventCommit,
  using: { known: RepoConfig | undefined; identity: AppIdentity; analyze: Analyze },
): Promise<WholeCommit> {
  const { repo, sha } = commit;
  const reader = new CommitReader(octokit, repo, sha);
  const first = await reader.first(
    "all",
    {
      configExpression: `${repo.defaultBranch}:${CONFIG_PATH}`,
      appId: await using.identity.appId(),
      checkName: CHECK_NAME,
    },
    configToOptions(using.known ?? DEFAULT_CONFIG),
  );
  const loaded = loadRepoConfig(first.config);
  if (loaded.findings.length > 0) {
    return {
      kind: "unanalysed",
      reason: `${CONFIG_PATH} on ${repo.defaultBranch} is invalid, so no plan was analysed (the parallel-plans check shows why)`,
    };
  }
  const options = configToOptions(loaded.config);
  await reader.complete("all", options);
  if (reader.files.treeTruncated) {
    return {
      kind: "unanalysed",
      reason: `GitHub cut the listing of ${repo.owner}/${repo.name}@${sha} short (too many files), so some plans would be missing`,
    };
  }
  return { kind: "analysed", report: await using.analyze(reader.files.snapshot(options), options) };
}
