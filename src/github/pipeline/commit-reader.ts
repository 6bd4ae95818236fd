/**
 * Reads one commit for a check with a constant number of requests, however many files the plan
 * folders hold: one GraphQL query for the config, the existing check run and the touched plan
 * folders (texts of top-level files inline); when every plan is checked, the plan roots in that
 * same query (plans globbed as `<folder>/*`), or else a recursive tree first; and only for the
 * odd case (a custom config naming other folders, a binary or truncated input) one more query or
 * blob read.
 */
import type { ProbotOctokit } from "probot";
import type { AnalysisOptions } from "../../core/options.js";
import type { Scope } from "../check/check-marker.js";
import type { ExistingRun } from "../check/check-target.js";
import { CommitFiles, type BlobNode, type EntryNode } from "./commit-files.js";
import { buildSnapshotQuery, type QueryPart, type SnapshotQuery } from "./graphql-query.js";
import { planRoots } from "./plan-roots.js";

/** Plan folders (or single files) per GraphQL query: keeps each response a sane size. */
const FOLDERS_PER_QUERY = 50;
const BLOBS_PER_QUERY = 100;

export interface RepoRef {
  owner: string;
  name: string;
}

interface RunNode {
  databaseId?: number | null;
  status?: string;
  externalId?: string | null;
  title?: string | null;
  summary?: string | null;
}

/** What one query of the reader may ask for besides the commit itself. */
export type ReaderQuery = Pick<
  SnapshotQuery,
  "configExpression" | "lookup" | "folders" | "blobs" | "roots" | "parts"
>;

type Repository = Record<string, unknown> & {
  config?: BlobNode | null;
  commit?: {
    checkSuites?: { nodes?: ({ checkRuns?: { nodes?: (RunNode | null)[] } } | null)[] };
  } | null;
};

/** What the first query learns besides files. */
export interface FirstRead {
  /** The config blob on the default branch; null when the repository has none. */
  config: BlobNode | null;
  runs: ExistingRun[];
  /** The whole answer, for the fields the features' query parts asked for. */
  repository: Record<string, unknown>;
}

