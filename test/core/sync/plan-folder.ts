/** Plan folders for sync tests: in-memory snapshots, and copies of the examples on disk. */
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveOptions, type AnalysisOptions } from "../../../src/core/options.js";
import { syncSnapshot } from "../../../src/core/sync/sync-snapshot.js";
import type { Assignment, SyncOutcome } from "../../../src/core/sync/sync-types.js";
import type { PlanSnapshot } from "../../../src/core/types.js";
import { isPlanInput, readLocalSnapshot } from "../../../src/sources/local-source.js";

export const OPTIONS: AnalysisOptions = resolveOptions();

/** A snapshot holding `files` (paths from its root, every content given). */
export function snapshotOf(files: Record<string, string | Uint8Array>): PlanSnapshot {
  const entries = Object.entries(files).map(([p, content]) => {
    const size = typeof content === "string" ? Buffer.byteLength(content) : content.length;
    return [p, { path: p, size, content }] as const;
  });
  return { files: new Map(entries), rootName: "root" };
}

/** The outcome for the only parallel.json of `files`. */
export function syncOne(
  files: Record<string, string | Uint8Array>,
  assignments?: ReadonlyMap<string, Assignment>,
  options: AnalysisOptions = OPTIONS,
): SyncOutcome {
  const dirs = Object.keys(files).filter((p) => p.endsWith("parallel.json"));
  const dir = path.posix.dirname(dirs[0] ?? "");
  const byDir = new Map(assignments ? [[dir, assignments]] : []);
  const [plan] = syncSnapshot(snapshotOf(files), options, byDir);
  if (!plan?.outcome) throw new Error("no parallel.json synced");
  return plan.outcome;
}

/** The synced outcome, or a failure naming the refusal. */
export function synced(outcome: SyncOutcome): Extract<SyncOutcome, { kind: "synced" }> {
  if (outcome.kind !== "synced") throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}

/**
 * A copy of `examples/<example>` in a fresh temporary folder (named like the plan, since file
 * names carry it), with `added` files written (each "# added"). Returns the plan folder.
 */
export async function copyExample(example: string, added: readonly string[] = []): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "pp-sync-")), path.basename(example));
  await cp(path.join("examples", example), dir, { recursive: true });
  for (const file of added) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), "# added\n");
  }
  return dir;
}

/** Read a folder from disk as the CLI does. */
export async function readFolder(dir: string): Promise<PlanSnapshot> {
  return readLocalSnapshot(dir, {
    maxFileBytes: OPTIONS.limits.maxFileBytes,
    maxJsonBytes: OPTIONS.limits.maxJsonBytes,
    readContent: isPlanInput,
  });
}
