/**
 * What answering one comment reads, each part at most once however many commands the comment
 * holds: the first query (config, template overrides, the commit to read), the plan listing
 * when the plan must be looked up, and each plan folder (SUBPLAN texts inline when a batch
 * EXECUTION prompt needs them). Reuses the check's reader, so the app analyses what the CLI does.
 */
import path from "node:path";
import type { ProbotOctokit } from "probot";
import { configToOptions } from "../../core/config.js";
import { discoverPlans } from "../../core/discover-plans.js";
import type { PlanReport } from "../../core/model.js";
import type { AnalysisOptions } from "../../core/options.js";
import { fillPattern, isDone } from "../../core/plan-files.js";
import { planRef, type PlanRef } from "../../commands/plan-choice.js";
import type { PromptTemplates } from "../../prompts/prompt-types.js";
import { MAX_TEMPLATE_CHARS } from "../../prompts/render-template.js";
import { defaultTemplates, withOverrides } from "../../prompts/templates.js";
import { pullRequestChangedPaths } from "../pipeline/changed-paths.js";
import { planInputMatcher } from "../../sources/plan-inputs.js";
import { CommitFiles, type BlobNode } from "../pipeline/commit-files.js";
import { CommitReader, listingDepth, type RepoRef } from "../pipeline/commit-reader.js";
import { analyzeInProcess, type Analyze, type ConfigStore } from "../deps.js";
import { buildSnapshotQuery } from "../pipeline/graphql-query.js";
import { loadRepoConfig, type LoadedConfig } from "../pipeline/repo-config.js";
import { buildCommentQuery, readCommentContext, type CommentContextData } from "./comment-query.js";

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
}

/** One plan as read at the commit, with the SUBPLAN texts a prompt may quote. */
export interface ReadPlan {
  report: PlanReport;
  subplans: Map<string, string>;
}

const BLOBS_PER_QUERY = 100;

/** The reads of one comment, each made at most once. */
export class CommentReader {
  private contextRead: Promise<CommentContext> | undefined;
  private plansListed: Promise<PlanRef[]> | undefined;
  private changed: Promise<string[] | "all"> | undefined;
  private readonly folders = new Map<string, Promise<ReadPlan | null>>();

  constructor(
    private readonly octokit: ProbotOctokit,
    readonly target: CommentTarget,
    private readonly wants: { templates: boolean; subplans: boolean },
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
      const { options } = await this.context();
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
    const built = buildCommentQuery({
      owner: this.target.owner,
      name: this.target.name,
      defaultBranch: this.target.defaultBranch,
      pull: this.target.pull,
      templates: this.wants.templates,
    });
    const response = await this.octokit.graphql<{ repository: Record<string, unknown> | null }>(
      built.query,
      built.variables,
    );
    if (!response.repository)
      throw new Error(
        `${this.target.owner}/${this.target.name} is not readable with this installation`,
      );
    const data = readCommentContext(response.repository);
    const config = loadRepoConfig(data.config);
    if (config.findings.length === 0) await this.configs?.set(this.target.id, config.config);
    return {
      data,
      config,
      options: configToOptions(config.config),
      templates: withOverrides(defaultTemplates(), overrideTexts(data.templates)),
    };
  }

  private async readFolder(sha: string, dir: string): Promise<ReadPlan | null> {
    const { options } = await this.context();
    const reader = new CommitReader(this.octokit, this.target, sha);
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
      ? await this.subplanTexts(sha, reader, report, options)
      : new Map<string, string>();
    return { report, subplans };
  }

  /**
   * SUBPLAN texts of open achievements. The folder read brings them inline; SUBPLANs the naming
   * pattern puts elsewhere cost one more query per 100 files.
   */
  private async subplanTexts(
    sha: string,
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
    for (let i = 0; i < missing.length; i += BLOBS_PER_QUERY) {
      const built = buildSnapshotQuery({
        owner: this.target.owner,
        name: this.target.name,
        sha,
        blobs: missing.slice(i, i + BLOBS_PER_QUERY),
        depth: listingDepth(options),
      });
      const response = await this.octokit.graphql<{ repository: Record<string, unknown> | null }>(
        built.query,
        built.variables,
      );
      for (const [alias, file] of built.blobAliases) {
        reader.files.addBlob(
          file,
          (response.repository?.[alias] as BlobNode | null | undefined) ?? null,
        );
      }
    }
    if (missing.length > 0) take();
    return texts;
  }
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
