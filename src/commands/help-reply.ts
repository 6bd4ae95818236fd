/**
 * The help, generated from the registry and the repository's `commands.min_permission`: every
 * command with its usage, who may use it and an example. docs/commands.md embeds the same
 * reference (a test compares them), so the docs cannot drift from what the app answers.
 */
import type { CommandName, Permission } from "../core/config.js";
import { escapeMarkdownInline } from "../render/sanitize.js";
import { REGISTRY, findCommand, type CommandSpec } from "./registry.js";

/** Lowest permission per command, as configured (defaults filled in). */
export type MinPermissions = Readonly<Record<CommandName, Permission>>;

/** "read (anyone who can comment)", "triage or higher". */
export function whoMayUse(permission: Permission): string {
  return permission === "read" ? "read (anyone who can comment)" : `${permission} or higher`;
}

const OPTION_HELP = [
  "`--plan NAME` picks the plan folder by name; without it, the plan this pull request touches, else the repository's only plan (the reply lists the plans when it cannot tell).",
  "`--level N` picks the level to prepare; without it, the next ready level with work left.",
  "`--dry-run` previews what a prompt would create (files, paths, estimates, sequential against parallel time) instead of the prompt.",
  "`--force` builds a batch prompt even though the plan has validation errors (without it the reply refuses and points at `/parallel validate`); the reply then says it was used.",
];

function code(text: string): string {
  return `\`${text}\``;
}

function row(spec: CommandSpec, permissions: MinPermissions): string {
  const what = spec.unavailable === null ? spec.summary : `${spec.summary} *(not available yet)*`;
  return `| ${code(spec.usage)} | ${what} | ${whoMayUse(permissions[spec.name])} | ${code(spec.example)} |`;
}

/** The command table with the option notes (the core of `help` and of docs/commands.md). */
export function commandReference(permissions: MinPermissions): string {
  return [
    "| Command | What it does | Who may use it | Example |",
    "| --- | --- | --- | --- |",
    ...REGISTRY.map((spec) => row(spec, permissions)),
    "",
    ...OPTION_HELP.map((line) => `- ${line}`),
  ].join("\n");
}

/** The reply to `/parallel help` (or to an unknown command, naming it). */
export function renderHelp(
  permissions: MinPermissions,
  opts: { topic?: CommandName | null; unknown?: string | null } = {},
): string {
  const spec = opts.topic ? findCommand(opts.topic) : undefined;
  if (spec) return topicHelp(spec, permissions);
  const lead =
    opts.unknown === undefined || opts.unknown === null
      ? "**parallel-plans** answers these commands"
      : `There is no command "${escapeMarkdownInline(opts.unknown, 40)}". **parallel-plans** answers these commands`;
  return [
    `${lead}, each on its own line at the start of a comment line (not in code or quotes):`,
    "",
    commandReference(permissions),
  ].join("\n");
}

function topicHelp(spec: CommandSpec, permissions: MinPermissions): string {
  const lines = [
    `${code(spec.usage)}`,
    "",
    spec.summary,
    "",
    `- **Who may use it:** ${whoMayUse(permissions[spec.name])}`,
    `- **Example:** ${code(spec.example)}`,
  ];
  if (spec.unavailable !== null) lines.push(`- **Not available yet:** ${spec.unavailable}.`);
  const options = OPTION_HELP.filter((line) =>
    spec.options.some((option) => line.startsWith(`\`--${option}`)),
  );
  if (options.length > 0) lines.push("", ...options.map((line) => `- ${line}`));
  return lines.join("\n");
}

/** The usage reply for a command given bad arguments. */
export function renderUsage(spec: CommandSpec, problem: string): string {
  return [
    `Could not read the command: ${escapeMarkdownInline(problem, 300)}.`,
    "",
    `Usage: ${code(spec.usage)} — for example ${code(spec.example)}. \`/parallel help ${spec.name}\` says more.`,
  ].join("\n");
}
