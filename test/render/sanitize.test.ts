import { describe, expect, it } from "@jest/globals";
import {
  dotString,
  escapeMarkdownInline,
  fenceFor,
  mermaidLabel,
  singleLine,
  truncateUtf8,
  utf8ByteLength,
} from "../../src/render/sanitize.js";
import { HOSTILE_TITLES } from "./hostile.js";

describe("escapeMarkdownInline", () => {
  it("breaks @mentions so they never ping", () => {
    const out = escapeMarkdownInline("ping @octocat and @org/team");
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).toContain("@\u200Boctocat");
  });

  it("leaves no raw HTML", () => {
    expect(escapeMarkdownInline("<script>alert(1)</script> & co")).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co",
    );
  });

  it("escapes table pipes, emphasis, code, links and math", () => {
    expect(escapeMarkdownInline("a|b *c* _d_ `e` [f](g) ~h~ $i$ \\")).toBe(
      "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$i\\$ \\\\",
    );
  });

  it("collapses newlines and neutralises leading block syntax", () => {
    expect(escapeMarkdownInline("one\ntwo\r\n\nthree")).toBe("one two three");
    expect(escapeMarkdownInline("# title")).toBe("#\u200B title");
    expect(escapeMarkdownInline("- item")).toBe("\\- item");
    expect(escapeMarkdownInline("1. item")).toBe("1\\. item");
    expect(escapeMarkdownInline("---")).toBe("\\---");
    expect(escapeMarkdownInline("1.2")).toBe("1.2");
    expect(escapeMarkdownInline("-5 degrees")).toBe("-5 degrees");
  });

  it("breaks #123 cross-references", () => {
    expect(escapeMarkdownInline("fixes #12")).toBe("fixes #\u200B12");
  });

  it("truncates to the maximum length with an ellipsis", () => {
    const out = escapeMarkdownInline("a".repeat(500), 10);
    expect(out).toBe("aaaaaaaaa…");
  });

  it.each(HOSTILE_TITLES)("keeps %j on one line without raw HTML or pings", (title) => {
    const out = escapeMarkdownInline(title);
    expect(out).not.toMatch(/[\n\r<>\u202E]/);
    expect(out).not.toContain("\u001b");
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).not.toMatch(/(^|[^\\])[|`]/);
  });
});

describe("fenceFor", () => {
  it("is three backticks for text without backtick runs", () => {
    expect(fenceFor("plain")).toBe("```");
  });

  it("is longer than the longest backtick run inside", () => {
    expect(fenceFor("a ``` b ````` c")).toBe("``````");
  });
});

describe("mermaidLabel", () => {
  it("encodes quotes, brackets, hashes, HTML, backticks and @ as entity codes", () => {
    expect(mermaidLabel('a"b[c]#d<e>`f`@g')).toBe("a#quot;b#91;c#93;#35;d#lt;e#gt;#96;f#96;#64;g");
  });

  it.each(HOSTILE_TITLES)("leaves nothing in %j that ends a label or a fence", (title) => {
    const out = mermaidLabel(title);
    expect(out).not.toMatch(/["`\n\r[\]<>@%]/);
  });

  it("truncates long labels", () => {
    expect(Array.from(mermaidLabel("x".repeat(300), 80))).toHaveLength(80);
  });
});

describe("dotString", () => {
  it("escapes quotes and backslashes", () => {
    expect(dotString('say "hi" \\N\nnext')).toBe('"say \\"hi\\" \\\\N next"');
  });
});

describe("singleLine", () => {
  it("shows terminal escape sequences and bidi overrides escaped", () => {
    expect(singleLine("\u001b[31mred\u001b[0m \u202Ex\u0007")).toBe(
      "\\u001B[31mred\\u001B[0m \\u202Ex\\u0007",
    );
  });
});

describe("truncateUtf8", () => {
  it("returns short text unchanged", () => {
    expect(truncateUtf8("héllo", 100)).toBe("héllo");
  });

  it("cuts on a code-point boundary", () => {
    // "é" is 2 bytes, "😀" is 4 bytes.
    expect(truncateUtf8("aé😀b", 2)).toBe("a");
    expect(truncateUtf8("aé😀b", 3)).toBe("aé");
    expect(truncateUtf8("aé😀b", 6)).toBe("aé");
    expect(truncateUtf8("aé😀b", 7)).toBe("aé😀");
  });

  it("keeps room for an ellipsis", () => {
    const out = truncateUtf8("abcdefgh", 6, "…");
    expect(out).toBe("abc…");
    expect(utf8ByteLength(out)).toBeLessThanOrEqual(6);
  });

  it("agrees with Buffer on byte length", () => {
    const text = "aé😀€\u{10FFFF}z";
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
    for (let max = 0; max <= 20; max++) {
      const cut = truncateUtf8(text, max);
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(max);
      expect(text.startsWith(cut)).toBe(true);
      expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });
});
