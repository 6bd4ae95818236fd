/** Estimates as written in a plan: "2-3 hours", "1.5h", "45 min", after a label or a clock. */
import { parseEstimate } from "../estimate.js";

/** A leading estimate: "2-3 hours", "1.5h", "45 min", "2 to 3h". */
const ESTIMATE_HEAD_RE =
  /^(\d{1,5}(?:\.\d{1,3})?(?:[ \t]{0,3}(?:-|–|to)[ \t]{0,3}\d{1,5}(?:\.\d{1,3})?)?)(?:[ \t]{0,3}(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)(?![\p{L}\p{N}]))?/iu;
/** A plain (not bold) estimate line under an achievement: "Estimated: 1-2 hours", "⏱️ 2h". */
const ESTIMATE_LINE_RE =
  /^[^\p{L}\p{N}]{0,4}(?:estimated?(?:[ \t]{1,4}(?:time|hours|effort|duration))?|time[ \t]{1,4}estimate)[ \t]{0,4}:(.*)$/iu;

/**
 * The estimate at the start of `text` ("2-3 hours, sequential" → "2-3 hours"), or null. Without
 * `unitOptional`, a bare number is not an estimate: "(2)" after a title is not one.
 */
export function readEstimate(text: string, unitOptional: boolean): string | null {
  const candidate = text
    .replace(/^[\s\uFE0F~≈:]{0,16}/u, "")
    .replace(/^est(?:imated?)?\.?:?\s{0,4}/i, "");
  const match = ESTIMATE_HEAD_RE.exec(candidate);
  if (!match || (!match[2] && !unitOptional)) return null;
  const next = candidate[match[0].length];
  if (next !== undefined && /[\p{L}\p{N}.]/u.test(next)) return null;
  const estimate = match[0].trim();
  return parseEstimate(estimate) ? estimate : null;
}

/** The estimate of a plain line ("Estimated: 1-2 hours", "⏱️ 2h"), or null for any other line. */
export function readEstimateLine(text: string): string | null {
  const clock = text.trimStart().startsWith("⏱") ? text.trimStart().slice(1) : null;
  const rest = clock ?? ESTIMATE_LINE_RE.exec(text)?.[1];
  return rest === undefined ? null : readEstimate(rest, true);
}
