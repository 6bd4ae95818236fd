/** `parallel-plans status [PATH...]`: levels, statuses, the ready set and time figures. */
import { Option, type Command } from "commander";
import { renderStatusJson } from "../render/json.js";
import { renderStatusText } from "../render/text.js";
import { EXIT_FINDINGS, exitCodeFor } from "./exit-codes.js";
import { printDocument, useColor, type CliIo, type CommandContext } from "./io.js";
import { loadOptions } from "./load-options.js";
import { loadReport } from "./load-report.js";
import { unusablePlanReason } from "./unusable-plan.js";

export const STATUS_FORMATS = ["text", "json"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export interface StatusFlags {
  format: StatusFormat;
  config?: string;
}

export function registerStatusCommand(program: Command, ctx: CommandContext): void {
  program
    .command("status")
    .description("show levels, statuses (files first), what is ready and the time figures")
    .argument("[path...]", "plan folders, or folders above plans", ["."])
    .addOption(
      new Option("--format <format>", "output format").choices(STATUS_FORMATS).default("text"),
    )
    .option("--config <file>", "apply a repository config (.github/parallel-plans.yml)")
    .action(async (paths: string[], flags: StatusFlags) => {
      ctx.setExitCode(await runStatus(paths, flags, ctx.io));
    });
}

/**
 * Print the status on stdout; the exit code follows the findings, as for `validate`. A plan
 * without a usable parallel.json has no status: it is named on stderr instead, and the exit code
 * is 1.
 */
export async function runStatus(
  paths: readonly string[],
  flags: StatusFlags,
  io: CliIo,
): Promise<number> {
  const loaded = await loadReport(paths, await loadOptions(flags, io), io);
  const unusable = loaded.plans.map(unusablePlanReason);
  const report = { plans: loaded.plans.filter((_, i) => unusable[i] === null) };
  if (report.plans.length > 0 || flags.format === "json") {
    printDocument(
      io,
      flags.format === "json"
        ? renderStatusJson(report)
        : renderStatusText(report, { color: useColor(io) }),
    );
  }
  for (const reason of unusable) if (reason !== null) io.stderr(`parallel-plans: ${reason}\n`);
  return unusable.some((reason) => reason !== null) ? EXIT_FINDINGS : exitCodeFor(report, false);
}
