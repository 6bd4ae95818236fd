/**
 * The one function both the CLI (`parallel-plans prompt`) and the app (`/parallel discover`,
 * `batch-subplans`, `batch-executions`) call: a plan report, its SUBPLAN texts, the templates and
 * the request in; the prompt (or the dry-run preview, or why neither) out. Pure.
 */
import type { PlanReport } from "../core/model.js";
import { cleanLine } from "./clean-text.js";
import { batchExecutionsView, batchSubplansView } from "./batch-views.js";
import { discoverView, inventory } from "./discover-view.js";
import { batchPreview, discoverPreview } from "./dry-run-preview.js";
import type { PromptInput, PromptNote, PromptOutcome } from "./prompt-types.js";
import { renderTemplate, TemplateError } from "./render-template.js";
import { selectLevel, type BatchKind, type LevelWork } from "./select-work.js";

const TITLES = {
  discover: "Parallel discovery",
  "batch-subplans": "Batch SUBPLAN creation",
  "batch-executions": "Batch EXECUTION creation",
} as const;

/** Build the prompt (or preview) a request asks for. Never throws for plan or template content. */
export function buildPrompt(input: PromptInput): PromptOutcome {
  const { plan, request } = input;
  const base = {
    kind: request.kind,
    plan: { name: plan.name, dir: plan.dir },
    prompt: null,
    preview: null,
    problem: null,
    notes: planNotes(plan, request),
  };
  if (request.kind === "discover") {
    const items = inventory(plan);
    const outcome = {
      ...base,
      level: null,
      covered: items.map((item) => item.id),
      title: `${TITLES.discover}: ${cleanLine(plan.name, 100)} (${items.length} achievements)`,
    };
    if (items.length === 0) {
      return {
        ...outcome,
        problem: {
          text: `no achievement found in the PLAN of ${cleanLine(plan.name, 100)}: write "Achievement N.N: Title" entries first`,
        },
      };
    }
    if (request.dryRun)
      return { ...outcome, preview: discoverPreview(plan, input.patterns, items) };
    return render(outcome, input, () => discoverView(plan, input.patterns));
  }

  const kind: BatchKind = request.kind;
  const unreadable = unreadableParallelJson(plan);
  if (unreadable !== null || (plan.summary.errors > 0 && request.force !== true)) {
    // Batch prompts act on levels and statuses: a plan with errors must be fixed first (the
    // app refuses to fan such a plan out too), unless the person insists with --force.
    return {
      ...base,
      notes: [],
      level: request.level,
      covered: [],
      title: `${TITLES[kind]}: ${cleanLine(plan.name, 100)}`,
      problem: { text: unreadable ?? refusal(plan) },
    };
  }
  const selection = selectLevel(plan, kind, request.level);
  if (!selection.ok) {
    return {
      ...base,
      level: request.level,
      covered: [],
      title: `${TITLES[kind]}: ${cleanLine(plan.name, 100)}`,
      problem: selection.problem,
    };
  }
  const work = selection.work;
  const outcome = {
    ...base,
    level: work.level.level,
    covered: work.targets.map((a) => a.id),
    title: `${TITLES[kind]}: level ${work.level.level} of ${cleanLine(plan.name, 100)} (${work.targets.length} of ${size(work)} achievements)`,
    notes: [...base.notes, ...workNotes(kind, work)],
  };
  if (work.targets.length === 0) {
    return { ...outcome, problem: nothingToDo(kind, work) };
  }
  if (request.dryRun)
    return { ...outcome, preview: batchPreview(plan, kind, work, input.patterns) };
  return render(outcome, input, () =>
    kind === "batch-subplans"
      ? batchSubplansView(plan, work, input.patterns)
      : batchExecutionsView(plan, work, input.patterns, input.subplans),
  );
}

function render(
  outcome: Omit<PromptOutcome, "prompt">,
  input: PromptInput,
  view: () => object,
): PromptOutcome {
  try {
    const text = renderTemplate(input.templates[input.request.kind], view());
    return { ...outcome, prompt: `${text.trimEnd()}\n` };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { ...outcome, prompt: null, problem: { text: error.message } };
  }
}

