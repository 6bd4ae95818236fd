/**
 * The paths a push or a pull request changes, read as cheaply as GitHub allows: a push's own
 * commit lists when complete, the compare API when the payload may be cut, a pull request's file
 * list page by page. Renames count on both sides (the old folder lost a file, the new one gained
 * it). "all" means the change is too large to list: check every plan.
 */
import type { ProbotOctokit } from "probot";
import type { RepoRef } from "./commit-reader.js";

/** A push payload lists at most this many commits; with that many the list may be cut. */
export const PUSH_COMMIT_LIMIT = 20;
/** The compare API lists at most this many files for a whole comparison. */
export const COMPARE_FILE_LIMIT = 300;
/** The pull request files API lists at most this many files, 100 per page. */
export const PULL_FILE_LIMIT = 3000;
const PULL_FILES_PER_PAGE = 100;

const ZERO_SHA = /^0+$/;

export interface PushCommit {
  added?: string[];
  modified?: string[];
  removed?: string[];
}

interface ChangedFile {
  filename: string;
  previous_filename?: string;
}

/** The paths a push changes: its commits' lists, or the compare API when they may be cut. */
export async function pushChangedPaths(
  octokit: ProbotOctokit,
  repo: RepoRef,
  push: { before: string; after: string; commits: readonly PushCommit[] },
): Promise<string[] | "all"> {
  if (push.commits.length < PUSH_COMMIT_LIMIT) {
    return unique(
      push.commits.flatMap((c) => [
        ...(c.added ?? []),
        ...(c.modified ?? []),
        ...(c.removed ?? []),
      ]),
    );
  }
  // A new branch has no "before" to compare with: check every plan.
  if (ZERO_SHA.test(push.before)) return "all";
  let files: ChangedFile[];
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: repo.owner,
      repo: repo.name,
      basehead: `${push.before}...${push.after}`,
    });
    files = (data.files ?? []) as ChangedFile[];
  } catch (error) {
    // A force-push can leave "before" unknown to GitHub (404) or unrelated (422).
    const status = (error as { status?: unknown }).status;
    if (status === 404 || status === 422) return "all";
    throw error;
  }
  return files.length >= COMPARE_FILE_LIMIT ? "all" : pathsOf(files);
}

/** The paths a pull request changes, from its file list (up to GitHub's 3,000 files). */
export async function pullRequestChangedPaths(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pull: { number: number; changed_files?: number },
): Promise<string[] | "all"> {
  const count = pull.changed_files ?? PULL_FILE_LIMIT;
  if (count > PULL_FILE_LIMIT) return "all";
  // The payload's count saves the request for an empty last page.
  const pages = Math.ceil(count / PULL_FILES_PER_PAGE);
  const files: ChangedFile[] = [];
  for (let page = 1; page <= pages; page++) {
    const { data } = await octokit.rest.pulls.listFiles({
      owner: repo.owner,
      repo: repo.name,
      pull_number: pull.number,
      per_page: PULL_FILES_PER_PAGE,
      page,
    });
    files.push(...data);
    if (data.length < PULL_FILES_PER_PAGE) break;
  }
  return pathsOf(files);
}

function pathsOf(files: readonly ChangedFile[]): string[] {
  return unique(
    files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename])),
  );
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}

/** Whether a SHA is GitHub's "no commit" (a created or deleted branch). */
export function isZeroSha(sha: string): boolean {
  return ZERO_SHA.test(sha);
}
