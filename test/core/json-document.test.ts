import { describe, expect, it } from "@jest/globals";
import { parseJsonDocument } from "../../src/core/json-document.js";
import { decodeText } from "../../src/core/decode-text.js";

describe("parseJsonDocument", () => {
  it("locates values by JSON path at 1-based line and column", () => {
    const text = '{\n  "levels": [\n    { "id": "1.1", "deps": ["9.9"] }\n  ]\n}\n';
    const parsed = parseJsonDocument(text, 64);
    if (!parsed.ok) throw new Error("expected valid JSON");
    expect(parsed.document.locate(["levels", 0, "deps", 0])).toEqual({ line: 3, column: 29 });
    expect(parsed.document.locate(["levels", 0, "id"])).toEqual({ line: 3, column: 13 });
  });

  it("falls back to the nearest existing ancestor for a missing property", () => {
    const parsed = parseJsonDocument('{\n  "a": {\n    "b": 1\n  }\n}', 64);
    if (!parsed.ok) throw new Error("expected valid JSON");
    expect(parsed.document.locate(["a", "missing"])).toEqual({ line: 2, column: 8 });
  });

  it.each([
    ["an empty file", "", 1, 1, "file is empty"],
    ["whitespace only", "  \n\n", 1, 1, "file is empty"],
    ["a missing comma", '{\n  "a": 1\n  "b": 2\n}', 3, 3, "comma expected"],
    ["a truncated file", '{\n  "a": [1, 2', 2, 13, "the file ends too early"],
    ["a trailing comma", '{ "a": 1, }', 1, 11, "property name expected"],
    ["a comment", '{ // note\n "a": 1 }', 1, 3, "invalid comment token"],
  ])("reports %s with its position", (_name, text, line, column, message) => {
    const parsed = parseJsonDocument(text, 64);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.position).toEqual({ line, column });
    expect(parsed.message).toContain(message);
  });

  it("reports 100,000-deep nesting without overflowing the stack, valid or truncated", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const valid = parseJsonDocument(deep, 64);
    expect(valid).toMatchObject({ ok: false, kind: "depth", position: { line: 1, column: 65 } });
    const truncated = parseJsonDocument("[".repeat(100_000), 64);
    expect(truncated).toMatchObject({
      ok: false,
      kind: "syntax",
      position: { line: 1, column: 65 },
    });
  });

  it("keeps __proto__ and constructor keys as plain data", () => {
    const parsed = parseJsonDocument(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
      64,
    );
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("decodeText", () => {
  it("strips a byte order mark", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({
      ok: true,
      text: "{}",
    });
  });

  it("locates the first byte that is not UTF-8", () => {
    const bytes = new Uint8Array([...Buffer.from('{\n  "tïtle": "'), 0xff, ...Buffer.from('"\n}')]);
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({
      ok: false,
      message: "file is not valid UTF-8 (byte 0xff at offset 15)",
      position: { line: 2, column: 13 },
    });
  });
});
