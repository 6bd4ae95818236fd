/**
 * The string formats the generated schema validators check: ajv-formats' full formats, with a
 * fast path in front of date-time. ajv-formats checks a date-time by splitting it and matching
 * both halves with capturing regexes, about a microsecond and a few hundred bytes each; a plan of
 * 10,000 achievements with its timestamps filled in has thousands, which made them most of the
 * validation's time. The fast path reads the usual shape in place and only ever answers "valid"
 * for a text ajv-formats accepts too; anything else goes to ajv-formats, which decides.
 */
import type { FormatDefinition } from "ajv";
import formatsModule from "ajv-formats/dist/formats.js";

const { fullFormats } = formatsModule;
const dateTime = fullFormats["date-time"] as FormatDefinition<string>;
const acceptedByAjvFormats = dateTime.validate as (text: string) => boolean;

/** Days in each month of a common year (index 1 is January). */
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True only for `YYYY-MM-DD`, `T` (or `t` or a space), `hh:mm:ss`, an optional fraction and `Z`
 * (or `z`) or `±hh:mm`, naming a real day and an ordinary time (no leap second): a text of that
 * shape splits into one date and one time, and passes each of ajv-formats' checks. False means
 * "ask ajv-formats", not "invalid".
 */
export function isPlainDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20) return false;
  const digits = (at: number): number => {
    const tens = text.charCodeAt(at) - 48;
    const ones = text.charCodeAt(at + 1) - 48;
    return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
  };
  const century = digits(0);
  const yearOfCentury = digits(2);
  const month = digits(5);
  const day = digits(8);
  const separator = text.charCodeAt(10);
  if (century < 0 || yearOfCentury < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return false;
  if (separator !== 84 && separator !== 116 && separator !== 32) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const year = century * 100 + yearOfCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month]!)) return false;
  const hour = digits(11);
  const minute = digits(14);
  const second = digits(17);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let at = 19;
  if (text.charCodeAt(at) === 46) {
    at++;
    const first = at;
    while (at < length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
    if (at === first) return false;
  }
  const zone = text.charCodeAt(at);
  if (zone === 90 || zone === 122) return at + 1 === length;
  if (zone !== 43 && zone !== 45) return false;
  if (at + 6 !== length || text.charCodeAt(at + 3) !== 58) return false;
  const zoneHour = digits(at + 1);
  const zoneMinute = digits(at + 4);
  return zoneHour >= 0 && zoneHour <= 23 && zoneMinute >= 0 && zoneMinute <= 59;
}

/** What the generated validators look formats up in (by name, as ajv-formats' fullFormats). */
export const formats: Record<string, unknown> = {
  ...fullFormats,
  "date-time": {
    ...dateTime,
    validate: (text: string) => isPlainDateTime(text) || acceptedByAjvFormats(text),
  },
};
