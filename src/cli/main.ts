/**
 * The CLI's entry: builds the commander program, runs one command, and turns every failure into
 * one line on stderr ("parallel-plans: <message>") and an exit code — never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { registerCommands } from "./command-line.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { processIo, withSafeStderr, type CliIo, type CommandContext } from "./io.js";
import { TOOL_VERSION } from "./version.js";

const NAME = "parallel-plans";

/**
 * Run the CLI on `argv` (as `process.argv`: node, script, then arguments) and return the exit
 * code: 0 no errors, 1 a plan is not ok, 2 usage or I/O error.
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  const io = withSafeStderr(rawIo);
  let exitCode = EXIT_OK;
  try {
    const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
    await program.parseAsync([...argv], { from: "node" });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/**
 * The program with every command declared. Declaring them costs only commander: a command's code
 * (the core, the renderers, their libraries) loads when it runs, so `--help`, `--version` and a
 * usage error load nothing else.
 */
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
  registerCommands(program, ctx);
  registerHelpCommand(program);
  return program;
}

/**
 * `help [command]`, replacing commander's built-in one, which prints the full help with exit 0
 * for a command that does not exist: a typo must say so (exit 2), like `parallel-plans nonexistent`.
 */
function registerHelpCommand(program: Command): void {
  program.helpCommand(false);
  program
    .command("help")
    .description("display help for command")
    .argument("[command]", "the command to explain")
    .action((name: string | undefined) => {
      if (name === undefined) program.help();
      const command = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (!command) {
        program.error(`unknown command '${name}': see 'parallel-plans --help' for the commands`, {
          exitCode: EXIT_USAGE,
          code: "commander.unknownCommand",
        });
      }
      command.help();
    });
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
