/**
 * Makes the CLI bundle ASCII-only. esbuild escapes every non-ASCII character of its output except
 * those of regular expression literals (`/estimat|⏱/i` stays as written), and one such character
 * is enough for V8 to hold the whole bundle as a two-byte string: a slower read (UTF-8 decoding
 * into twice the bytes) and a slower compile on every run. Each non-ASCII character of a regular
 * expression, a string, an untagged template or a comment becomes the `\uXXXX` escape of its
 * UTF-16 code unit, which means the same character there (a surrogate pair written as two escapes
 * is one code point under the `u` flag too). A tagged template's raw text, or anything else, is
 * left as it is and reported: the bundle then still works, two-byte.
 */
import ts from "typescript";

/** Where an escape means the same as the character it replaces. */
const ESCAPABLE = new Set([
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/**
 * `text` (JavaScript) with its non-ASCII characters escaped where that keeps its meaning, and the
 * offsets of those it kept.
 */
export function escapeNonAscii(text) {
  const offsets = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) offsets.push(i);
  if (offsets.length === 0) return { text, kept: [] };
  const file = ts.createSourceFile(
    "bundle.js",
    text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const kept = [];
  let out = "";
  let copied = 0;
  for (const offset of offsets) {
    if (!isEscapable(file, offset)) {
      kept.push(offset);
      continue;
    }
    // `\é` (an identity escape) is `é`: the backslash goes with the character it escapes.
    let start = offset;
    while (start > copied && text[start - 1] === "\\") start--;
    const escaped = (offset - start) % 2 === 1;
    out += text.slice(copied, escaped ? offset - 1 : offset);
    out += `\\u${text.charCodeAt(offset).toString(16).toUpperCase().padStart(4, "0")}`;
    copied = offset + 1;
  }
  return { text: out + text.slice(copied), kept };
}

/** Whether `offset` lies in a comment or in a literal whose escapes mean what they replace. */
function isEscapable(file, offset) {
  for (let node = file; ;) {
    // The child holding `offset`, or else the gap between children where it sits (tokens of
    // `node` itself, such as punctuation, and trivia: no literal, as literals are nodes).
    let child;
    let gapStart = node.getStart(file);
    let gapEnd = node.end;
    ts.forEachChild(node, (c) => {
      if (c.end <= offset) {
        gapStart = c.end;
        return undefined;
      }
      if (c.pos <= offset) child = c;
      else gapEnd = c.pos;
      return true;
    });
    if (child === undefined) return inComment(file.text, gapStart, gapEnd, offset);
    const start = child.getStart(file);
    if (offset < start) return inComment(file.text, child.pos, start, offset);
    if (ESCAPABLE.has(child.kind)) return !isTaggedTemplatePart(child);
    node = child;
  }
}

/** Whether `offset` is inside a comment among the tokens of `text` from `from` to `to`. */
function inComment(text, from, to, offset) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard);
  scanner.setText(text, from, to - from);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (offset < scanner.getTokenStart()) return false;
    if (offset < scanner.getTokenEnd()) {
      return (
        kind === ts.SyntaxKind.SingleLineCommentTrivia ||
        kind === ts.SyntaxKind.MultiLineCommentTrivia
      );
    }
  }
  return false;
}

function isTaggedTemplatePart(node) {
  if (
    node.kind === ts.SyntaxKind.StringLiteral ||
    node.kind === ts.SyntaxKind.RegularExpressionLiteral
  )
    return false;
  for (let up = node.parent; up; up = up.parent) {
    if (ts.isTaggedTemplateExpression(up)) return true;
    if (!ts.isTemplateExpression(up) && !ts.isTemplateSpan(up)) return false;
  }
  return false;
}
