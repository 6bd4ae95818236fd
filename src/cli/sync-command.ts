/**
 * `parallel-plans sync PATH [--write] [--backup]`: make parallel.json agree with the files
 * (filesystem first). Prints a unified diff per plan that drifts and exits 1, or 0 when nothing
 * drifts; `--write` writes the files (temp file + rename in the same folder, so a reader never
 * sees half a file) and exits 0; `--backup` first keeps the previous text as `parallel.json.bak`.
 * A parallel.json that is a symbolic link is written through to its target when that lies inside
 * the plan folder, and refused otherwise (the link itself is never replaced). A parallel.json
 * that cannot be edited safely gets one line on stderr and exit 2, after the other plans are done;
 * with `--write`, a diff is printed once its file is written, so the output is what changed.
 */
import { randomBytes } from "node:crypto";
import { lstat, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { syncSnapshot } from "../core/sync/sync-snapshot.js";
import { readGitHistory } from "../sources/git-history.js";
import { escapeControls } from "../render/sanitize.js";
import { editsPatch } from "../render/sync-patch.js";
import { describeFsError, readLocalSnapshot } from "../sources/local-source.js";
import { planInputMatcher } from "../sources/plan-inputs.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { SyncFlags } from "./command-line.js";
import type { CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath } from "./load-report.js";

/** Sync every plan under `target`; returns 0 (in sync, or written), 1 (drift shown) or 2. */
export async function runSync(target: string, flags: SyncFlags, io: CliIo): Promise<number> {
  const options = await loadOptions(flags, io);
  const label = displayPath(target);
  const snapshot = await readLocalSnapshot(path.resolve(io.cwd, target), {
    maxFileBytes: options.limits.maxFileBytes,
    maxJsonBytes: options.limits.maxJsonBytes,
    readContent: planInputMatcher(options.patterns),
    label,
  });
  let history: Map<string, string[]> | null = null;
  if (flags.times) {
    const found = await readGitHistory(snapshot.root, label);
    if (found.problem !== null) io.stderr(`parallel-plans: note: ${found.problem}\n`);
    history = found.files;
  }
  let plans = syncSnapshot(snapshot, options, new Map(), history);
  // A file PATH stands for the plan that holds it, as for `validate`.
  if (snapshot.focus !== null) plans = plans.filter((plan) => plan.dir === "");
  if (plans.length === 0) {
    throw new CliError(
      `no plan found in ${label}: a plan folder holds a parallel.json or a PLAN markdown`,
    );
  }

  let drift = false;
  let refused = false;
  for (const { file, outcome } of plans) {
    if (file === null || outcome === null) continue;
    const absolute = path.join(snapshot.root, ...file.split("/"));
    const shown = path.relative(io.cwd, absolute).split(path.sep).join("/");
    if (outcome.kind === "refused") {
      io.stderr(`parallel-plans: ${shown} not synced: ${outcome.reason}\n`);
      refused = true;
      continue;
    }
    for (const skip of outcome.skipped) {
      io.stderr(`parallel-plans: note: ${shown}: ${skip.id} left as written: ${skip.reason}\n`);
    }
    if (outcome.changes.length === 0) continue;
    drift = true;
    if (flags.write) {
      // A plan that cannot be written is named and left; the others are still written. Its diff
      // is not shown: with --write, the diffs are what was written.
      try {
        await writePlan(absolute, shown, outcome.text, outcome.newText, flags.backup === true, io);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        io.stderr(`parallel-plans: ${error.message}\n`);
        refused = true;
        continue;
      }
    }
    // The diff quotes parallel.json as written: controls and bidi characters are shown escaped.
    // Built from sync's own edits: a whole-text line diff is quadratic in the changes.
    io.stdout(
      escapeControls(
        editsPatch(`a/${shown}`, `b/${shown}`, outcome.text, outcome.newText, outcome.edits),
      ),
    );
  }
  if (flags.backup && !flags.write) {
    io.stderr("parallel-plans: note: --backup does nothing without --write\n");
  }
  if (refused) return EXIT_USAGE;
  return drift && !flags.write ? EXIT_FINDINGS : EXIT_OK;
}

/** Write one plan's synced text (after keeping a backup, when asked); throws a CliError. */
async function writePlan(
  file: string,
  shown: string,
  text: string,
  newText: string,
  backup: boolean,
  io: CliIo,
): Promise<void> {
  const target = await writeTarget(file, shown);
  if (backup) {
    await keepBackup(target, text, shown);
    io.stderr(`parallel-plans: note: the previous ${shown} is kept as ${shown}.bak\n`);
  }
  await writeAtomically(target, text, newText, shown);
}

/**
 * The file to write for `file`: itself, or the target of a symbolic link when that target lies
 * inside the plan folder (renaming over the link would replace it with a plain file, and a
 * target elsewhere is not ours to edit).
 */
async function writeTarget(file: string, shown: string): Promise<string> {
  const stats = await lstat(file).catch((error: unknown) => {
    throw new CliError(describeFsError(shown, error));
  });
  if (!stats.isSymbolicLink()) return file;
  const [target, folder] = await Promise.all([
    realpath(file).catch((error: unknown) => {
      throw new CliError(describeFsError(shown, error));
    }),
    realpath(path.dirname(file)),
  ]);
  const inside = path.relative(folder, target);
  if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside)) {
    throw new CliError(
      `${shown} is a symbolic link to a file outside its plan folder (${target}): not written; sync the target's own plan, or replace the link with a file`,
    );
  }
  return target;
}

/** The text synced from, kept beside the file as `<name>.bak` (replacing an older backup). */
async function keepBackup(file: string, text: string, shown: string): Promise<void> {
  const backup = `${file}.bak`;
  try {
    const stats = await lstat(backup).catch(() => null);
    if (stats?.isSymbolicLink()) {
      throw new CliError(`${shown}.bak is a symbolic link: not replaced; remove it first`);
    }
    await writeFile(backup, text);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      describeFsError(`${shown}.bak`, error).replace(/^cannot read/, "cannot write"),
    );
  }
}

/**
 * Replace `file` by `text` in one rename, so a reader never sees half a file, and only when the
 * file still holds what was synced (an editor saving in between is not overwritten).
 */
async function writeAtomically(
  file: string,
  expected: string,
  text: string,
  shown: string,
): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const [current, stats] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    if (current !== expected) {
      throw new CliError(`${shown} changed while it was being synced: run sync again`);
    }
    await writeFile(temp, text, { mode: stats.mode & 0o777, flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(shown, error).replace(/^cannot read/, "cannot write"));
  }
}
