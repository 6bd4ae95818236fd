/**
 * The short replies that refuse or explain instead of answering: not enough permission, not
 * available yet, too many commands, an invalid config, a failure. One sentence each, with what
 * to do next; nothing from the comment is echoed unescaped.
 */
import type { Permission } from "../core/config.js";
import type { Finding } from "../core/types.js";
import { escapeMarkdownInline } from "../render/sanitize.js";
import type { Access } from "./permission.js";
import type { CommandSpec } from "./registry.js";

/** Refused: the commenter's permission is below what the command needs. */
export function renderPermissionRefused(
  spec: CommandSpec,
  required: Permission,
  held: Access,
): string {
  const have = held === "none" ? "no permission on this repository" : `**${held}** permission`;
  return `\`/parallel ${spec.name}\` needs **${required}** permission on this repository (or higher); you have ${have}. A maintainer can lower it with \`commands.min_permission.${spec.name}\` in \`.github/parallel-plans.yml\`.`;
}

/** A registered command that is not built yet. */
export function renderUnavailable(spec: CommandSpec): string {
  return `\`/parallel ${spec.name}\` is not available yet: ${escapeMarkdownInline(spec.unavailable ?? "it is still being built", 400)}.`;
}

/** The per-user limit is reached (said once per window; later commands get no reply). */
export function renderRateLimited(limit: number, windowMinutes: number, retryAt: Date): string {
  const time = retryAt.toISOString().slice(11, 16);
  return `Too many commands: at most ${limit} per person per ${windowMinutes} minutes in a repository. This and further commands until ${time} UTC are not answered; post them again after that.`;
}

/** More commands in one comment than are answered. */
export function renderTooManyCommands(answered: number, given: number): string {
  return `This comment holds ${given} commands; the first ${answered} are answered. Post the others in another comment.`;
}

/** The repository config is invalid: commands other than help wait for it to be fixed. */
export function renderInvalidConfig(findings: readonly Finding[]): string {
  const shown = findings
    .slice(0, 5)
    .map((f) => `- line ${f.line}, column ${f.column}: ${escapeMarkdownInline(f.message, 300)}`);
  const more =
    findings.length > shown.length ? [`- … and ${findings.length - shown.length} more`] : [];
  return [
    "`.github/parallel-plans.yml` on the default branch is invalid, so no command but `help` runs until it is fixed:",
    "",
    ...shown,
    ...more,
  ].join("\n");
}

/** The app failed while answering (GitHub error, unreadable repository…). */
export function renderFailure(reason: string): string {
  return `Could not answer: ${escapeMarkdownInline(reason, 400)}. This is a problem of the app or of GitHub, not of your plans; post the command again to retry.`;
}
