/**
 * The folders whose children are the plans, when the config's plan globs say so plainly: every
 * glob is `<literal folder>/*` (the default `work-space/plans/*` is). Then every plan of a commit
 * is listed by one GraphQL field per root, in the event's one query, instead of the recursive
 * tree first and the plan texts after. Any other glob (`**`, a wildcard inside the folder, no
 * glob at all) needs the tree. Pure.
 */

/** More roots than this and the tree is the cheaper, bounded read. */
export const MAX_PLAN_ROOTS = 10;

/** Characters that make a path segment a pattern (picomatch's globs and extglobs). */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/** The roots the globs list the plans of, sorted; null when some glob is not `<folder>/*`. */
export function planRoots(globs: readonly string[]): string[] | null {
  if (globs.length === 0) return null;
  const roots = new Set<string>();
  for (const glob of globs) {
    const root = plainRoot(glob);
    if (root === null) return null;
    roots.add(root);
  }
  return roots.size > MAX_PLAN_ROOTS ? null : [...roots].sort();
}

/** The folder of a `<literal folder>/*` glob, or null for any other glob. */
export function plainRoot(glob: string): string | null {
  if (!glob.endsWith("/*")) return null;
  const root = glob.slice(0, -2);
  return isPlainPath(root) ? root : null;
}

/** A path with no pattern syntax and no empty, `.` or `..` segment: it names one folder. */
export function isPlainPath(path: string): boolean {
  return (
    path !== "" &&
    !GLOB_SYNTAX.test(path) &&
    path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..")
  );
}