export class CommitReader {
  readonly files: CommitFiles;

  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: RepoRef,
    private readonly sha: string,
  ) {
    this.files = new CommitFiles(repo.name);
  }

  /**
   * The first read: config, check runs and the plan folders (or, for "all", the plan roots; or
   * the recursive tree and the plan inputs found in it) in one query.
   */
  async first(
    scope: Scope,
    lookup: { configExpression: string; appId: number; checkName: string },
    options: AnalysisOptions,
    parts: readonly QueryPart[] = [],
  ): Promise<FirstRead> {
    const { configExpression, appId, checkName } = lookup;
    const base = { configExpression, lookup: { appId, checkName }, parts };
    let repository: Repository;
    const roots = scope === "all" ? planRoots(options.plans) : null;
    if (roots) {
      // Every plan is a child of a root: all of them come with the config and the runs.
      repository = await this.query({ ...base, roots }, options);
    } else if (scope === "all") {
      await this.listTree();
      const blobs = this.files.missingContents(options).map((m) => m.path);
      repository = await this.query({ ...base, blobs: blobs.slice(0, BLOBS_PER_QUERY) }, options);
      await this.readBlobs(blobs.slice(BLOBS_PER_QUERY), options);
    } else {
      const folders = scope.slice(0, FOLDERS_PER_QUERY);
      repository = await this.query({ ...base, folders }, options);
      await this.readFolders(scope.slice(FOLDERS_PER_QUERY), options);
    }
    return { config: repository.config ?? null, runs: runsOf(repository), repository };
  }

  /** Read whatever `scope` still lacks under the repository's real options. */
  async complete(scope: Scope, options: AnalysisOptions): Promise<void> {
    if (scope === "all") {
      if (!this.files.wholeTree && !this.rootsListed(options)) await this.listTree();
    } else {
      const depth = listingDepth(options);
      const listed = this.files.listedFolders;
      await this.readFolders(
        scope.filter((folder) => (listed.get(folder) ?? 0) < depth),
        options,
      );
    }
    const missing = this.files.missingContents(options);
    await this.readBlobs(
      missing.filter((m) => !m.needsBytes).map((m) => m.path),
      options,
    );
    // GraphQL returns no text for binary blobs and cuts long ones: read those as bytes, so the
    // core reports exactly what the CLI would (invalid UTF-8 at its offset, a JSON error…).
    for (const { path, oid } of this.files.missingContents(options)) {
      if (oid === null) continue;
      const { data } = await this.octokit.rest.git.getBlob({
        owner: this.repo.owner,
        repo: this.repo.name,
        file_sha: oid,
      });
      this.files.setBytes(path, Buffer.from(data.content, "base64"));
    }
  }

  /** Whether the plan roots of `options` were listed deep enough to hold every plan input. */
  private rootsListed(options: AnalysisOptions): boolean {
    const roots = planRoots(options.plans);
    const depth = listingDepth(options);
    return (
      roots !== null && roots.every((root) => (this.files.listedRoots.get(root) ?? 0) >= depth)
    );
  }

  private async listTree(): Promise<void> {
    const { data } = await this.octokit.rest.git.getTree({
      owner: this.repo.owner,
      repo: this.repo.name,
      tree_sha: this.sha,
      recursive: "1",
    });
    this.files.addTree(data.tree, data.truncated);
  }

  private async readFolders(folders: readonly string[], options: AnalysisOptions): Promise<void> {
    for (let i = 0; i < folders.length; i += FOLDERS_PER_QUERY) {
      await this.query({ folders: folders.slice(i, i + FOLDERS_PER_QUERY) }, options);
    }
  }

  /** Reads `blobs` into `files`, 100 a query (nothing when the list is empty). */
  async readBlobs(blobs: readonly string[], options: AnalysisOptions): Promise<void> {
    for (let i = 0; i < blobs.length; i += BLOBS_PER_QUERY) {
      await this.query({ blobs: blobs.slice(i, i + BLOBS_PER_QUERY) }, options);
    }
  }

  private query(parts: ReaderQuery, options: AnalysisOptions): Promise<Repository> {
    return this.read(parts, listingDepth(options));
  }

  /**
   * One GraphQL query of this commit; its folders and blobs land in `files`, so `complete` reads
   * only what is still missing. Features outside the pipeline (a button click) read through it.
   */
  async read(parts: ReaderQuery, depth: number): Promise<Repository> {
    const built = buildSnapshotQuery({ ...this.repo, sha: this.sha, depth, ...parts });
    const response = await this.octokit.graphql<{ repository: Repository | null }>(
      built.query,
      built.variables,
    );
    const repository = response.repository;
    if (!repository) throw new Error("the repository is not readable with this installation");
    for (const [alias, folder] of built.folderAliases) {
      const tree = repository[alias] as { entries?: EntryNode[] | null } | null | undefined;
      this.files.addFolder(folder, tree?.entries ?? null, depth);
    }
    for (const [alias, root] of built.rootAliases) {
      const tree = repository[alias] as { entries?: EntryNode[] | null } | null | undefined;
      this.files.addRoot(root, tree?.entries ?? null, depth);
    }
    for (const [alias, path] of built.blobAliases) {
      this.files.addBlob(path, (repository[alias] as BlobNode | null | undefined) ?? null);
    }
    return repository;
  }
}

/**
 * Levels listed below a plan folder: deep enough for every naming pattern
 * (`execution/feedbacks/APPROVED_{token}.md` is 3), plus one for `subplan_path`s declared a level
 * deeper, at most 8.
 */
export function listingDepth(options: AnalysisOptions): number {
  const { plan, subplan, execution, approved } = options.patterns;
  const deepest = Math.max(...[plan, subplan, execution, approved].map((p) => p.split("/").length));
  return Math.min(8, Math.max(3, deepest) + 1);
}

function runsOf(repository: Repository): ExistingRun[] {
  const runs: ExistingRun[] = [];
  for (const suite of repository.commit?.checkSuites?.nodes ?? []) {
    for (const run of suite?.checkRuns?.nodes ?? []) {
      if (typeof run?.databaseId !== "number") continue;
      runs.push({
        id: run.databaseId,
        completed: run.status === "COMPLETED",
        externalId: run.externalId ?? null,
        title: run.title ?? null,
        summary: run.summary ?? null,
      });
    }
  }
  return runs;
}
