/** Counts are written as `toLocaleString("en-US")` writes them, without loading locale data. */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { capList, formatCount, plural } from "../../src/render/format.js";

describe("formatCount", () => {
  it.each([0, 1, 7, 999, 1000, 1001, 12_345, 999_999, 1_000_000, -1, -1000, -123_456_789])(
    "writes %d as toLocaleString('en-US') does",
    (count) => {
      expect(formatCount(count)).toBe(count.toLocaleString("en-US"));
    },
  );

  it("agrees with toLocaleString('en-US') on every safe integer tried", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (count) => {
        expect(formatCount(count)).toBe(count.toLocaleString("en-US"));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves numbers that are not safe integers to toLocaleString", () => {
    for (const value of [1.5, -0, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatCount(value)).toBe(value.toLocaleString("en-US"));
    }
  });

  it("is what plural and capList print", () => {
    expect(plural(1, "error")).toBe("1 error");
    expect(plural(12_345, "warning")).toBe("12,345 warnings");
    expect(capList(["a", "b", ...Array.from({ length: 1500 }, () => "c")], 2)).toBe(
      "a, b, +1,500 more",
    );
  });
});