function size(work: LevelWork): number {
  return work.targets.length + work.existing.length + work.missing.length + work.settled.length;
}

/** "3 validation errors". */
function errorCount(plan: PlanReport): string {
  return `${plan.summary.errors} validation error${plan.summary.errors === 1 ? "" : "s"}`;
}

/** Why a batch prompt is refused on a plan with errors. */
function refusal(plan: PlanReport): string {
  return `${cleanLine(plan.name, 100)} has ${errorCount(plan)}: fix ${plan.summary.errors === 1 ? "it" : "them"} first (validate lists ${plan.summary.errors === 1 ? "it" : "them"}), or add --force to build the prompt anyway`;
}

/**
 * A parallel.json that exists but cannot be read (bad JSON, bad encoding, too large): said as
 * such, not as "no parallel.json", even with --force.
 */
function unreadableParallelJson(plan: PlanReport): string | null {
  if (plan.levels.length > 0) return null;
  const fault = plan.findings.find(
    (f) =>
      (f.rule === "json-syntax" || f.rule === "file-too-large" || f.rule === "schema") &&
      f.file.endsWith("parallel.json"),
  );
  if (!fault) return null;
  return `the parallel.json of ${cleanLine(plan.name, 100)} is not usable (line ${fault.line}, column ${fault.column}: ${cleanLine(fault.message, 300)}): fix it first (validate shows where)`;
}

/** A plan with errors gets a discovery prompt, and a batch prompt with --force: said, with a warning. */
function planNotes(plan: PlanReport, request: PromptInput["request"]): PromptNote[] {
  if (plan.summary.errors === 0) return [];
  if (request.kind !== "discover") {
    return [
      {
        text: `--force: built despite ${errorCount(plan)} in ${cleanLine(plan.name, 100)}; its levels and statuses may be wrong (see validate)`,
      },
    ];
  }
  return [
    {
      text: `${cleanLine(plan.name, 100)} has ${errorCount(plan)}: its levels and statuses may be wrong (see validate)`,
    },
  ];
}

/** Partial success, said: what the batch leaves out and what to do about it. */
function workNotes(kind: BatchKind, work: LevelWork): PromptNote[] {
  const level = work.level.level;
  const ids = (list: LevelWork["targets"]) => list.map((a) => cleanLine(a.id, 20)).join(", ");
  const notes: PromptNote[] = [];
  if (work.missing.length > 0 && work.targets.length > 0) {
    notes.push({
      text: `partial: ${work.missing.length} achievement${work.missing.length === 1 ? "" : "s"} of level ${level} ${work.missing.length === 1 ? "has" : "have"} no SUBPLAN yet and ${work.missing.length === 1 ? "is" : "are"} not in this prompt (${ids(work.missing)}); create ${work.missing.length === 1 ? "it" : "them"} with the batch SUBPLAN prompt, then run this one again for ${work.missing.length === 1 ? "it" : "them"}`,
      next: { kind: "batch-subplans", level },
    });
  }
  if (work.existing.length > 0) {
    const what = kind === "batch-subplans" ? "a SUBPLAN" : "an EXECUTION_TASK";
    notes.push({
      text: `already ${work.existing.length === 1 ? "has" : "have"} ${what}, left out: ${ids(work.existing)}`,
    });
  }
  return notes;
}

function nothingToDo(kind: BatchKind, work: LevelWork): PromptNote {
  const level = work.level.level;
  if (work.missing.length > 0) {
    return {
      text: `no achievement of level ${level} has a SUBPLAN without an EXECUTION_TASK; ${work.missing.map((a) => cleanLine(a.id, 20)).join(", ")} need${work.missing.length === 1 ? "s" : ""} a SUBPLAN first`,
      next: { kind: "batch-subplans", level },
    };
  }
  if (work.existing.length > 0 && kind === "batch-subplans") {
    return {
      text: `every open achievement of level ${level} already has a SUBPLAN`,
      next: { kind: "batch-executions", level },
    };
  }
  if (work.existing.length > 0) {
    return { text: `every open achievement of level ${level} already has an EXECUTION_TASK` };
  }
  return {
    text: `every achievement of level ${level} is complete, skipped or failed: nothing to prepare`,
  };
}
