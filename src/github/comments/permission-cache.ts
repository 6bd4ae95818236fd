/**
 * A commenter's permission on a repository, from the exact-login collaborator-permission
 * endpoint (never `author_association`, DESIGN.md §6), remembered for about a minute so a
 * comment with several commands, or a burst of comments, costs one request.
 */
import type { ProbotOctokit } from "probot";
import { accessFromCollaborator, type Access } from "../../commands/permission.js";
import type { PermissionStore } from "../deps.js";
import type { RepoRef } from "../pipeline/commit-reader.js";

/** How long an answer is trusted: a revoked permission takes effect within this. */
export const PERMISSION_TTL_MS = 60 * 1000;
/** Entries kept at most (the oldest go first): bounds memory under a flood of commenters. */
const MAX_ENTRIES = 5_000;

/** The permission store in process memory (embedded mode). */
export class PermissionCache implements PermissionStore {
  private readonly entries = new Map<string, { access: Access; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = PERMISSION_TTL_MS,
  ) {}

  async get(repositoryId: number, login: string): Promise<Access | undefined> {
    const cached = this.entries.get(keyOf(repositoryId, login));
    return cached && this.now() - cached.at <= this.ttlMs ? cached.access : undefined;
  }

  async set(repositoryId: number, login: string, access: Access): Promise<void> {
    const key = keyOf(repositoryId, login);
    this.entries.delete(key);
    this.entries.set(key, { access, at: this.now() });
    if (this.entries.size > MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}

function keyOf(repositoryId: number, login: string): string {
  return `${repositoryId}:${login.toLowerCase()}`;
}

/** The commenter's access, from the store or one request (404: not a collaborator → none). */
export async function commenterAccess(
  store: PermissionStore,
  octokit: ProbotOctokit,
  repo: RepoRef & { id: number },
  login: string,
): Promise<Access> {
  const cached = await store.get(repo.id, login);
  if (cached !== undefined) return cached;
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
  await store.set(repo.id, login, access);
  return access;
}
