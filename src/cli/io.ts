/**
 * Everything the CLI touches outside its arguments, injected so tests run `main()` in-process:
 * output streams, whether stdout is a terminal, the environment and the working directory.
 */
import { escapeControls } from "../render/sanitize.js";
import { EXIT_USAGE } from "./exit-codes.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdout is a terminal (colour is then allowed). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Folder that relative PATHs and `--config` are resolved against. */
  cwd: string;
  /**
   * Asks the person at the terminal to pick one item (`parallel-plans next`); absent when stdin
   * or stdout is not a terminal, and then commands print lists instead of asking.
   */
  menu?: MenuPrompt;
}

/** One item of an interactive menu. */
export interface MenuItem {
  name: string;
  value: number;
  description?: string;
}

/** Shows `items` and resolves to the value of the one chosen (rejects when cancelled). */
export type MenuPrompt = (config: { message: string; choices: MenuItem[] }) => Promise<number>;

/** What a command needs from `main`: the world, and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

/**
 * `io` whose stderr shows controls and bidi characters escaped: error lines and notes quote ids,
 * titles and folder names from plans, and stderr is a terminal more often than not.
 */
export function withSafeStderr(io: CliIo): CliIo {
  return { ...io, stderr: (text) => io.stderr(escapeControls(text)) };
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: closedPipeSafe(process.stdout, (error) => {
      process.stderr.write(`parallel-plans: cannot write the output: ${error.message}\n`);
      process.exit(EXIT_USAGE);
    }),
    stderr: closedPipeSafe(process.stderr, () => undefined),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    // stdout first: reading `process.stdin` sets up the stdin stream, which a run whose output
    // goes to a pipe or a file (hooks, CI, editors) never needs.
    ...(process.stdout.isTTY === true && process.stdin.isTTY === true
      ? { menu: terminalMenu }
      : {}),
  };
}

/**
 * Writes to `stream`, ending quietly when its reader goes away: output piped into `head -1` gets
 * EPIPE once head exits, which Node emits as an 'error' event, and an unhandled one ends the
 * process with a stack trace. After EPIPE the rest of the output is dropped and the command
 * finishes (a `sync --write` still writes every plan), exiting with its own code. Any other
 * write error goes to `onFailure`.
 */
export function closedPipeSafe(
  stream: NodeJS.WritableStream,
  onFailure: (error: NodeJS.ErrnoException) => void,
): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code !== "EPIPE") onFailure(error);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** @inquirer/select on the real terminal, loaded only when a menu is shown (CLI startup stays small). */
const terminalMenu: MenuPrompt = async (config) => {
  const { default: select } = await import("@inquirer/select");
  return select({ ...config, pageSize: 12 });
};

/**
 * Colour on a terminal only. `NO_COLOR` (https://no-color.org) turns it off, `FORCE_COLOR` turns
 * it on even when piped; NO_COLOR wins when both are set, as in picocolors.
 */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return io.isTTY && io.env.TERM !== "dumb";
}

/** Print a rendered document on stdout, ending with exactly one newline. */
export function printDocument(io: CliIo, text: string): void {
  io.stdout(text.endsWith("\n") ? text : `${text}\n`);
}
