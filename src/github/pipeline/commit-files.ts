/**
 * What the app has read of one commit, gathered across its few requests: every path with its size
 * and blob id, the texts GraphQL returned, the bytes of the odd file read as a blob. Pure: it
 * turns into the same `PlanSnapshot` the CLI's local source yields (repository-relative paths,
 * contents for the files the analysis reads, sizes for everything).
 */
import { planInputMatcher } from "../../sources/plan-inputs.js";
import { discoverPlans } from "../../core/discover-plans.js";
import { fileLimit } from "../../core/file-limit.js";
import type { AnalysisOptions } from "../../core/options.js";
import type { PlanSnapshot, SnapshotFile } from "../../core/types.js";

/** A blob as GraphQL returns it (`BlobText` fragment, or `oid byteSize` deeper down). */
export interface BlobNode {
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

/** A tree entry as GraphQL returns it. */
export interface EntryNode {
  name: string;
  type: string;
  object?: (BlobNode & { entries?: EntryNode[] | null }) | null;
}

interface StoredFile {
  size: number;
  oid: string | null;
  /** Complete UTF-8 text (GraphQL), or the bytes (blob API). */
  content?: string | Uint8Array;
  /** GraphQL was asked for the text: when it is still missing, only the blob API can help. */
  textAsked: boolean;
}

/** A plan input whose content the analysis needs and nobody has fetched yet. */
export interface MissingContent {
  path: string;
  oid: string | null;
  /** True: GraphQL already said binary/truncated, read the bytes; false: ask GraphQL first. */
  needsBytes: boolean;
}

export class CommitFiles {
  private readonly files = new Map<string, StoredFile>();
  /** Plan folders listed, with how many levels deep. */
  readonly listedFolders = new Map<string, number>();
  /** Plan roots listed (every child folder as a plan folder), with how many levels deep. */
  readonly listedRoots = new Map<string, number>();
  /** Plan folders that do not exist in the commit (deleted, or never there). */
  readonly removedFolders = new Set<string>();
  /** The whole commit was listed (recursive tree). */
  wholeTree = false;
  /** The recursive tree was cut by GitHub (over 100,000 entries or 7 MB). */
  treeTruncated = false;

  constructor(private readonly rootName: string) {}

  /** A plan folder's GraphQL listing; `null` when the folder is not in the commit. */
  addFolder(folder: string, entries: EntryNode[] | null, depth: number): void {
    this.listedFolders.set(folder, depth);
    if (entries === null) {
      this.removedFolders.add(folder);
      return;
    }
    this.removedFolders.delete(folder);
    this.addEntries(folder, entries, true);
  }

  /**
   * A plan root's GraphQL listing: each child folder is listed like a plan folder `depth` deep;
   * `null` when the root is not in the commit (no plans there).
   */
  addRoot(root: string, entries: EntryNode[] | null, depth: number): void {
    this.listedRoots.set(root, depth);
    for (const entry of entries ?? []) {
      const path = `${root}/${entry.name}`;
      const object = entry.object;
      if (entry.type === "tree" && object?.entries) this.addFolder(path, object.entries, depth);
      else if (entry.type === "blob" && object?.byteSize !== undefined)
        this.store(path, object, false);
    }
  }

  /** A single file read by path; `null` when the path is not a file of the commit. */
  addBlob(path: string, node: BlobNode | null): void {
    if (!node || node.byteSize === undefined) return;
    this.store(path, node, true);
  }

  /** Entries of the recursive tree API (blobs only matter). */
  addTree(
    entries: { path?: string; type?: string; size?: number; sha?: string }[],
    truncated: boolean,
  ): void {
    this.wholeTree = true;
    this.treeTruncated = truncated;
    for (const entry of entries) {
      if (entry.type !== "blob" || !entry.path || this.files.has(entry.path)) continue;
      this.files.set(entry.path, {
        size: entry.size ?? 0,
        oid: entry.sha ?? null,
        textAsked: false,
      });
    }
  }

  /** Bytes read through the blob API. */
  setBytes(path: string, bytes: Uint8Array): void {
    const file = this.files.get(path);
    if (file) Object.assign(file, { content: bytes, size: bytes.length });
  }

  /** The parallel.json and PLAN markdown of every plan found, whose content is still missing. */
  missingContents(options: AnalysisOptions): MissingContent[] {
    const missing: MissingContent[] = [];
    for (const plan of discoverPlans(this.listing(), options)) {
      for (const path of [plan.parallelJson, plan.planMarkdown]) {
        const file = path === null ? undefined : this.files.get(path);
        if (!file || file.content !== undefined) continue;
        if (file.size > fileLimit(path as string, options.limits).bytes) continue;
        missing.push({ path: path as string, oid: file.oid, needsBytes: file.textAsked });
      }
    }
    return missing;
  }

  /** The snapshot the core analyses, with contents for the files the CLI would read. */
  snapshot(options: AnalysisOptions): PlanSnapshot {
    const reads = planInputMatcher(options.patterns);
    const files = new Map<string, SnapshotFile>();
    for (const path of [...this.files.keys()].sort()) {
      const { size, content } = this.files.get(path) as StoredFile;
      const file: SnapshotFile = { path, size };
      if (content !== undefined && size <= fileLimit(path, options.limits).bytes && reads(path)) {
        file.content = content;
      }
      files.set(path, file);
    }
    return { files, rootName: this.rootName };
  }

  private listing(): PlanSnapshot {
    const files = new Map<string, SnapshotFile>();
    for (const [path, { size }] of this.files) files.set(path, { path, size });
    return { files, rootName: this.rootName };
  }

  private addEntries(dir: string, entries: EntryNode[], top: boolean): void {
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      const object = entry.object;
      if (entry.type === "tree" && object?.entries) this.addEntries(path, object.entries, false);
      else if (entry.type === "blob" && object?.byteSize !== undefined)
        this.store(path, object, top);
    }
  }

  private store(path: string, node: BlobNode, textAsked: boolean): void {
    const file: StoredFile = { size: node.byteSize ?? 0, oid: node.oid ?? null, textAsked };
    // GraphQL gives text only for blobs it deems text, and cuts long ones: those need bytes.
    if (typeof node.text === "string" && !node.isTruncated && node.isBinary !== true) {
      file.content = node.text;
    }
    this.files.set(path, file);
  }
}
