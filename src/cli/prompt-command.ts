/**
 * `parallel-plans prompt discover|batch-subplans|batch-executions PATH`: the batch prompts of the
 * methodology, printed on stdout — the same text `/parallel …` posts in a comment (both call
 * `buildPrompt`). Notes (partial success, plan errors) go to stderr so stdout stays a clean prompt.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { PlanReport } from "../core/model.js";
import { buildPrompt } from "../prompts/build-prompt.js";
import { commandWord } from "../render/command-word.js";
import {
  PROMPT_KINDS,
  type PromptKind,
  type PromptNote,
  type PromptTemplates,
} from "../prompts/prompt-types.js";
import { defaultTemplates, templateFileName, withOverrides } from "../prompts/templates.js";
import { describeFsError } from "../sources/local-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK } from "./exit-codes.js";
import type { PromptFlags } from "./command-line.js";
import { printDocument, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { displayPath, loadReport } from "./load-report.js";

/**
 * Print the prompt (or preview); exit 1 when there is nothing to prompt for or the plan has
 * errors (without `--force`), 2 when `--level` names no level of the plan.
 */
export async function runPrompt(
  kind: PromptKind,
  target: string,
  flags: PromptFlags,
  io: CliIo,
): Promise<number> {
  const options = await loadOptions(flags, io);
  const report = await loadReport([target], options, io);
  const [plan, ...others] = report.plans;
  if (!plan || others.length > 0) {
    const dirs = report.plans.map((p) => p.dir).join(", ");
    throw new CliError(
      `${displayPath(target)} holds ${report.plans.length} plans (${dirs}); give one plan folder`,
    );
  }
  if (flags.level !== undefined && kind !== "discover" && plan.levels.length > 0) {
    if (!plan.levels.some((l) => l.level === flags.level)) {
      const known = plan.levels.map((l) => l.level).join(", ");
      throw new CliError(`${plan.name} has no level ${flags.level} (its levels: ${known})`);
    }
  }
  const outcome = buildPrompt({
    plan,
    subplans:
      kind === "batch-executions"
        ? await readSubplans(plan, io, options.limits.maxFileBytes)
        : new Map(),
    templates: await loadTemplates(flags.templates, io),
    patterns: options.patterns,
    request: {
      kind,
      level: flags.level ?? null,
      dryRun: flags.dryRun === true,
      force: flags.force === true,
    },
  });
  const hint = (note: PromptNote) =>
    note.next
      ? ` (next: parallel-plans prompt ${note.next.kind} ${commandWord(displayPath(target))}${note.next.level === null ? "" : ` --level ${note.next.level}`})`
      : "";
  for (const note of outcome.notes) io.stderr(`parallel-plans: note: ${note.text}${hint(note)}\n`);
  if (outcome.problem) {
    io.stderr(`parallel-plans: ${outcome.problem.text}${hint(outcome.problem)}\n`);
    return EXIT_FINDINGS;
  }
  printDocument(io, outcome.prompt ?? outcome.preview ?? "");
  return EXIT_OK;
}

/** The SUBPLAN texts of the plan's open achievements (paths are relative to the working folder). */
async function readSubplans(
  plan: PlanReport,
  io: CliIo,
  maxBytes: number,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const a of plan.achievements) {
    const file = a.files.subplan;
    if (file === null || a.status === "complete" || a.status === "skipped") continue;
    const bytes = await readFile(path.resolve(io.cwd, file)).catch((error: unknown) => {
      throw new CliError(describeFsError(file, error));
    });
    if (bytes.length <= maxBytes) texts.set(file, bytes.toString("utf8"));
  }
  return texts;
}

/** The shipped templates, with the overrides found in `--templates DIR`. */
async function loadTemplates(dir: string | undefined, io: CliIo): Promise<PromptTemplates> {
  const base = defaultTemplates();
  if (dir === undefined) return base;
  const folder = path.resolve(io.cwd, dir);
  const isFolder = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new CliError(`cannot read templates ${displayPath(dir)}: not a folder`);
  const files = new Map<string, string>();
  for (const kind of PROMPT_KINDS) {
    const name = templateFileName(kind);
    try {
      files.set(name, await readFile(path.join(folder, name), "utf8"));
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") continue;
      throw new CliError(describeFsError(`${displayPath(dir)}/${name}`, error));
    }
  }
  return withOverrides(base, files, displayPath(dir));
}
