/**
 * Which plan a command is about (issue 5): `--plan`, else the one plan the pull request touches,
 * else the repository's only plan, else the reply lists the plans to choose from. Pure: the
 * adapter supplies what it read; these functions decide and word the answer.
 */
import picomatch from "picomatch";
import { commandWord } from "../render/command-word.js";
import { escapeMarkdownInline } from "../render/sanitize.js";

/** A plan folder as listed: its path from the repository root and its name. */
export interface PlanRef {
  dir: string;
  name: string;
}

/** The plan folder's name: the last segment of its path. */
export function planRef(dir: string): PlanRef {
  return { dir, name: dir.slice(dir.lastIndexOf("/") + 1) };
}

/**
 * Folders `--plan NAME` can only mean, without listing the repository: for each `plans` glob
 * whose last segment is a wildcard over a fixed prefix (`work-space/plans/*`), `prefix/NAME`;
 * a NAME that is a path matching a glob is itself. Other globs need the listing.
 */
export function guessPlanFolders(globs: readonly string[], requested: string): string[] {
  const guesses = new Set<string>();
  if (requested.includes("/")) {
    if (globs.length === 0 || picomatch([...globs], { dot: true })(requested))
      guesses.add(requested);
    return [...guesses];
  }
  for (const glob of globs) {
    const slash = glob.lastIndexOf("/");
    const prefix = glob.slice(0, slash);
    if (slash > 0 && glob.slice(slash + 1) === "*" && !/[*?[\]{}()!+@]/.test(prefix)) {
      guesses.add(`${prefix}/${requested}`);
    }
  }
  return [...guesses];
}

/** The plans `--plan` names: by path, else by folder name (exact case first). */
export function plansNamed(plans: readonly PlanRef[], requested: string): PlanRef[] {
  const byDir = plans.filter((p) => p.dir === requested);
  if (byDir.length > 0) return byDir;
  const exact = plans.filter((p) => p.name === requested);
  if (exact.length > 0) return exact;
  return plans.filter((p) => p.name.toLowerCase() === requested.toLowerCase());
}

const LISTED = 30;

function listPlans(plans: readonly PlanRef[], command: string): string[] {
  const lines = plans.slice(0, LISTED).map((p) => {
    const option = plans.filter((q) => q.name === p.name).length > 1 ? p.dir : p.name;
    const word = commandWord(option.replace(/`/g, ""));
    return `- \`/parallel ${command} --plan ${word}\` (${escapeMarkdownInline(p.dir, 200)})`;
  });
  if (plans.length > LISTED) lines.push(`- … and ${plans.length - LISTED} more`);
  return lines;
}

/** The reply when the command could be about several plans. */
export function renderChoosePlan(
  plans: readonly PlanRef[],
  command: string,
  why: "touched" | "repository",
): string {
  const lead =
    why === "touched"
      ? `This pull request touches ${plans.length} plans: say which one with \`--plan\`:`
      : `This repository has ${plans.length} plans: say which one with \`--plan\`:`;
  return [lead, "", ...listPlans(plans, command)].join("\n");
}

/** The reply when no plan matches (none at all, or none of the name asked for). */
export function renderNoPlan(
  requested: string | null,
  plans: readonly PlanRef[],
  globs: readonly string[],
  command: string,
): string {
  const where = globs.map((g) => `\`${g.replace(/`/g, "")}\``).join(", ");
  if (requested === null || plans.length === 0) {
    const lead =
      requested === null
        ? `No plan found under ${where || "the repository"}`
        : `No plan named "${escapeMarkdownInline(requested, 100)}": no plan found under ${where || "the repository"} at all`;
    return `${lead}. A plan folder holds a \`parallel.json\` or a \`PLAN_<NAME>.md\`; the \`plans\` globs of \`.github/parallel-plans.yml\` say where.`;
  }
  return [
    `No plan named "${escapeMarkdownInline(requested, 100)}". The plans here:`,
    "",
    ...listPlans(plans, command),
  ].join("\n");
}
