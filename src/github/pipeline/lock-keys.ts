/**
 * The keys of the one keyed lock (`AppDeps.locks`): each names what it serialises, so the work
 * of one key never waits for another's.
 */

/** A commit of a repository: its check run (a push racing its pull request's `synchronize`). */
export function commitKey(repositoryId: number, sha: string): string {
  return `commit:${repositoryId}:${sha}`;
}

/** A repository's status sync: two pushes must not both create a sync branch. */
export function syncKey(repositoryId: number): string {
  return `sync:${repositoryId}`;
}

/** A repository's achievement issues: a redelivery then lists them as the first run left them. */
export function issuesKey(repositoryId: number): string {
  return `issues:${repositoryId}`;
}
