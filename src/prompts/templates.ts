/**
 * The prompt templates: the defaults shipped in the package (`templates/*.mustache`), and a
 * repository's overrides from `.github/parallel-plans/templates/` (read from the default branch
 * only, like the config). An override replaces its default whole; other files there are ignored.
 */
import { readFileSync } from "node:fs";
import { PROMPT_KINDS, type PromptKind, type PromptTemplates } from "./prompt-types.js";

/** Where a repository keeps its overrides (on the default branch). */
export const TEMPLATE_OVERRIDE_DIR = ".github/parallel-plans/templates";

/** The file name of a prompt's template, shipped and overridden alike. */
export function templateFileName(kind: PromptKind): string {
  return `${kind}.mustache`;
}

let defaults: PromptTemplates | undefined;

/**
 * The shipped templates, read once. The same relative path works from `src/prompts` and
 * `dist/prompts`; a package missing them is broken, which this says with the path.
 */
export function defaultTemplates(): PromptTemplates {
  if (!defaults) {
    const read = (kind: PromptKind) => {
      const url = new URL(`../../templates/${templateFileName(kind)}`, import.meta.url);
      try {
        return { text: readFileSync(url, "utf8"), origin: "default" };
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`the default prompt template ${url.pathname} is not readable: ${why}`);
      }
    };
    defaults = Object.fromEntries(
      PROMPT_KINDS.map((kind) => [kind, read(kind)]),
    ) as PromptTemplates;
  }
  return defaults;
}

/**
 * The defaults with a repository's overrides applied. `files` maps file names found in the
 * override folder to their text (or why it could not be read); `folder` names the origin.
 */
export function withOverrides(
  base: PromptTemplates,
  files: ReadonlyMap<string, string | { problem: string }>,
  folder: string = TEMPLATE_OVERRIDE_DIR,
): PromptTemplates {
  const result = { ...base };
  for (const kind of PROMPT_KINDS) {
    const name = templateFileName(kind);
    const found = files.get(name);
    const origin = `${folder}/${name}`;
    if (typeof found === "string") result[kind] = { text: found, origin };
    else if (found !== undefined) result[kind] = { text: "", origin, problem: found.problem };
  }
  return result;
}
