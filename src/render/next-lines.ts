/**
 * The words of the "what next" menu, shared by the terminal, the app's reply and the check
 * summary: one headline per choice, its detail lines, and the command that carries it out on
 * each surface (`parallel-plans …` locally, `/parallel …` in a comment). Plan text is passed
 * through `clean` (the caller's escaping: terminal-safe or markdown-safe); a path or plan name in
 * a command is quoted as the shell and the slash-command parser read it (`commandWord`).
 */
import { formatHours } from "../core/estimate.js";
import { commandWord } from "./command-word.js";
import type { NextChoice, NextRef } from "../core/next/next-types.js";
import type { HourRange } from "../core/types.js";
import { capList, plural } from "./format.js";
import { STATUS_WORDS } from "./status-style.js";

/** Where the commands will be typed. */
export type NextSurface =
  { kind: "cli"; path: string } | { kind: "app"; plan: string; withPlan: boolean };

/** One choice, worded. */
export interface ChoiceLines {
  headline: string;
  details: string[];
  /** The command that carries the choice out, or null when it is an edit by hand. */
  command: string | null;
}

/** Ids listed in one line before "+N more". */
const MAX_IDS = 20;

/** The headline, details and command of a choice. */
export function choiceLines(
  choice: NextChoice,
  surface: NextSurface,
  clean: (text: string, max: number) => string,
): ChoiceLines {
  const ids = (refs: readonly NextRef[]) =>
    capList(
      refs.map((r) => clean(r.id, 20)),
      MAX_IDS,
    );
  switch (choice.kind) {
    case "fix-errors":
      return {
        headline: `Fix ${plural(choice.errors, "validation error")} first: batch prompts refuse a plan with errors`,
        details: [],
        command:
          surface.kind === "cli"
            ? `parallel-plans validate ${commandWord(surface.path)}`
            : appCommand("validate", surface),
      };
    case "discover":
      return {
        headline: "Write parallel.json: the plan has a PLAN but no parallel.json yet",
        details: [],
        command: promptCommand("discover", null, surface),
      };
    case "create-subplans":
      return {
        headline: `Create SUBPLANs for level ${choice.level} (${choice.missing.length} missing: ${ids(choice.missing)})`,
        details: [],
        command: promptCommand("batch-subplans", choice.level, surface),
      };
    case "create-executions": {
      const details =
        choice.waitingForSubplan.length > 0
          ? [`left out until they have a SUBPLAN: ${ids(choice.waitingForSubplan)}`]
          : [];
      return {
        headline: `Create EXECUTIONs for level ${choice.level} (${choice.ready.length} ready: ${ids(choice.ready)})`,
        details,
        command: promptCommand("batch-executions", choice.level, surface),
      };
    }
    case "execute-level": {
      const mode = choice.parallel
        ? `in parallel (up to ${plural(choice.lanes, "executor")})`
        : "one after another (sequential level)";
      const open = choice.achievements.length + choice.notYet.length;
      const time = choice.parallel
        ? `estimated ${hours(choice.wall)} wall time for its ${plural(open, "open achievement")} vs ${hours(choice.sequential)} one after another`
        : `estimated ${hours(choice.sequential)} for its ${plural(open, "open achievement")}`;
      const details = [time];
      if (choice.notYet.length > 0) details.push(`not startable yet: ${ids(choice.notYet)}`);
      if (choice.unestimated.length > 0) {
        details.push(
          `no estimate for ${capList(
            choice.unestimated.map((id) => clean(id, 20)),
            MAX_IDS,
          )}`,
        );
      }
      return {
        headline: `Execute level ${choice.level} ${mode}: ${ids(choice.achievements)} can start now`,
        details,
        command: surface.kind === "app" ? appCommand("assign", surface, choice.level) : null,
      };
    }
    case "recover": {
      const a = choice.achievement;
      const name = clean(a.id, 20);
      const { retry, skip, sequential } = choice;
      const retryFiles =
        retry.executions.length > 0
          ? `, then run ${capList(
              retry.executions.map((f) => clean(f, 200)),
              3,
            )} again (or add a new EXECUTION_TASK)`
          : ", then write its EXECUTION_TASK";
      const retryLine = `retry: set its status from failed to ${STATUS_WORDS[retry.resetTo]} (what its files show)${retryFiles}${retry.estimate ? `; about ${hours(retry.estimate)}` : ""}`;
      const skipWhat =
        skip.unblocks.length > 0
          ? `${ids(skip.unblocks)} become${skip.unblocks.length === 1 ? "s" : ""} ready`
          : "nothing new becomes ready";
      const dependents =
        skip.dependents.length > 0
          ? `; ${capList(
              skip.dependents.map((id) => clean(id, 20)),
              MAX_IDS,
            )} go${skip.dependents.length === 1 ? "es" : ""} on without its output`
          : "";
      const skipLine = `skip: set its status to skipped: ${skipWhat}${dependents}`;
      const extra = sequential.extra.max > 0 || sequential.extra.min > 0;
      const seqLine = `go sequential: one executor does ${capList(
        sequential.achievements.map((id) => clean(id, 20)),
        MAX_IDS,
      )} one after another: ${hours(sequential.sequential)}${extra ? ` instead of ${hours(sequential.planned)} (${hours(sequential.extra)} more)` : " (no extra time: the level is sequential already)"}`;
      return {
        headline: `Recover ${name} ${clean(a.title, 80)} (failed, level ${choice.level})`,
        details: [retryLine, skipLine, seqLine],
        command: null,
      };
    }
  }
}

/** "3.1 (not started), 2.3 (in progress)". */
export function waitingText(
  refs: readonly NextRef[],
  clean: (text: string, max: number) => string,
): string {
  return refs.length === 0
    ? "its dependencies"
    : capList(
        refs.map((r) => `${clean(r.id, 20)} (${STATUS_WORDS[r.status]})`),
        MAX_IDS,
      );
}

function hours(range: HourRange): string {
  return formatHours(range);
}

function promptCommand(
  kind: "discover" | "batch-subplans" | "batch-executions",
  level: number | null,
  surface: NextSurface,
): string {
  if (surface.kind === "app") return appCommand(kind, surface, level);
  return `parallel-plans prompt ${kind} ${commandWord(surface.path)}${level === null ? "" : ` --level ${level}`}`;
}

function appCommand(
  name: string,
  surface: Extract<NextSurface, { kind: "app" }>,
  level: number | null = null,
): string {
  const parts = [`/parallel ${name}`];
  if (surface.withPlan) parts.push(`--plan ${commandWord(surface.plan)}`);
  if (level !== null) parts.push(`--level ${level}`);
  return parts.join(" ");
}
