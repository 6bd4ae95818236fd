import { describe, expect, it } from "@jest/globals";
import formatsModule from "ajv-formats/dist/formats.js";
import { formats, isPlainDateTime } from "../../src/core/schema-formats.js";

/** ajv-formats' own date-time check: the oracle of the fast path. */
const ajvFormatsDateTime = (
  formatsModule.fullFormats["date-time"] as { validate: (s: string) => boolean }
).validate;
const dateTime = (formats["date-time"] as { validate: (s: string) => boolean }).validate;

/** A deterministic generator (the same texts on every run, so a failure can be replayed). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/**
 * Texts around the date-time shape: real and impossible dates (leap years included), times up
 * to and past a leap second, every separator and zone spelling ajv-formats reads and some it
 * does not, fractions, and stray characters or truncations anywhere.
 */
function dateTimeTexts(count: number): string[] {
  const next = random(1402);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const two = (min: number, max: number) =>
    String(min + Math.floor(next() * (max - min + 1))).padStart(2, "0");
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    // A valid date-time, then up to three of its parts swapped for a doubtful variant.
    const parts = {
      year: String(Math.floor(next() * 10_000)).padStart(4, "0"),
      month: two(1, 12),
      day: two(1, 28),
      separator: "T",
      hour: two(0, 23),
      minute: two(0, 59),
      second: two(0, 59),
      fraction: "",
      zone: pick(["Z", `+${two(0, 23)}:${two(0, 59)}`, `-${two(0, 23)}:${two(0, 59)}`]),
    };
    const variants: Record<keyof typeof parts, string[]> = {
      year: ["2024", "2023", "2000", "1900", "0000", "20x5", "202", "20245"],
      month: ["00", "13", "02", "1", two(0, 99)],
      day: ["00", "29", "30", "31", "32", "1", two(0, 99)],
      separator: ["t", " ", "\u00a0", "\t", "\n", "x", "TT", ""],
      hour: ["23", "24", "00", "1", two(0, 99)],
      minute: ["59", "60", "5", two(0, 99)],
      second: ["59", "60", "61", "6", two(0, 99)],
      fraction: [".5", ".123456", ".", ".x", "..5"],
      zone: ["z", "", "+24:00", "+23:60", "-0530", "+05", "+5:30", "+05:3", "Z ", "ZZ", "+05:30Z"],
    };
    const keys = Object.keys(parts) as (keyof typeof parts)[];
    for (let k = Math.floor(next() * 4); k > 0; k--) {
      const key = pick(keys);
      parts[key] = pick(variants[key]);
    }
    const { year, month, day, separator, hour, minute, second, fraction, zone } = parts;
    let text = `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${fraction}${zone}`;
    const roll = next();
    if (roll < 0.05) text = text.slice(0, Math.floor(next() * text.length));
    else if (roll < 0.1) {
      const at = Math.floor(next() * text.length);
      text = text.slice(0, at) + pick(["t", " ", "-", ":", "1", "\u{1F600}"]) + text.slice(at);
    }
    texts.push(text);
  }
  return texts;
}

describe("the date-time format of the generated validators", () => {
  const texts = dateTimeTexts(50_000);

  it("accepts exactly the texts ajv-formats accepts", () => {
    const differing = texts.filter((text) => dateTime(text) !== ajvFormatsDateTime(text));
    expect(differing).toEqual([]);
    // Both answers must occur often, or agreeing would prove little.
    const accepted = texts.filter((text) => ajvFormatsDateTime(text)).length;
    expect(accepted).toBeGreaterThan(texts.length / 10);
    expect(accepted).toBeLessThan(texts.length * 0.9);
  });

  it("answers valid on its fast path only for texts ajv-formats accepts", () => {
    const fast = texts.filter((text) => isPlainDateTime(text));
    expect(fast.filter((text) => !ajvFormatsDateTime(text))).toEqual([]);
    expect(fast.length).toBeGreaterThan(texts.length / 20);
  });

  it.each([
    "2025-11-14T09:30:00Z",
    "2025-11-14t09:30:00z",
    "2025-11-14 09:30:00.250+01:00",
    "2024-02-29T23:59:59-12:00",
    "2000-02-29T00:00:00Z",
  ])("reads %s on its fast path", (text) => {
    expect(isPlainDateTime(text)).toBe(true);
  });

  it.each([
    ["a leap second", "2016-12-31T23:59:60Z", true],
    ["a zone without its colon", "2025-11-14T09:30:00+0130", true],
    ["29 February of a common year", "2023-02-29T09:30:00Z", false],
    ["29 February 1900", "1900-02-29T09:30:00Z", false],
    ["no zone", "2025-11-14T09:30:00", false],
    ["a date alone", "2025-11-14", false],
  ])("leaves %s to ajv-formats", (_name, text, valid) => {
    expect(isPlainDateTime(text)).toBe(false);
    expect(dateTime(text)).toBe(valid);
  });
});
