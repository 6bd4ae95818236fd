/**
 * The hidden marker on everything the app writes to GitHub — `<!-- parallel-plans:{json} -->` —
 * so it finds and updates its own artifacts without the Search API (DESIGN.md §4). One writer and
 * one reader for every kind (check, achievement, level, dashboard, lifecycle, reply, sync).
 */

const OPEN = "<!-- parallel-plans:";
const CLOSE = " -->";

/**
 * JSON escapes for what plan text inside a marker must not do: close the HTML comment early
 * (`>`, `--`), open markup (`<`), or mention and link (`@`, `#`). Each only occurs inside JSON
 * strings, where the `\u` form reads back as the same character.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "@": "\\u0040",
  "#": "\\u0023",
  "--": "-\\u002d",
};

/** The marker as an HTML comment, keys in the order given. */
export function renderHiddenMarker(data: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(data).replace(/--|[<>@#]/g, (match) => ESCAPES[match] ?? match);
  return `${OPEN}${json}${CLOSE}`;
}

/**
 * Every marker object in `text`, in order; malformed ones (another tool's, or not JSON objects)
 * are skipped. Linear: each closing ` -->` is paired with the last opening before it, and the scan
 * goes on after it (marker JSON cannot hold `<`, so no real marker starts inside another).
 */
export function readHiddenMarkers(text: string | null | undefined): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  if (!text) return found;
  let from = text.indexOf(OPEN);
  while (from >= 0) {
    const end = text.indexOf(CLOSE, from + OPEN.length);
    if (end < 0) break;
    const start = text.lastIndexOf(OPEN, end - OPEN.length + 1);
    const value = parseObject(text.slice(start + OPEN.length, end));
    if (value) found.push(value);
    from = text.indexOf(OPEN, end + CLOSE.length);
  }
  return found;
}

function parseObject(json: string): Record<string, unknown> | null {
  if (json.includes("\n")) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
