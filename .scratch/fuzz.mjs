import { compare } from "./diff.mjs";
let seed = Number(process.argv[2] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const words = ["a", "Achievement 1.2:", "foo", "bar", "x_y", "_u_", "*", "**", "***", "_", "__", "`", "``", "`code`", "🔄", "⏱️", "2-3h", "(1-2h)", ":", ".", ",", "é", "**Purpose**:", "**Status:**", "*em*", "_em_", "a*b", "a_b", "—", "!", "#", "1.", "-", "+", "'", "\"", ")", "***a***", "**a*", "*a**", "_a__", "__a__", "**(x)**", "**x:**", "(**y**)", "*(z)*", "a**b**c", "__init__", "x__y__z", "**", "*_a_*", "_*a*_", "****", "** a **", "*a *b* c*", "`a`b`", "``a`b``", "` `", "`  x  `", "1", "a.", "é*", "*é", "🔄**x**", "**x**🔄"];
const inline = () => { let s = ""; const n = 1 + Math.floor(rnd() * 6); for (let i = 0; i < n; i++) s += (i && rnd() < 0.7 ? " " : "") + pick(words); return s; };
const prefixes = ["      ", "        - ", "      1. ", "  2. ", "10. ", "1.  ", "-    ", "", "", "", "- ", "* ", "+ ", "1. ", "2. ", "1) ", "  ", "   ", "    ", "  - ", "   - ", "    - ", "  1. ", "     ", "#", "# ", "## ", "### ", "-", "---", "***", " ", "- - ", "-  ", "-     "];
const line = () => { const r = rnd(); if (r < 0.12) return ""; if (r < 0.16) return pick(["---", "- - -", "--", "==", "***", "___", "-", "---  ", "----", "   ---", "  ---  ", "-- -"]); return pick(prefixes) + inline() + pick(["", "", "", "  ", " ", "   "]); };
let bad = 0, same = 0, outside = 0;
for (let k = 0; k < Number(process.argv[3] ?? 20000); k++) {
  const n = 1 + Math.floor(rnd() * 14);
  const doc = Array.from({ length: n }, line).join("\n");
  const r = compare(doc);
  if (r === "same") same++; else if (r === "outside") outside++; else { bad++; if (bad <= 4) { console.log("---- DOC", JSON.stringify(doc)); let i = 0; while (r.a[i] === r.b[i]) i++; console.log(" mine:", r.a.slice(Math.max(0, i - 150), i + 150)); console.log(" ref :", r.b.slice(Math.max(0, i - 150), i + 150)); } }
}
console.log({ same, outside, bad });
