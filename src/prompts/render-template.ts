/**
 * Renders a prompt template with mustache (logic-less: a repository's override can place values
 * and repeat sections, never run code). Values are inserted as written — prompts are plain text
 * for an LLM, not HTML — and the reply puts them inside a fence.
 *
 * An override comes from the default branch, so it is trusted to be well meant but not to be
 * well formed: a broken template is reported with its origin, and a template whose nested
 * sections would multiply the output (a list inside itself) is refused before rendering.
 */
import Mustache from "mustache";
import type { TemplateSource } from "./prompt-types.js";

/** Largest template accepted (the defaults are about 4 KB). */
export const MAX_TEMPLATE_CHARS = 64 * 1024;
/** Largest output a template may be able to produce, measured before rendering. */
export const MAX_RENDERED_CHARS = 4 * 1024 * 1024;

/** A template that cannot be used, with the reason (one sentence naming the template). */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

type Token = [string, string, number, number, Token[]?, number?];

/** The template rendered with `view`; throws {@link TemplateError} when it cannot be used. */
export function renderTemplate(source: TemplateSource, view: object): string {
  if (source.problem !== undefined) {
    throw new TemplateError(`template ${source.origin} cannot be used: ${source.problem}`);
  }
  if (source.text.length > MAX_TEMPLATE_CHARS) {
    throw new TemplateError(
      `template ${source.origin} is ${source.text.length} characters, over the limit of ${MAX_TEMPLATE_CHARS}`,
    );
  }
  // A writer per render: mustache's shared cache would keep every override ever seen.
  const writer = new Mustache.Writer();
  let tokens: Token[];
  try {
    tokens = writer.parse(source.text) as Token[];
  } catch (error) {
    throw new TemplateError(`template ${source.origin} is not valid mustache: ${reason(error)}`);
  }
  const bound = outputBound(tokens, measure(view), "");
  if (bound > MAX_RENDERED_CHARS) {
    throw new TemplateError(
      `template ${source.origin} could render about ${Math.round(bound / 1e6)} million characters (nested lists?); the limit is ${MAX_RENDERED_CHARS / 1e6} million`,
    );
  }
  try {
    return writer.render(source.text, view, {}, { escape: (value: unknown) => String(value) });
  } catch (error) {
    throw new TemplateError(`template ${source.origin} failed to render: ${reason(error)}`);
  }
}

/** For each key of the view: the longest array and the longest value it names anywhere. */
interface Sizes {
  lists: Map<string, number>;
  values: Map<string, number>;
}

/**
 * Worst-case output size: a section repeats its body as often as the longest list of its name,
 * a variable inserts the longest value of its name (`{{.}}`: of the enclosing section's name).
 */
function outputBound(tokens: readonly Token[], sizes: Sizes, section: string): number {
  let total = 0;
  for (const token of tokens) {
    const [type, name] = token;
    const key = name.slice(name.lastIndexOf(".") + 1);
    if (type === "text") total += name.length;
    else if (type === "name" || type === "&") {
      total += sizes.values.get(name === "." ? section : key) ?? 0;
    } else if ((type === "#" || type === "^") && token[4]) {
      const times = type === "#" ? Math.max(1, sizes.lists.get(key) ?? 1) : 1;
      total += times * outputBound(token[4], sizes, key);
    }
    if (total > MAX_RENDERED_CHARS * 16) return total;
  }
  return total;
}

function measure(view: unknown): Sizes {
  const sizes: Sizes = { lists: new Map(), values: new Map() };
  const note = (map: Map<string, number>, key: string, size: number) =>
    map.set(key, Math.max(map.get(key) ?? 0, size));
  const stack: unknown[] = [view];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === null || typeof node !== "object") continue;
    for (const [key, child] of Object.entries(node)) {
      if (Array.isArray(child)) {
        note(sizes.lists, key, child.length);
        for (const item of child as unknown[]) {
          if (typeof item !== "object") note(sizes.values, key, String(item).length);
        }
      } else if (typeof child !== "object" || child === null) {
        note(sizes.values, key, String(child).length);
      }
      stack.push(child);
    }
  }
  return sizes;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split("\n", 1)[0]! : String(error);
}
