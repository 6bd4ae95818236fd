/**
 * Reading `estimated_hours`: a number of hours, or text such as "2-3 hours", "1.5h", "45 min".
 * Ranges keep both ends so time figures can say "6-9 hours" as the seeds do.
 */
import type { HourRange } from "./types.js";

/**
 * The text forms accepted for an estimate. Shared with the JSON Schema's pattern for
 * `estimated_hours`, so everything the schema accepts is readable here. Each optional group starts
 * with its own whitespace and then a required token, so a run of spaces cannot be shared out among
 * adjacent `\s*` in many ways (an earlier form backtracked in cubic time: 2 s on 2,000 spaces, and
 * ajv tests the pattern even on strings over `maxLength`).
 */
export const ESTIMATE_PATTERN =
  "^\\s*(\\d{1,5}(?:\\.\\d{1,3})?)(?:\\s*(?:-|–|to)\\s*(\\d{1,5}(?:\\.\\d{1,3})?))?(?:\\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes))?\\s*$";

const ESTIMATE_RE = new RegExp(ESTIMATE_PATTERN, "i");

/**
 * Plans repeat a handful of estimate texts ("2-3 hours") across thousands of achievements: read
 * each text once. Bounded; the ranges handed out are shared, so they are read-only (HourRange).
 */
const cache = new Map<string, HourRange | null>();
const numberCache = new Map<number, HourRange>();
const CACHE_LIMIT = 1024;

/** Hours as a range, or null when the value is missing or unreadable. */
export function parseEstimate(value: unknown): HourRange | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return null;
    let range = numberCache.get(value);
    if (range === undefined) {
      range = Object.freeze({ min: value, max: value });
      if (numberCache.size < CACHE_LIMIT) numberCache.set(value, range);
    }
    return range;
  }
  if (typeof value !== "string" || value.length > 64) return null;
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  const range = readEstimate(value);
  if (cache.size < CACHE_LIMIT) cache.set(value, range);
  return range;
}

function readEstimate(value: string): HourRange | null {
  const match = ESTIMATE_RE.exec(value);
  if (!match) return null;
  const scale = /^m/i.test(match[3] ?? "") ? 1 / 60 : 1;
  const low = Number(match[1]) * scale;
  const high = match[2] === undefined ? low : Number(match[2]) * scale;
  return low <= high ? { min: low, max: high } : { min: high, max: low };
}

/** "2-3h", "2.5h", "45 min" for display. */
export function formatHours(range: HourRange): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  if (range.max < 1 && range.max > 0) {
    const lo = Math.round(range.min * 60);
    const hi = Math.round(range.max * 60);
    return lo === hi ? `${lo} min` : `${lo}-${hi} min`;
  }
  const lo = round(range.min);
  const hi = round(range.max);
  return lo === hi ? `${lo}h` : `${lo}-${hi}h`;
}

export const ZERO_HOURS: HourRange = Object.freeze({ min: 0, max: 0 });

export function addHours(a: HourRange, b: HourRange): HourRange {
  return { min: a.min + b.min, max: a.max + b.max };
}

export function maxHours(a: HourRange, b: HourRange): HourRange {
  return { min: Math.max(a.min, b.min), max: Math.max(a.max, b.max) };
}
