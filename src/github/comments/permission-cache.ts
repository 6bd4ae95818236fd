/**
 * A commenter's permission on a repository, from the exact-login collaborator-permission
 * endpoint (never `author_association`, DESIGN.md §6), remembered for about a minute so a
 * comment with several commands, or a burst of comments, costs one request.
 */
import type { ProbotOctokit } from "probot";
import { accessFromCollaborator, type Access } from "../../commands/permission.js";
import type { RepoRef } from "../commit-reader.js";

/** How long an answer is trusted: a revoked permission takes effect within this. */
export const PERMISSION_TTL_MS = 60 * 1000;
/** Entries kept at most (the oldest go first): bounds memory under a flood of commenters. */
const MAX_ENTRIES = 5_000;

/** Commenters' access per repository, from GitHub or from the last minute's answers. */
export class PermissionCache {
  private readonly entries = new Map<string, { access: Access; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = PERMISSION_TTL_MS,
  ) {}

  /** The commenter's access, from the cache or one request (404: not a collaborator → none). */
  async access(
    octokit: ProbotOctokit,
    repo: RepoRef & { id: number },
    login: string,
  ): Promise<Access> {
    const key = `${repo.id}:${login.toLowerCase()}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at <= this.ttlMs) return cached.access;
    let access: Access;
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
        owner: repo.owner,
        repo: repo.name,
        username: login,
      });
      access = accessFromCollaborator(data);
    } catch (error) {
      if ((error as { status?: unknown }).status !== 404) throw error;
      access = "none";
    }
    this.entries.delete(key);
    this.entries.set(key, { access, at: this.now() });
    if (this.entries.size > MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value as string);
    return access;
  }
}
