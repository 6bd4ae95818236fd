/**
 * The line that introduces an achievement, in any of its forms: `Achievement 1.2: Title (1-2h)`,
 * `Achievement 3.2: Title ⏱️ 3-5 hours`, with a status emoji or checkbox before it.
 */
import { readEstimate } from "./estimate-text.js";

/** Achievement `<digits>.<digits>` at the start of a line, after at most a short symbol prefix. */
const MARKER_RE =
  /^[^\p{L}\p{N}|]{0,8}(?:\[[ xX]\][ \t]{0,4})?achievement[ \t]{1,4}(\d{1,6}\.\d{1,6})(?![\d.])(.*)$/iu;
/** What may follow the id: nothing, a separator, the clock emoji or an estimate in parentheses. */
const AFTER_ID = new Set([":", "-", "–", "—", "⏱", "("]);
const SEPARATORS = new Set([":", "-", "–", "—", "|"]);

/** What a marker line says about the achievement it introduces. */
export interface Marker {
  id: string;
  title: string;
  estimateText: string | null;
}

/** The achievement introduced by a line of text, or null when the line introduces none. */
export function readMarker(text: string): Marker | null {
  const match = MARKER_RE.exec(text);
  if (!match?.[1]) return null;
  let rest = (match[2] ?? "").trim();
  const first = rest[0];
  if (first !== undefined && !AFTER_ID.has(first)) return null;
  const onlyParenthesis = first === "(";
  rest = trimSeparators(rest);
  let estimateText: string | null = null;
  const clock = rest.indexOf("⏱");
  if (clock >= 0) {
    estimateText = readEstimate(rest.slice(clock + 1), true);
    rest = rest.slice(0, clock);
  }
  rest = trimDecoration(rest);
  if (estimateText === null && rest.endsWith(")")) {
    const open = rest.lastIndexOf("(");
    const inside = open >= 0 ? readEstimate(rest.slice(open + 1, -1), false) : null;
    if (inside !== null) {
      estimateText = inside;
      rest = trimDecoration(rest.slice(0, open));
    }
  }
  // "Achievement 1.3 (Validation Script)" refers to an achievement, it does not introduce one.
  if (onlyParenthesis && rest !== "") return null;
  return { id: match[1], title: rest, estimateText };
}

function trimSeparators(text: string): string {
  let start = 0;
  while (
    start < text.length &&
    (SEPARATORS.has(text[start] ?? "") || /\s/.test(text[start] ?? ""))
  ) {
    start++;
  }
  return text.slice(start);
}

/** Drops trailing whitespace, emoji and separators: "Polish ✨" → "Polish". */
function trimDecoration(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    const width = code >= 0xdc00 && code <= 0xdfff && end > 1 ? 2 : 1;
    const char = text.slice(end - width, end);
    if (!/^[\s\uFE0F\u200D\p{Extended_Pictographic}]$/u.test(char) && !SEPARATORS.has(char)) break;
    end -= width;
  }
  return text.slice(0, end).trim();
}
