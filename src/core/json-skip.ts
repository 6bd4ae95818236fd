/**
 * Skipping over values of a valid JSON text (one JSON.parse accepted, so the structure is
 * trusted) without reading them: the position pass spends nearly all its time here, because the
 * values nobody asked about are most of a large plan.
 *
 * A container is skipped by one sticky regular expression that matches it whole when it nests at
 * most {@link REGEX_DEPTH} levels: V8 compiles it to machine code that runs through whitespace,
 * strings and brackets several times faster than a loop over `charCodeAt` in JavaScript, and
 * without a call per string. Deeper containers are walked by hand one level at a time, each child
 * again tried with the expression, so nesting of any depth is skipped without recursion.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * How deep a container the expression matches in one call. Plans nest six levels (root, levels,
 * a level, achievements, an achievement, its blocks); a deeper container costs at most this many
 * failed attempts per character before the hand walk reaches it, and the expression's size grows
 * with it.
 */
export const REGEX_DEPTH = 8;

/** Anything between a container's tokens but strings and brackets: whitespace, `,` `:`, scalars. */
const PLAIN = String.raw`[^"{}\[\]]*`;
/** A whole string, escapes included (unrolled so that no character is tried twice). */
const STRING = String.raw`"[^"\\]*(?:\\[^][^"\\]*)*"`;

/** What may follow a container's opener up to its closer, with at most `depth` nested levels. */
function contents(depth: number): string {
  const nested = depth === 0 ? STRING : `(?:${STRING}|[\\[{]${contents(depth - 1)}[\\]}])`;
  return `${PLAIN}(?:${nested}${PLAIN})*`;
}

/**
 * The rest of a container from a point between its tokens, through its closer. Every choice in it
 * is decided by one character (a quote, a bracket or anything else), so a failed attempt (deeper
 * nesting, or the text ending) backtracks once over what it read and never tries it again.
 */
const REST_OF_CONTAINER = new RegExp(`${contents(REGEX_DEPTH)}[\\]}]`, "y");

/**
 * Offset just past the closer of the container that `pos` is inside, `pos` being between two of
 * its tokens (just after its opener, a value, a comma or a colon). Past the end of `text` when it
 * has no closer (not valid JSON).
 */
export function skipRest(text: string, pos: number): number {
  REST_OF_CONTAINER.lastIndex = pos;
  if (REST_OF_CONTAINER.test(text)) return REST_OF_CONTAINER.lastIndex;
  // Nested deeper than the expression reaches: walk this level, trying it again on each child.
  let depth = 1;
  let at = pos;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      at = skipString(text, at);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      REST_OF_CONTAINER.lastIndex = at + 1;
      if (REST_OF_CONTAINER.test(text)) {
        at = REST_OF_CONTAINER.lastIndex;
      } else {
        depth++;
        at++;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      at++;
      if (--depth === 0) return at;
    } else {
      at++;
    }
  }
  return text.length;
}

/** Offset just past the value (of any kind) starting at `pos`. */
export function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return skipString(text, pos);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return skipRest(text, pos + 1);
  // A number, true, false or null: up to the next delimiter.
  let at = pos + 1;
  for (;;) {
    const d = text.charCodeAt(at);
    if (
      at >= text.length ||
      d === COMMA ||
      d === CLOSE_BRACE ||
      d === CLOSE_BRACKET ||
      d === 0x20 ||
      d === 0x0a ||
      d === 0x0d ||
      d === 0x09
    )
      return at;
    at++;
  }
}

/** Offset just past the string whose opening quote is at `pos`. */
export function skipString(text: string, pos: number): number {
  let at = pos + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Offset of the first character at or after `pos` that is not JSON whitespace. */
export function skipSpace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    else return pos;
  }
}
