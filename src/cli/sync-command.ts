/**
 * `parallel-plans sync PATH [--write]`: make parallel.json agree with the files (filesystem first).
 * Prints a unified diff per plan that drifts and exits 1, or 0 when nothing drifts; `--write`
 * writes the files (temp file + rename in the same folder) and exits 0. A parallel.json that
 * cannot be edited safely gets one line on stderr and exit 2, after the other plans are done.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { syncSnapshot } from "../core/sync/sync-snapshot.js";
import { escapeControls } from "../render/sanitize.js";
import { describeFsError, readLocalSnapshot } from "../sources/local-source.js";
import { planInputMatcher } from "../sources/plan-inputs.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo, CommandContext } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath } from "./load-report.js";

export interface SyncFlags {
  write?: boolean;
  config?: string;
}

/** Adds `sync PATH [--write] [--config FILE]` to the program. */
export function registerSyncCommand(program: Command, ctx: CommandContext): void {
  program
    .command("sync")
    .description("make parallel.json statuses and paths agree with the files (prints a diff)")
    .argument("<path>", "a plan folder, or a folder above plans")
    .option("--write", "write the changes into parallel.json instead of failing on them")
    .option("--config <file>", "apply a repository config (.github/parallel-plans.yml)")
    .action(async (target: string, flags: SyncFlags) => {
      ctx.setExitCode(await runSync(target, flags, ctx.io));
    });
}

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
  let plans = syncSnapshot(snapshot, options);
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
    // The diff quotes parallel.json as written: controls and bidi characters are shown escaped.
    io.stdout(
      escapeControls(
        createTwoFilesPatch(
          `a/${shown}`,
          `b/${shown}`,
          outcome.text,
          outcome.newText,
          undefined,
          undefined,
          {
            headerOptions: FILE_HEADERS_ONLY,
          },
        ),
      ),
    );
    if (flags.write) await writeAtomically(absolute, outcome.text, outcome.newText, shown);
  }
  if (refused) return EXIT_USAGE;
  return drift && !flags.write ? EXIT_FINDINGS : EXIT_OK;
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
