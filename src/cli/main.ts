/**
 * The CLI's entry: builds the commander program, runs one command, and turns every failure into
 * one line on stderr ("parallel-plans: <message>") and an exit code — never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { CliError, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { registerGraphCommand } from "./graph-command.js";
import { processIo, withSafeStderr, type CliIo, type CommandContext } from "./io.js";
import { registerPromptCommand } from "./prompt-command.js";
import { registerStatusCommand } from "./status-command.js";
import { registerSyncCommand } from "./sync-command.js";
import { registerValidateCommand } from "./validate-command.js";
import { TOOL_VERSION } from "./version.js";

const NAME = "parallel-plans";

/**
 * Run the CLI on `argv` (as `process.argv`: node, script, then arguments) and return the exit
 * code: 0 no errors, 1 a plan is not ok, 2 usage or I/O error.
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  const io = withSafeStderr(rawIo);
  let exitCode = EXIT_OK;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync([...argv], { from: "node" });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function buildProgram(ctx: CommandContext): Command {
  // Settings made before .command() are inherited by every subcommand.
  const program = new Command(NAME)
    .description("Validate, visualise and fan out PLAN / SUBPLAN / EXECUTION plan folders.")
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout(text),
      writeErr: (text) => ctx.io.stderr(text),
      outputError: (text, write) => write(`${NAME}: ${oneLine(text.replace(/^error: /, ""))}\n`),
    });
  registerValidateCommand(program, ctx);
  registerStatusCommand(program, ctx);
  registerGraphCommand(program, ctx);
  registerPromptCommand(program, ctx);
  registerSyncCommand(program, ctx);
  return program;
}

function reportFailure(error: unknown, io: CliIo): number {
  // Commander has already printed its message (or the help) through configureOutput.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${NAME}: ${oneLine(message)}\n`);
  return error instanceof CliError ? error.exitCode : EXIT_USAGE;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
