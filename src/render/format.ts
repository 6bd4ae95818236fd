/** Small wording helpers shared by the markdown and text renderers. */
import type { FindingSummary, PlanReport } from "../core/model.js";
import type { HourRange, Severity } from "../core/types.js";
import { isDone } from "./status-style.js";

/** "1 error", "3 errors", "12,345 errors". */
export function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * A count with thousands separators, as `toLocaleString("en-US")` writes it ("12,345"), without
 * its first call loading the locale data: that costs more than the rest of a CLI run's rendering.
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count) || Object.is(count, -0)) return count.toLocaleString("en-US");
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}

/** "1 error, 2 warnings, 0 notices". */
export function countsText(summary: FindingSummary): string {
  return [
    plural(summary.errors, "error"),
    plural(summary.warnings, "warning"),
    plural(summary.notices, "notice"),
  ].join(", ");
}

/** "40%" or "40-52%" (ends sorted, whole percent). */
export function formatPercent(range: HourRange): string {
  const lo = Math.round(Math.min(range.min, range.max));
  const hi = Math.round(Math.max(range.min, range.max));
  return lo === hi ? `${lo}%` : `${lo}-${hi}%`;
}

/** Achievements done (complete or skipped) out of all, and the whole percent. */
export function progressOf(plan: PlanReport): { done: number; total: number; percent: number } {
  const total = plan.achievements.length;
  const done = plan.achievements.filter((a) => isDone(a.status)).length;
  return { done, total, percent: total === 0 ? 0 : Math.round((done / total) * 100) };
}

export const SEVERITIES: readonly Severity[] = ["error", "warning", "notice"];

/** A plan fails when it is not ok, or under `strict` when it has warnings (CLI `--strict`). */
export function planFails(plan: PlanReport, strict = false): boolean {
  return !plan.ok || (strict && plan.summary.warnings > 0);
}

/** The first `max` items joined, then "+N more" when some were left out. */
export function capList(items: readonly string[], max: number, separator = ", "): string {
  if (items.length <= max) return items.join(separator);
  const shown = items.slice(0, max);
  const more = `+${formatCount(items.length - max)} more`;
  return shown.length > 0 ? `${shown.join(separator)}${separator}${more}` : more;
}
