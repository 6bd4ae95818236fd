/**
 * Probot's Octokit as this app runs it: Probot's throttling plugin off (every event's Octokit is
 * paced per installation by `paced-requests.ts` instead) and 429 left to that pacing, which
 * honours `retry-after`; Octokit's retries of 5xx answers stay. A function default, because
 * Probot merges its own throttle options over a plain object's.
 */
import { ProbotOctokit } from "probot";

/** Octokit's retry plugin's defaults, plus 429 (a rate limit: retried after GitHub's wait). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export const AppOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object | undefined), enabled: false },
  retry: { doNotRetry: DO_NOT_RETRY, ...(options.retry as object | undefined) },
}));
