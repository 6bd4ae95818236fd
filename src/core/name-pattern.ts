/**
 * File-name patterns from the config (`PLAN_{plan}.md`, `subplans/SUBPLAN_{plan}_{token}.md`)
 * matched without regular expressions: a configured pattern is untrusted text, and a regex built
 * from it (`[^/]*` per placeholder) backtracks exponentially on a pattern such as
 * `{token}{token}{token}…x`. Here every placeholder stands for one or more characters of a single
 * path segment and literal text stands for itself, so matching is greedy and linear: each literal
 * is found at its earliest place after the previous one (for wildcards that all match the same
 * characters, the earliest place always leaves the most room for the rest).
 */

const PLACEHOLDER_RE = /\{(?:plan|token|nn)\}/;

/** One path segment of a pattern: its literal pieces, a placeholder between each two. */
type Segment = readonly string[];

/** Whether `pattern` matches the last segments of a path (as many as the pattern has). */
export type NamePatternMatcher = (path: string) => boolean;

/** A linear-time matcher for a naming pattern, applied to a path's trailing segments. */
export function namePatternMatcher(pattern: string): NamePatternMatcher {
  const segments: Segment[] = pattern.split("/").map((segment) => segment.split(PLACEHOLDER_RE));
  return (path) => {
    const parts = path.split("/");
    if (parts.length < segments.length) return false;
    const offset = parts.length - segments.length;
    for (let at = 0; at < segments.length; at++) {
      if (!segmentMatches(segments[at] as Segment, parts[offset + at] as string)) return false;
    }
    return true;
  };
}

/** `text` is the pieces in order, each gap between two pieces holding at least one character. */
function segmentMatches(pieces: Segment, text: string): boolean {
  const first = pieces[0] as string;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] as string;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let index = 1; index < pieces.length - 1; index++) {
    const piece = pieces[index] as string;
    const found = text.indexOf(piece, at + 1);
    if (found === -1 || found + piece.length >= end) return false;
    at = found + piece.length;
  }
  return end - at >= 1;
}
