/**
 * The local source: a folder on disk becomes a {@link PlanSnapshot} (every path with its size, and
 * the bytes of the files the analysis reads). Used by the CLI; the app's GitHub source builds the
 * same snapshot from a commit.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import path from "node:path";
import { fileLimit } from "../core/file-limit.js";
import type { PlanSnapshot, SnapshotFile } from "../core/types.js";
import { describeBoundary, findBoundary, resolveInside, type Boundary } from "./containment.js";
export { isPlanInput } from "./plan-inputs.js";

/** Beyond this many entries the path is surely not a plan folder or a repository of plans. */
export const MAX_ENTRIES = 200_000;

/** Folders never walked: dependencies and git internals hold no plans and many files. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** Files stat'ed or read at once, so a huge folder does not open thousands of handles together. */
const BATCH = 64;

export interface LocalSnapshotOptions {
  /** Markdown files larger than this keep their size only (the core reports `file-too-large`). */
  maxFileBytes: number;
  /** The same for a parallel.json. */
  maxJsonBytes: number;
  /** Whether the analysis needs the bytes of this file (path relative to the walked folder). */
  readContent: (relPath: string) => boolean;
  /** How to name the path in error messages (default: `root` as given). */
  label?: string;
  /** Most files and folders walked before giving up (default {@link MAX_ENTRIES}). */
  maxEntries?: number;
}

/** A snapshot of a local folder, with where it came from. */
export interface LocalSnapshot extends PlanSnapshot {
  /** Absolute path of the folder walked. */
  root: string;
  /**
   * When the path given was a file (e.g. a parallel.json), its path relative to `root` (its parent
   * folder, which was walked instead): report only the plan that holds it.
   */
  focus: string | null;
}

/**
 * Walk `root` (a folder, or a file whose parent folder is walked) without following symbolic
 * links to folders, skipping `node_modules` and `.git`. A symbolic link to a file is read only
 * when it resolves inside the repository (or the folder given, outside a repository); one that
 * resolves outside is listed as `symlinkOutside`, never read. Throws one clear sentence naming
 * the path when it is missing or unreadable, is a link leading outside, or holds more than
 * `maxEntries` entries.
 */
export async function readLocalSnapshot(
  root: string,
  opts: LocalSnapshotOptions,
): Promise<LocalSnapshot> {
  const label = opts.label ?? root;
  const fail = (error: unknown): never => {
    throw new Error(describeFsError(label, error));
  };
  const boundary = await findBoundary(root).catch(fail);
  if ((await resolveInside(root, boundary)) === "outside") {
    throw new Error(
      `cannot read ${label}: it is a symbolic link to a place ${describeBoundary(boundary)}, which is never followed`,
    );
  }
  const rootStats = await stat(root).catch(fail);
  const dir = rootStats.isDirectory() ? root : path.dirname(root);
  const focus = rootStats.isDirectory() ? null : path.basename(root);
  const dirLabel = focus === null ? label : path.dirname(label);
  const labelOf = (rel: string): string =>
    rel === "" ? dirLabel : dirLabel === "." ? rel : `${dirLabel}/${rel}`;

  const found: SnapshotFile[] = [];
  const maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  let entries = 0;
  const pending: string[] = [""];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    const abs = rel === "" ? dir : path.join(dir, ...rel.split("/"));
    const dirents = await readdir(abs, { withFileTypes: true }).catch((error: unknown) => {
      throw new Error(describeFsError(labelOf(rel), error));
    });
    entries += dirents.length;
    if (entries > maxEntries) {
      throw new Error(
        `cannot read ${label}: more than ${maxEntries} files and folders; point at a plan folder or a folder of plans`,
      );
    }
    const candidates: string[] = [];
    const links = new Set<string>();
    for (const dirent of dirents) {
      const childRel = rel === "" ? dirent.name : `${rel}/${dirent.name}`;
      if (dirent.isDirectory()) {
        if (!SKIPPED_DIRS.has(dirent.name)) pending.push(childRel);
      } else if (dirent.isFile() || dirent.isSymbolicLink()) {
        candidates.push(childRel);
        if (dirent.isSymbolicLink()) links.add(childRel);
      }
    }
    for (let i = 0; i < candidates.length; i += BATCH) {
      const batch = candidates.slice(i, i + BATCH);
      const read = await Promise.all(
        batch.map((p) => readEntry(dir, p, opts, labelOf, links.has(p) ? boundary : null)),
      );
      for (const file of read) if (file) found.push(file);
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files: new Map(found.map((f) => [f.path, f])),
    rootName: path.basename(path.resolve(dir)),
    root: dir,
    focus,
  };
}

/**
 * One regular file (or a symbolic link to one inside `boundary`, given for links only); undefined
 * for links to folders (never followed, so no loops), broken links, sockets and pipes.
 */
async function readEntry(
  dir: string,
  relPath: string,
  opts: LocalSnapshotOptions,
  labelOf: (rel: string) => string,
  boundary: Boundary | null,
): Promise<SnapshotFile | undefined> {
  let abs = path.join(dir, ...relPath.split("/"));
  if (boundary) {
    const real = await resolveInside(abs, boundary);
    if (real === undefined) return undefined;
    if (real === "outside") return { path: relPath, size: 0, symlinkOutside: true };
    abs = real; // read what was checked
  }
  let stats: Stats;
  try {
    stats = await stat(abs);
  } catch {
    return undefined; // a broken link, or a file removed while walking
  }
  if (!stats.isFile()) return undefined;
  const file: SnapshotFile = { path: relPath, size: stats.size };
  const limit = fileLimit(relPath, opts).bytes;
  if (stats.size <= limit && opts.readContent(relPath)) {
    const content = await readFile(abs).catch((error: unknown) => {
      throw new Error(describeFsError(labelOf(relPath), error));
    });
    // The file may have grown since stat: then it is too large after all.
    file.size = content.length;
    if (content.length <= limit) file.content = content;
  }
  return file;
}

const FS_REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  EISDIR: "is a directory",
  EMFILE: "too many open files",
};

/** "cannot read <path>: <reason>" for a file-system error, without Node's errno noise. */
export function describeFsError(label: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    (typeof code === "string" ? FS_REASONS[code] : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return `cannot read ${label}: ${reason}`;
}
