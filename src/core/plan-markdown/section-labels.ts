/**
 * Section labels (`**Purpose**: …`, `#### Deliverables`): the key each names, and the text of a
 * section as the plan wrote it.
 */
import { inlineText, type InlineLine } from "./inline-text.js";
import { isBlank, LINE_END_RE } from "./lines.js";
import type { Locator } from "./tree-walk.js";

/** Labels that name the same section under different words (Map: labels are user data). */
const SECTION_KEYS = new Map([
  ["purpose", "purpose"],
  ["goal", "purpose"],
  ["goals", "purpose"],
  ["why", "purpose"],
  ["what", "what"],
  ["deliverables", "deliverables"],
  ["deliverable", "deliverables"],
  ["approach", "approach"],
  ["how", "approach"],
  ["success_criteria", "success_criteria"],
  ["success", "success_criteria"],
  ["dependencies", "dependencies"],
  ["dependency", "dependencies"],
  ["depends_on", "dependencies"],
]);
/** The section keys the plan format defines, as opposed to slugs of other labels. */
export const KNOWN_KEYS = new Set(SECTION_KEYS.values());
/** Labels that carry the estimate instead of a section. */
export const ESTIMATE_KEYS = new Set([
  "estimate",
  "estimated",
  "estimated_time",
  "estimated_hours",
  "estimated_effort",
  "estimated_duration",
  "time_estimate",
]);
const QUOTE_MARK_RE = /^[ \t]{0,3}>[ \t]?/;

/** A bold label at the start of a line. */
export interface Label {
  /** The label as written, without its colon. */
  heading: string;
  key: string;
  /** Offset where the label's content starts (after the colon). */
  contentStart: number;
  /** The rest of the label's line. */
  rest: string;
}

/** `**Purpose**: …` or `**Purpose:** …` at the start of a line. */
export function readLabel(line: InlineLine, source: string, at: Locator): Label | null {
  if (!line.lead) return null;
  const strong = inlineText(line.lead, source, at).trim();
  const leadEnd = at.offset(line.lead, "end");
  let heading: string;
  let contentStart = leadEnd;
  let rest = line.afterLead;
  if (strong.endsWith(":")) heading = strong.slice(0, -1).trim();
  else if (/^[ \t]*:/.test(rest)) {
    heading = strong;
    rest = rest.slice(rest.indexOf(":") + 1);
    const colon = source.slice(leadEnd, leadEnd + 8).indexOf(":");
    if (colon >= 0) contentStart = leadEnd + colon + 1;
  } else return null;
  if (heading.length === 0 || heading.length > 60 || !/\p{L}/u.test(heading)) return null;
  return { heading, key: sectionKey(heading), contentStart, rest };
}

/**
 * Keys of labels already seen: a PLAN repeats the same few labels under every achievement.
 * Emptied when full, so a PLAN of distinct labels costs no more than without it.
 */
const keyCache = new Map<string, string>();
const KEY_CACHE_SIZE = 512;

/** "Success Criteria" → success_criteria; unknown labels → their snake-case slug. */
export function sectionKey(label: string): string {
  let key = keyCache.get(label);
  if (key === undefined) {
    key = slugKey(label);
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keyCache.set(label, key);
  }
  return key;
}

function slugKey(label: string): string {
  const parts = label.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const slug = parts.filter((part) => part !== "").join("_");
  return SECTION_KEYS.get(slug) ?? (slug === "" ? "section" : slug);
}

/**
 * A section's markdown as written, without the `>` marks of the block quotes around it and with
 * the indentation its list item added removed.
 */
export function sectionText(raw: string, quotes: number): string {
  const [first = "", ...rest] = raw.split(LINE_END_RE);
  const body = rest.map((line) => {
    for (let i = 0; i < quotes; i++) {
      const mark = QUOTE_MARK_RE.exec(line);
      if (!mark) break;
      line = line.slice(mark[0].length);
    }
    return line;
  });
  while (body.length > 0 && isBlank(body[body.length - 1] ?? "")) body.pop();
  let indent = Infinity;
  for (const line of body) {
    if (!isBlank(line)) indent = Math.min(indent, line.length - line.trimStart().length);
  }
  const lines = [first.trim(), ...body.map((line) => (isBlank(line) ? "" : line.slice(indent)))];
  let start = 0;
  while (start < lines.length && lines[start] === "") start++;
  return lines.slice(start).join("\n");
}
