/**
 * The CLI's entry: builds the commander program, runs one command, and turns every failure into
 * one line on stderr ("parallel-plans: <message>") and an exit code — never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { CliError, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { processIo, withSafeStderr, type CliIo, type CommandContext } from "./io.js";
import { TOOL_VERSION } from "./version.js";

const NAME = "parallel-plans";

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Every command, in help order, loaded on demand: a run loads only the command it names (with
 * what that command imports), so `validate` never loads the prompt templates, the diff library or
 * the YAML parser it does not use. Help and unknown commands load them all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  validate: async () => (await import("./validate-command.js")).registerValidateCommand,
  status: async () => (await import("./status-command.js")).registerStatusCommand,
  graph: async () => (await import("./graph-command.js")).registerGraphCommand,
  prompt: async () => (await import("./prompt-command.js")).registerPromptCommand,
  sync: async () => (await import("./sync-command.js")).registerSyncCommand,
  next: async () => (await import("./next-command.js")).registerNextCommand,
  report: async () => (await import("./report-command.js")).registerReportCommand,
};

/**
 * Run the CLI on `argv` (as `process.argv`: node, script, then arguments) and return the exit
 * code: 0 no errors, 1 a plan is not ok, 2 usage or I/O error.
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  const io = withSafeStderr(rawIo);
  let exitCode = EXIT_OK;
  try {
    const program = await buildProgram(argv.slice(2), {
      io,
      setExitCode: (code) => (exitCode = code),
    });
    await program.parseAsync([...argv], { from: "node" });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function buildProgram(args: readonly string[], ctx: CommandContext): Promise<Command> {
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
  const named = args[0] !== undefined && Object.hasOwn(COMMANDS, args[0]) ? args[0] : null;
  const wanted = named === null ? Object.keys(COMMANDS) : [named];
  // One import after another: commands share modules, and loading them all at once gains nothing
  // measurable while Jest's ESM loader fails on concurrent first loads of one module.
  for (const name of wanted) {
    const register = await (COMMANDS[name] as () => Promise<Register>)();
    register(program, ctx);
  }
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
