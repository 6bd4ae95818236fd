/**
 * Every command as the command line sees it: its arguments, options, choices and help text. The
 * code that runs a command (`*-command.ts`, with the core, the renderers and their libraries) is
 * imported only when that command runs, so `--help`, `--version` and a usage error load nothing
 * but commander and this file.
 */
import { Argument, Option, type Command } from "commander";
import { PROMPT_KINDS, type PromptKind } from "../prompts/prompt-types.js";
import { CliError } from "./exit-codes.js";
import type { CommandContext } from "./io.js";

export const VALIDATE_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** The options of `parallel-plans validate`. */
export interface ValidateFlags {
  format: ValidateFormat;
  strict?: boolean;
  config?: string;
}

export const STATUS_FORMATS = ["text", "json"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** The options of `parallel-plans status`. */
export interface StatusFlags {
  format: StatusFormat;
  config?: string;
}

export const GRAPH_FORMATS = ["mermaid", "dot"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The options of `parallel-plans graph`. */
export interface GraphFlags {
  format: GraphFormat;
  config?: string;
}

/** The options of `parallel-plans prompt`. */
export interface PromptFlags {
  level?: number;
  dryRun?: boolean;
  force?: boolean;
  config?: string;
  templates?: string;
}

/** The options of `parallel-plans sync`. */
export interface SyncFlags {
  write?: boolean;
  backup?: boolean;
  times?: boolean;
  config?: string;
}

export const NEXT_FORMATS = ["text", "json"] as const;
export type NextFormat = (typeof NEXT_FORMATS)[number];

/** The options of `parallel-plans next`. */
export interface NextFlags {
  /** Unset: a menu on a terminal, else text. */
  format?: NextFormat;
  config?: string;
  templates?: string;
}

export const REPORT_FORMATS = ["text", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The options of `parallel-plans report`. */
export interface ReportFlags {
  format: ReportFormat;
  config?: string;
}

const PATHS_HELP = "plan folders, or folders above plans";
const CONFIG_HELP = "apply a repository config (.github/parallel-plans.yml)";

/** Adds every command to `program`, in help order. */
export function registerCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command("validate")
    .description("check plan folders: schema, dependencies, levels, files and statuses")
    .argument("[path...]", PATHS_HELP, ["."])
    .addOption(
      new Option("--format <format>", "output format").choices(VALIDATE_FORMATS).default("text"),
    )
    .option("--strict", "fail (exit 1) on warnings too")
    .option("--config <file>", CONFIG_HELP)
    .action(async (paths: string[], flags: ValidateFlags) => {
      const { runValidate } = await import("./validate-command.js");
      ctx.setExitCode(await runValidate(paths, flags, io));
    });

  program
    .command("status")
    .description("show levels, statuses (files first), what is ready and the time figures")
    .argument("[path...]", PATHS_HELP, ["."])
    .addOption(
      new Option("--format <format>", "output format").choices(STATUS_FORMATS).default("text"),
    )
    .option("--config <file>", CONFIG_HELP)
    .action(async (paths: string[], flags: StatusFlags) => {
      const { runStatus } = await import("./status-command.js");
      ctx.setExitCode(await runStatus(paths, flags, io));
    });

  program
    .command("graph")
    .description("print one plan's dependency graph")
    .argument("<path>", "a plan folder (or its parallel.json)")
    .addOption(
      new Option("--format <format>", "graph language").choices(GRAPH_FORMATS).default("mermaid"),
    )
    .option("--config <file>", CONFIG_HELP)
    .action(async (target: string, flags: GraphFlags) => {
      const { runGraph } = await import("./graph-command.js");
      ctx.setExitCode(await runGraph(target, flags, io));
    });

  program
    .command("prompt")
    .description(
      "print a batch prompt: parallel discovery, batch SUBPLAN or batch EXECUTION creation",
    )
    .addArgument(new Argument("<kind>", "which prompt").choices(PROMPT_KINDS))
    .argument("<path>", "a plan folder")
    .option(
      "--level <n>",
      "the level to prepare (default: the next ready level with work left)",
      parseLevel,
    )
    .option("--dry-run", "preview what the prompt would create, without the prompt")
    .option("--force", "build a batch prompt even though the plan has validation errors")
    .option("--config <file>", CONFIG_HELP)
    .option("--templates <dir>", "use the templates in DIR (as .github/parallel-plans/templates/)")
    .action(async (kind: PromptKind, target: string, flags: PromptFlags) => {
      const { runPrompt } = await import("./prompt-command.js");
      ctx.setExitCode(await runPrompt(kind, target, flags, io));
    });

  program
    .command("sync")
    .description("make parallel.json statuses and paths agree with the files (prints a diff)")
    .argument("<path>", "a plan folder, or a folder above plans")
    .option("--write", "write the changes into parallel.json instead of failing on them")
    .option("--backup", "with --write: keep the previous file as parallel.json.bak beside it")
    .option(
      "--times",
      "also fill missing started_at / completed_at from git history (EXECUTION_TASK and APPROVED commits)",
    )
    .option("--config <file>", CONFIG_HELP)
    .action(async (target: string, flags: SyncFlags) => {
      const { runSync } = await import("./sync-command.js");
      ctx.setExitCode(await runSync(target, flags, io));
    });

  program
    .command("next")
    .description(
      "what can be done now: SUBPLANs, EXECUTIONs, levels to execute, recovery of failures (a menu on a terminal)",
    )
    .argument("[path...]", PATHS_HELP, ["."])
    .addOption(
      new Option("--format <format>", "print the list in this format instead of asking").choices(
        NEXT_FORMATS,
      ),
    )
    .option("--config <file>", CONFIG_HELP)
    .option("--templates <dir>", "use the templates in DIR for the prompt chosen")
    .action(async (paths: string[], flags: NextFlags) => {
      const { runNext } = await import("./next-command.js");
      ctx.setExitCode(await runNext(paths, flags, io));
    });

  program
    .command("report")
    .description("estimated vs actual time (from git history), realised parallel saving, accuracy")
    .argument("[path...]", PATHS_HELP, ["."])
    .addOption(
      new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("text"),
    )
    .option("--config <file>", CONFIG_HELP)
    .action(async (paths: string[], flags: ReportFlags) => {
      const { runReport } = await import("./report-command.js");
      ctx.setExitCode(await runReport(paths, flags, io));
    });
}

function parseLevel(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new CliError(`--level takes a level number, not "${value}"`);
  return Number(value);
}
