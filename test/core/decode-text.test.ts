/**
 * Where decodeText says a file stops being UTF-8: the first byte of the sequence that is wrong
 * (the lead byte of a cut-short character, not the byte after it), with its value.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { decodeText } from "../../src/core/decode-text.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));

describe("decodeText on bytes that are not UTF-8", () => {
  it.each([
    // A Latin-1 "é" (0xE9) followed by a space: 0xE9 opens a 3-byte sequence the space ends.
    ["a Latin-1 é before a space", bytes('{"t": "caf', [0xe9], ' au lait"}'), 0xe9, 10, 11],
    ["a Latin-1 é at the end of the file", bytes('{"t": "caf', [0xe9]), 0xe9, 10, 11],
    ["a 4-byte lead cut short after two bytes", bytes('"', [0xf0, 0x9f], 'x"'), 0xf0, 1, 2],
    [
      "a lead byte with a continuation it cannot take",
      bytes('"', [0xe0, 0x80, 0x80], '"'),
      0xe0,
      1,
      2,
    ],
    ["a continuation byte with no lead", bytes('"ok', [0x80], '"'), 0x80, 3, 4],
    ["a byte UTF-8 never uses", bytes('"é', [0xff], '"'), 0xff, 3, 3],
    ["a stray byte right after a complete character", bytes('"é', [0xa9, 0x41]), 0xa9, 3, 3],
  ])("names the start of %s", (_, input, byte, offset, column) => {
    const hex = byte.toString(16).padStart(2, "0");
    expect(decodeText(input)).toEqual({
      ok: false,
      message: `file is not valid UTF-8 (byte 0x${hex} at offset ${offset})`,
      position: { line: 1, column },
    });
  });

  it("counts lines and columns up to the bad sequence", () => {
    const decoded = decodeText(bytes('{\n  "tïtle": "d', [0xe9], 'j"\n}'));
    expect(decoded).toEqual({
      ok: false,
      message: "file is not valid UTF-8 (byte 0xe9 at offset 16)",
      position: { line: 2, column: 14 },
    });
  });

  it("always names an offset the text before which is whole UTF-8, and the byte found there", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (input) => {
        const decoded = decodeText(input);
        if (decoded.ok) return;
        const [, byte, at] = /byte 0x([0-9a-f]{2}) at offset (\d+)/.exec(decoded.message) ?? [];
        const offset = Number(at);
        expect(() => strict.decode(input.subarray(0, offset))).not.toThrow();
        expect(parseInt(byte ?? "", 16)).toBe(input[offset]);
      }),
      { numRuns: 2000 },
    );
  });
});
