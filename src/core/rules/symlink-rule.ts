/**
 * `symlink-outside`: a file of the plan folder is a symbolic link the source refused to follow
 * because it resolves outside the repository (or the folder read). Its content was never read;
 * for the rest of the analysis the file does not exist, so nothing downstream (statuses, prompts
 * quoting a SUBPLAN) can reach it.
 */
import type { FindingCollector } from "../findings.js";
import type { PlanFolder } from "../model.js";
import type { PlanSnapshot } from "../types.js";

/**
 * Reports each refused link of the folder and returns the folder's paths (relative to it) without
 * them. `folderPaths` are relative to the folder, as `filesInFolder` gives them.
 */
export function checkSymlinks(
  snapshot: PlanSnapshot,
  folder: PlanFolder,
  folderPaths: readonly string[],
  findings: FindingCollector,
): readonly string[] {
  if (!hasRefusedLink(snapshot)) return folderPaths;
  const prefix = folder.dir === "" ? "" : `${folder.dir}/`;
  let kept: string[] | null = null;
  for (let index = 0; index < folderPaths.length; index++) {
    const relPath = folderPaths[index] as string;
    const file = snapshot.files.get(prefix + relPath);
    if (!file?.symlinkOutside) {
      kept?.push(relPath);
      continue;
    }
    kept ??= folderPaths.slice(0, index);
    findings.add(
      "symlink-outside",
      file.path,
      { line: 1, column: 1 },
      `${relPath} is a symbolic link to a file outside the repository (or the folder checked): it was not read`,
    );
  }
  return kept ?? folderPaths;
}

/**
 * Whether the snapshot holds any refused link: almost never, and a walk over its files is much
 * cheaper than building and looking up the full path of every file of the folder.
 */
function hasRefusedLink(snapshot: PlanSnapshot): boolean {
  for (const file of snapshot.files.values()) if (file.symlinkOutside) return true;
  return false;
}
