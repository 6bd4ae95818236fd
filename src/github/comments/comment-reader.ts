/**
 * What answering one comment reads, each part at most once however many commands the comment
 * holds. Usually one query: the config, template overrides, the commit to read and, in that
 * commit, the plan folders the commands want (those `--plan` names, or every folder below the
 * config's plan roots, which is also the plan listing), plus the app's issues for
 * `/parallel assign`. The folders are guessed from the config the app last read; when the
 * repository's config turns out to name other folders, or a plan needs more (a SUBPLAN folder
 * for a batch EXECUTION prompt, deeper listings), the reads fall back to the plan listing (one
 * recursive tree) and a query per plan folder. Reuses the check's reader, so the app analyses
 * what the CLI does.
 */
import path from "node:path";
import type { ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { configToOptions, DEFAULT_CONFIG, type RepoConfig } from "../../core/config.js";
import { discoverPlans } from "../../core/discover-plans.js";
import type { PlanReport } from "../../core/model.js";
import type { AnalysisOptions } from "../../core/options.js";
import { fillPattern, isDone } from "../../core/plan-files.js";
import { guessPlanFolders, planRef, type PlanRef } from "../../commands/plan-choice.js";
import type { PromptTemplates } from "../../prompts/prompt-types.js";
import { MAX_TEMPLATE_CHARS } from "../../prompts/render-template.js";
import { defaultTemplates, withOverrides } from "../../prompts/templates.js";
import { pullRequestChangedPaths } from "../pipeline/changed-paths.js";
import { planInputMatcher } from "../../sources/plan-inputs.js";
import { CommitFiles, type BlobNode } from "../pipeline/commit-files.js";
import { CommitReader, listingDepth, type RepoRef } from "../pipeline/commit-reader.js";
import { analyzeInProcess, type Analyze, type ConfigStore } from "../deps.js";
import { loadRepoConfig, type LoadedConfig } from "../pipeline/repo-config.js";
import { isPlainPath, plainRoot } from "../pipeline/plan-roots.js";
import { labelsField, readLabels } from "../assign/labels-query.js";
import { ownIssuesField, readOwnIssues } from "../assign/own-issues-query.js";
import {
  buildCommentQuery,
  readCommentContext,
  type CommentContextData,
  type CommentQuery,
  type FolderEntries,
} from "./comment-query.js";

/** The repository and thread a comment was posted on. */
export interface CommentTarget extends RepoRef {
  id: number;
  defaultBranch: string;
  /** The pull request commented on, null in an issue. */
  pull: number | null;
}

/** The first read, digested. */
export interface CommentContext {
  data: CommentContextData;
  config: LoadedConfig;
  options: AnalysisOptions;
  templates: PromptTemplates;
  /**
   * The app's issues and the labels, when `/parallel assign` asked for them and the answer held
   * them all (the command runs under the issues lock, so they stay true until it has written).
   */
  own: ExistingIssue[] | null;
  labels: string[] | null;
}

/** What the commands of a comment will read, known before the first query. */
export interface CommentWants {
  templates: boolean;
  subplans: boolean;
  /** The `--plan` values of the commands that read a plan. */
  named: readonly string[];
  /** Some command reads a plan without `--plan` (the touched plan, or the only one). */
  unnamed: boolean;
  /** `/parallel assign` of a level: the app's issues and the labels. */
  assign: boolean;
}

/** Plan roots read with the first query: more globs than this are listed the usual way. */
const MAX_ROOTS = 5;
/** Guessed `--plan` folders read with the first query, per name. */
const GUESSES_PER_NAME = 3;

/** One plan as read at the commit, with the SUBPLAN texts a prompt may quote. */
export interface ReadPlan {
  report: PlanReport;
  subplans: Map<string, string>;
}

/** The reads of one comment, each made at most once. */
export class CommentReader {
  private contextRead: Promise<CommentContext> | undefined;
  private plansListed: Promise<PlanRef[]> | undefined;
  private changed: Promise<string[] | "all"> | undefined;
  private readonly folders = new Map<string, Promise<ReadPlan | null>>();
  /** Plan folders the first query read, and how deep. */
  private readonly prefetched = new Map<string, FolderEntries>();
  private prefetchDepth = 0;
  /** The plan folders below the roots, when they are every plan of the commit. */
  private rootPlans: string[] | null = null;

  constructor(
    private readonly octokit: ProbotOctokit,
    readonly target: CommentTarget,
    private readonly wants: CommentWants,
    /** Where a valid config read here is remembered for the other handlers (push, sync). */
    private readonly configs?: ConfigStore,
    /** The app's one analysis runner. */
    private readonly analyze: Analyze = analyzeInProcess,
  ) {}

  /** Config, template overrides and the commit to read, in one query. */
  context(): Promise<CommentContext> {
    this.contextRead ??= this.readContext();
    return this.contextRead;
  }

  /** The paths the pull request changes ("all" past GitHub's 3,000 files); [] in an issue. */
  async changedPaths(): Promise<string[] | "all"> {
    const { data } = await this.context();
    if (data.changedPaths !== null) return data.changedPaths;
    this.changed ??= pullRequestChangedPaths(this.octokit, this.target, {
      number: this.target.pull ?? 0,
      changed_files: data.changedCount,
    });
    return this.changed;
  }

  /** Every plan of the commit, from its recursive tree (one request). */
  listPlans(sha: string): Promise<PlanRef[]> {
    this.plansListed ??= (async () => {
      const { options, data: context } = await this.context();
      if (this.rootPlans !== null && context.sha === sha) return this.listRoots(options);
      const { data } = await this.octokit.rest.git.getTree({
        owner: this.target.owner,
        repo: this.target.name,
        tree_sha: sha,
        recursive: "1",
      });
      const files = new CommitFiles(this.target.name);
      files.addTree(data.tree, data.truncated);
      return discoverPlans(files.snapshot(options), options).map((folder) => planRef(folder.dir));
    })();
    return this.plansListed;
  }

  /** The plans among the folders the first query read below the plan roots. */
  private listRoots(options: AnalysisOptions): PlanRef[] {
    const files = new CommitFiles(this.target.name);
    for (const dir of this.rootPlans ?? [])
      files.addFolder(dir, this.prefetched.get(dir) ?? null, this.prefetchDepth);
    return discoverPlans(files.snapshot(options), options).map((folder) => planRef(folder.dir));
  }

  /** The plan in `dir` at `sha` analysed, or null when the folder holds no plan. */
  readPlan(sha: string, dir: string): Promise<ReadPlan | null> {
    let read = this.folders.get(dir);
    if (!read) {
      read = this.readFolder(sha, dir);
      this.folders.set(dir, read);
    }
    return read;
  }

  private async readContext(): Promise<CommentContext> {
    const assumed = (await this.configs?.get(this.target.id)) ?? DEFAULT_CONFIG;
    const at = planReads(this.wants, assumed);
    const request: CommentQuery = {
      owner: this.target.owner,
      name: this.target.name,
      defaultBranch: this.target.defaultBranch,
      pull: this.target.pull,
      templates: this.wants.templates,
      ...(at ? { at } : {}),
      parts: this.wants.assign ? [ownIssuesField(), labelsField()] : [],
    };
    const built = buildCommentQuery(request);
    const response = await this.octokit.graphql<{ repository: Record<string, unknown> | null }>(
      built.query,
      built.variables,
    );
    if (!response.repository)
      throw new Error(
        `${this.target.owner}/${this.target.name} is not readable with this installation`,
      );
    const data = readCommentContext(response.repository, request);
    const config = loadRepoConfig(data.config);
    if (config.findings.length === 0) await this.configs?.set(this.target.id, config.config);
    if (data.at && at) {
      this.prefetchDepth = at.depth;
      for (const [dir, entries] of data.at.folders) this.prefetched.set(dir, entries);
      for (const plans of data.at.roots.values())
        for (const [dir, entries] of plans) this.prefetched.set(dir, entries);
      // What was read is the plan listing only when the repository's globs are those assumed.
      const listing = { named: [], unnamed: true };
      const assumedAll = planReads(listing, assumed);
      const realAll = planReads(listing, config.config);
      if (this.wants.unnamed && assumedAll && realAll && sameReads(assumedAll, realAll)) {
        this.rootPlans = [
          ...[...data.at.roots.values()].flatMap((plans) => [...plans.keys()]),
          ...assumedAll.folders,
        ];
      }
    }
    return {
      data,
      config,
      options: configToOptions(config.config),
      templates: withOverrides(defaultTemplates(), overrideTexts(data.templates)),
      own: this.wants.assign ? readOwnIssues(data.repository) : null,
      labels: this.wants.assign ? readLabels(data.repository) : null,
    };
  }

  private async readFolder(sha: string, dir: string): Promise<ReadPlan | null> {
    const { options, data } = await this.context();
    const reader = new CommitReader(this.octokit, this.target, sha);
    const prefetched = data.sha === sha ? this.prefetched.get(dir) : undefined;
    if (prefetched !== undefined) reader.files.addFolder(dir, prefetched, this.prefetchDepth);
    const folders = [dir];
    const subplanDir = path.posix.dirname(
      fillPattern(options.patterns.subplan, { plan: dir.slice(dir.lastIndexOf("/") + 1) }),
    );
    // A fixed SUBPLAN folder is read with the plan folder, texts inline: no extra request.
    if (this.wants.subplans && subplanDir !== "." && !subplanDir.includes("{"))
      folders.push(`${dir}/${subplanDir}`);
    await reader.complete(folders, options);
    const report = (await this.analyze(reader.files.snapshot(options), options)).plans.find(
      (p) => p.dir === dir,
    );
    if (!report) return null;
    const subplans = this.wants.subplans
      ? await this.subplanTexts(reader, report, options)
      : new Map<string, string>();
    return { report, subplans };
  }

  /**
   * SUBPLAN texts of open achievements. The folder read brings them inline; SUBPLANs the naming
   * pattern puts elsewhere cost one more query per 100 files.
   */
  private async subplanTexts(
    reader: CommitReader,
    report: PlanReport,
    options: AnalysisOptions,
  ): Promise<Map<string, string>> {
    const readable = planInputMatcher(options.patterns);
    const wanted = report.achievements
      .filter((a) => a.files.subplan !== null && !isDone(a.status))
      .map((a) => a.files.subplan as string)
      .filter((file) => readable(file));
    const texts = new Map<string, string>();
    const take = () => {
      const snapshot = reader.files.snapshot(options);
      for (const file of wanted) {
        const content = snapshot.files.get(file)?.content;
        if (content === undefined) continue;
        texts.set(file, typeof content === "string" ? content : new TextDecoder().decode(content));
      }
    };
    take();
    const missing = wanted.filter((file) => !texts.has(file));
    await reader.readBlobs(missing, options);
    if (missing.length > 0) take();
    return texts;
  }
}

/**
 * The plan folders and roots the first query reads under `config`: each `--plan` guess, and
 * when a command needs the touched or the only plan, the root of each `<root>/*` glob and each
 * glob naming one folder. Null when nothing is wanted, or a glob reaches further (`**`, a `*`
 * inside a name): then the listing is the recursive tree, as before. A root read costs bytes, not requests: it
 * brings the top-level texts (parallel.json, the PLAN) of every plan below the root.
 */
function planReads(
  wants: Pick<CommentWants, "named" | "unnamed">,
  config: RepoConfig,
): CommentQuery["at"] | null {
  const folders = new Set<string>();
  const roots = new Set<string>();
  for (const name of wants.named)
    for (const dir of guessPlanFolders(config.plans, name).slice(0, GUESSES_PER_NAME))
      folders.add(dir);
  if (wants.unnamed) {
    if (config.plans.length === 0) return null;
    for (const glob of config.plans) {
      const root = plainRoot(glob);
      if (root !== null) roots.add(root);
      else if (isPlainPath(glob)) folders.add(glob);
      else return null;
    }
    if (roots.size > MAX_ROOTS) return null;
  }
  if (folders.size === 0 && roots.size === 0) return null;
  const depth = listingDepth(configToOptions(config));
  return { folders: [...folders].sort(), roots: [...roots].sort(), depth };
}

function sameReads(
  a: NonNullable<CommentQuery["at"]>,
  b: NonNullable<CommentQuery["at"]>,
): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((item, i) => item === y[i]);
  return same(a.roots, b.roots) && same(a.folders, b.folders);
}

/** Override texts by file name; an override GitHub cannot give as text says why. */
function overrideTexts(blobs: Map<string, BlobNode>): Map<string, string | { problem: string }> {
  const texts = new Map<string, string | { problem: string }>();
  for (const [name, blob] of blobs) {
    if ((blob.byteSize ?? 0) > MAX_TEMPLATE_CHARS * 4)
      texts.set(name, { problem: `it is ${blob.byteSize} bytes, over the limit` });
    else if (typeof blob.text !== "string" || blob.isTruncated || blob.isBinary)
      texts.set(name, { problem: "GitHub reports it as binary or too long" });
    else texts.set(name, blob.text);
  }
  return texts;
}
