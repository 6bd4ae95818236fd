/**
 * Skipping over values of a valid JSON text (one JSON.parse accepted, so the structure is
 * trusted) without reading them: the position pass spends nearly all its time here, because the
 * values nobody asked about are most of a large plan.
 *
 * A container is skipped by a sticky regular expression that matches up to {@link REGEX_ITEMS}
 * of its items per call, each a string or a container nesting at most {@link REGEX_DEPTH} levels
 * of at most as many items: V8 compiles it to machine code that runs through whitespace, strings
 * and brackets several times faster than a loop over `charCodeAt` in JavaScript, and without a
 * call per string. Where it stops short (an item nested deeper or holding more, or a string with
 * many escapes), the loop around it steps into that item by hand and carries on, so a container
 * of any depth or size is skipped without recursion.
 */

/** The character codes of JSON's structure, shared with the position pass. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/**
 * How deep an item the expression matches. Plans nest six levels (root, levels, a level,
 * achievements, an achievement, its blocks); an item nested deeper is read again at most this many
 * times before the loop has stepped down to where the expression can take it whole, and each level
 * adds to the time V8 takes to compile it on first use (about 0.3 ms at six).
 */
export const REGEX_DEPTH = 6;

/**
 * How many items (and string escapes) the expression takes in one run. V8 keeps a backtracking
 * entry per item until the run ends and throws a RangeError past some millions: bounding the run
 * keeps that stack small (growing it is also what makes one run over a huge container slow).
 */
export const REGEX_ITEMS = 1000;

/** Anything between a container's tokens but strings and brackets: whitespace, `,` `:`, scalars. */
const PLAIN = String.raw`[^"{}\[\]]*`;
/** A whole string with up to REGEX_ITEMS escapes (unrolled: no character is tried twice). */
const STRING = String.raw`"[^"\\]*(?:\\[^][^"\\]*){0,${REGEX_ITEMS}}"`;

/** Up to REGEX_ITEMS items of a container with what lies between them, nesting `depth` levels. */
function items(depth: number): string {
  const item = depth === 0 ? STRING : `(?:${STRING}|[\\[{]${items(depth - 1)}[\\]}])`;
  return `${PLAIN}(?:${item}${PLAIN}){0,${REGEX_ITEMS}}`;
}

/**
 * Every choice in it is decided by one character (a quote, a bracket or anything else), so an item
 * it cannot take (nested deeper, or with too many items) is given back after one reading.
 */
const ITEMS = new RegExp(items(REGEX_DEPTH), "y");

/**
 * Offset just past the closer of the container that `pos` is inside, `pos` being between two of
 * its tokens (just after its opener, a value, a comma or a colon). The end of `text` when it has
 * no closer (not valid JSON).
 */
export function skipRest(text: string, pos: number): number {
  let depth = 1;
  let at = pos;
  for (;;) {
    ITEMS.lastIndex = at;
    if (!ITEMS.test(text)) return text.length;
    at = ITEMS.lastIndex;
    // The expression stopped at a closer, the end, or an item it could not take whole.
    const c = text.charCodeAt(at);
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      at++;
      if (--depth === 0) return at;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      at++;
    } else if (c === QUOTE) {
      at = skipString(text, at);
    } else if (at >= text.length) {
      return text.length;
    }
  }
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
