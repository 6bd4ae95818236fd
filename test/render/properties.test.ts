import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { renderMarkdown } from "../../src/render/markdown.js";
import { renderMermaid } from "../../src/render/mermaid.js";
import {
  escapeMarkdownInline,
  mermaidLabel,
  truncateUtf8,
  utf8ByteLength,
} from "../../src/render/sanitize.js";
import { mermaidProblems } from "./mermaid-grammar.js";
import { makePlan, makeReport, type LevelSpec } from "./report-factory.js";

/** Strings rich in the characters every format treats as syntax. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(..."@<>&|`*_[]()#\"'\\\n\r%;{}~$-+=!:"),
    fc.constantFrom("\u001b", "\u202E", "\u2028", "é", "😀", "\uD800"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 80,
});

const plans = fc
  .array(
    fc.record({
      parallel: fc.boolean(),
      achievements: fc.array(fc.record({ id: hostile, title: hostile }), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .chain((levels) => {
    const ids = levels.flatMap((l) => l.achievements.map((a) => a.id));
    return fc.tuple(
      fc.constant(levels),
      fc.array(fc.subarray(ids, { maxLength: Math.min(3, ids.length) }), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
      hostile,
    );
  })
  .map(([levels, deps, name]) => {
    let k = 0;
    const specs: LevelSpec[] = levels.map((level) => ({
      parallel: level.parallel,
      achievements: level.achievements.map((a) => ({ ...a, deps: deps[k++] ?? [] })),
    }));
    return makePlan({ name, levels: specs });
  });

describe("sanitizers on arbitrary text", () => {
  it("escapeMarkdownInline never emits HTML, line breaks, pings or bare pipes", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeMarkdownInline(s);
        expect(out).not.toMatch(/[<>\n\r\u2028]/);
        expect(out).not.toMatch(/@[^\u200B]/);
        expect(out.replace(/\\\\/g, "")).not.toMatch(/(^|[^\\])[|`*_[\]]/);
      }),
    );
  });

  it("mermaidLabel never emits a character that ends a label or a fence", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(mermaidLabel(s)).not.toMatch(/["`[\]\n\r<>@%]/);
      }),
    );
  });

  it("truncateUtf8 returns a prefix within the byte budget", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.nat(120), (s, max) => {
        const cut = truncateUtf8(s, max);
        expect(s.startsWith(cut)).toBe(true);
        expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(max);
        expect(utf8ByteLength(cut)).toBe(Buffer.byteLength(cut));
      }),
    );
  });
});

describe("renderers on arbitrary plans", () => {
  it("renderMermaid always emits a well-formed flowchart within budget", () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 14, max: 3000 }), (plan, budget) => {
        const out = renderMermaid(plan, budget);
        expect(utf8ByteLength(out)).toBeLessThanOrEqual(budget);
        expect(mermaidProblems(out)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("renderMarkdown stays within budget with balanced fences", () => {
    fc.assert(
      fc.property(
        fc.array(plans, { maxLength: 4 }),
        fc.integer({ min: 100, max: 6000 }),
        (ps, max) => {
          const out = renderMarkdown(makeReport(...ps), { maxBytes: max });
          expect(utf8ByteLength(out)).toBeLessThanOrEqual(max);
          expect(out.match(/^```/gm)?.length ?? 0).toBeLessThanOrEqual(2 * ps.length);
          expect((out.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
          expect(out).not.toMatch(/<|@[^\u200B]/);
        },
      ),
      { numRuns: 100 },
    );
  });
});
