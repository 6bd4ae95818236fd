/**
 * One command line (`/parallel batch-subplans --level 3 --dry-run`) → a command with its
 * arguments, an unknown command (answered with the help) or a usage problem (answered with the
 * command's usage). Words are split as a shell splits them, quotes included (`--plan "MY PLAN"`);
 * options are read by node's own `parseArgs`; what each command accepts comes from the registry.
 */
import { parseArgs } from "node:util";
import type { CommandName } from "../core/config.js";
import { findCommand, type CommandSpec } from "./registry.js";

/** What a command was given besides its name. */
export interface CommandArgs {
  plan: string | null;
  level: number | null;
  dryRun: boolean;
  /** Build a batch prompt despite validation errors. */
  force: boolean;
  /** Achievement ids given as arguments (assign, claim, unclaim). */
  ids: string[];
  /** Logins given as `@user`, without the `@`. */
  users: string[];
  /** help: the command asked about. */
  topic: CommandName | null;
}

/** A parsed command line: a command, an unknown name, or a usage problem. */
export type ParsedCommand =
  | { kind: "command"; line: string; spec: CommandSpec; args: CommandArgs }
  | { kind: "unknown"; line: string; name: string }
  | { kind: "usage"; line: string; spec: CommandSpec; problem: string };

/** Command lines longer than this are not typed by people. */
const MAX_LINE_CHARS = 500;
const MAX_TOKENS = 30;
const ID_RE = /^\d{1,6}\.\d{1,6}$/;
/** GitHub logins: alphanumerics and single inner hyphens, at most 39 characters. */
const USER_RE = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/;
/**
 * A plan folder's name, or its path from the repository root: no controls, backslashes or `..`,
 * and no blank but the space (a name with spaces is given in quotes).
 */
const PLAN_RE = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))(?:[^\\\s\p{Cc}]| ){1,300}$/u;

const OPTIONS = {
  plan: { type: "string" },
  level: { type: "string" },
  "dry-run": { type: "boolean" },
  force: { type: "boolean" },
} as const;

/** Parse a line found by `findCommandLines`. */
export function parseCommand(line: string): ParsedCommand {
  const { words: tokens, open } = splitWords(line.slice("/parallel".length));
  const name = (tokens[0] ?? "help").toLowerCase();
  const spec = findCommand(name);
  if (!spec) return { kind: "unknown", line, name: tokens[0] ?? "" };
  const usage = (problem: string): ParsedCommand => ({ kind: "usage", line, spec, problem });
  if (line.length > MAX_LINE_CHARS || tokens.length > MAX_TOKENS) {
    return usage(`the command is too long (at most ${MAX_TOKENS} words)`);
  }
  if (open !== null) return usage(`a quote (${open}) is not closed`);

  let parsed: ReturnType<
    typeof parseArgs<{
      options: typeof OPTIONS;
      tokens: true;
      allowPositionals: true;
      strict: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: tokens.slice(1),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    return usage(describeParseError(error));
  }
  const given = parsed.tokens.filter((t) => t.kind === "option").map((t) => t.name);
  const repeated = given.find((option, i) => given.indexOf(option) !== i);
  if (repeated) return usage(`--${repeated} is given twice`);
  const foreign = given.find((option) => !spec.options.includes(option as never));
  if (foreign) return usage(`/parallel ${spec.name} takes no --${foreign}`);

  const { plan, level } = parsed.values;
  if (plan !== undefined && !PLAN_RE.test(plan))
    return usage(`--plan takes a plan folder's name or path, not "${plan}"`);
  if (level !== undefined && !/^\d{1,6}$/.test(level))
    return usage(`--level takes a level number, not "${level}"`);

  const args: CommandArgs = {
    plan: plan ?? null,
    level: level === undefined ? null : Number(level),
    dryRun: parsed.values["dry-run"] === true,
    force: parsed.values.force === true,
    ids: [],
    users: [],
    topic: null,
  };
  const problem = readPositionals(spec, parsed.positionals, args);
  return problem === null ? { kind: "command", line, spec, args } : usage(problem);
}

/**
 * The words of a command line, split as a POSIX shell splits them (without its expansions):
 * blanks separate words, and `"…"` or `'…'` keep what they enclose, blanks included, in the word
 * (`--plan "MY PLAN"`, and the `'"'"'` the app's suggestions write for a quote in a name).
 * A backslash is an ordinary character (a plan path has none). `open` is the quote left open.
 */
function splitWords(text: string): { words: string[]; open: string | null } {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= "";
    } else if (/\s/u.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (word !== null) words.push(word);
  return { words, open: quote };
}

/** Fill ids, users or topic from the positionals the command accepts; a problem otherwise. */
function readPositionals(
  spec: CommandSpec,
  positionals: string[],
  args: CommandArgs,
): string | null {
  switch (spec.positionals) {
    case "none":
      return positionals.length === 0
        ? null
        : `/parallel ${spec.name} takes no argument "${positionals[0]}"`;
    case "topic": {
      if (positionals.length > 1) return "ask about one command at a time";
      const topic = positionals[0];
      if (topic === undefined) return null;
      const found = findCommand(topic.toLowerCase());
      if (!found) return `there is no command "${topic}"`;
      args.topic = found.name;
      return null;
    }
    case "ids-and-users":
    case "one-id":
      for (const value of positionals) {
        const user = USER_RE.exec(value);
        if (user?.[1] && spec.positionals === "ids-and-users") args.users.push(user[1]);
        else if (ID_RE.test(value)) args.ids.push(value);
        else
          return `"${value}" is neither an achievement id (like 3.1)${spec.positionals === "ids-and-users" ? " nor a @user" : ""}`;
      }
      // No id: the issue commented on says which achievement (checked when answering).
      if (spec.positionals === "one-id" && args.ids.length > 1)
        return `/parallel ${spec.name} takes one achievement id (like 3.1)`;
      return null;
  }
}

/** parseArgs' messages name Node's CLI conventions; a commenter gets one short sentence. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]*)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /does not take an argument/.test(message)
      ? `${option} takes no value`
      : `${option} needs a value`;
  }
  return message.split("\n", 1)[0] ?? "the arguments could not be read";
}
