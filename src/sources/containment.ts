/**
 * Where a local read may reach. A checkout is untrusted data: a pull request can add a
 * parallel.json that is a symbolic link to `/proc/self/environ` or to a file of the runner, and
 * whatever the CLI (or the Action reading the checkout) parses ends up in its output. So reads
 * stay inside a boundary: the repository holding the path given (the nearest folder above it
 * with a `.git`), or, outside any repository, the folder given itself. A symbolic link is followed
 * only when its real path stays inside; everything else is refused before a byte is read.
 */
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";

/** The folder reads must stay in, as a real path (symbolic links resolved). */
export interface Boundary {
  /** Real path of the boundary folder. */
  root: string;
  /** What the boundary is, for messages. */
  kind: "repository" | "folder";
}

/**
 * The boundary for a read of `target` (an absolute path as given, a folder or a file): the
 * repository root when `.git` sits in `target` or a folder above it (looked up lexically, so a
 * symbolic link on the way cannot move it), else the folder given, else, when `target` is itself
 * a symbolic link, the folder holding that link. Errors (a missing path) propagate to the caller.
 */
export async function findBoundary(target: string): Promise<Boundary> {
  const absolute = path.resolve(target);
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, ".git")))
      return { root: await realpath(dir), kind: "repository" };
    if (path.dirname(dir) === dir) break;
  }
  const own = await lstat(absolute);
  const folder = own.isSymbolicLink() || !own.isDirectory() ? path.dirname(absolute) : absolute;
  return { root: await realpath(folder), kind: "folder" };
}

/** Whether the real path `real` is `boundary.root` or lies below it. */
export function isInside(real: string, boundary: Boundary): boolean {
  const relative = path.relative(boundary.root, real);
  if (relative === "") return true;
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The real path of `target` when it lies inside `boundary`, `"outside"` when it resolves outside
 * it, or undefined when it does not resolve (a broken link, a file removed meanwhile). Callers
 * read the real path returned, not `target`, so what is read is what was checked.
 */
export async function resolveInside(
  target: string,
  boundary: Boundary,
): Promise<string | "outside" | undefined> {
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return undefined;
  }
  return isInside(real, boundary) ? real : "outside";
}

/** "outside the repository" / "outside the folder given", for messages. */
export function describeBoundary(boundary: Boundary): string {
  return boundary.kind === "repository" ? "outside the repository" : "outside the folder given";
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
