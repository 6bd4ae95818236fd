/**
 * Hostile comment bodies at GitHub's maximum length (65,536 characters), generated from a seed:
 * the shapes that make a markdown parser super-linear (nested lists and quotes, emphasis runs,
 * unclosed brackets, links, images, footnotes, backtick runs, HTML openers), each with
 * `/parallel` lines placed so the cheap pre-filter lets the body through to the parser.
 * Shared by the fuzz test (test/hostile/comment-scan.test.ts) and bench/comment-scan.bench.js.
 */

/** GitHub's limit on an issue or pull-request comment body. */
export const MAX_COMMENT_CHARS = 65_536;

/** Units repeated to fill a body: each alone is a known slow case for some markdown parser. */
const UNITS = [
  "- ",
  "* ",
  "1. ",
  "> ",
  ">",
  "- > ",
  "> - ",
  "*a",
  "**a",
  "_a",
  "__a",
  "*a_",
  "***",
  "[a",
  "[a]",
  "[a](",
  "[a](b",
  "![a](",
  "[^1]",
  "[^a]: ",
  "](",
  "`",
  "``a",
  "` ",
  "<!--",
  "<a ",
  "<a href='",
  "<?",
  "<![CDATA[",
  "&#",
  "\\",
  "~~a",
  "| a ",
  "# ",
  "    ",
  "\t",
  "a\n",
  "- a\n",
  "  - a\n",
  "> a\n",
  "```\n",
];

const COMMANDS = ["/parallel status", "/parallel help", "/parallel batch-subplans --level 2"];

/** A small deterministic PRNG (mulberry32), so every run sees the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(next, items) {
  return items[Math.floor(next() * items.length)];
}

/** `unit` repeated to `length` characters. */
function fill(unit, length) {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * One body of exactly `MAX_COMMENT_CHARS` characters: the hostile filler with command lines at
 * the start, middle and end (or mixed with a second filler, with line breaks every so often).
 */
function body(next, index) {
  const command = `\n${pick(next, COMMANDS)}\n`;
  const unit = UNITS[index % UNITS.length];
  const shape = Math.floor(index / UNITS.length) % 5;
  let text;
  if (shape === 0) {
    // One run, the command after it (the reported "- " × 8,000 case, at full length).
    text = fill(unit, MAX_COMMENT_CHARS - command.length) + command;
  } else if (shape === 1) {
    const half = Math.floor((MAX_COMMENT_CHARS - 3 * command.length) / 2);
    text = command + fill(unit, half) + command + fill(unit, half) + command;
  } else if (shape === 2) {
    // Two fillers interleaved, a line break now and then, commands sprinkled in.
    const other = pick(next, UNITS);
    const parts = [];
    let length = 0;
    while (length < MAX_COMMENT_CHARS) {
      const piece =
        next() < 0.02 ? command : fill(next() < 0.5 ? unit : other, 1 + Math.floor(next() * 400));
      parts.push(next() < 0.1 ? `${piece}\n` : piece);
      length += piece.length + 1;
    }
    text = parts.join("");
  } else if (shape === 3) {
    // A command line on every line of filler: many candidates, one paragraph.
    const line = `${fill(unit, 30)}\n/parallel status\n`;
    text = fill(line, MAX_COMMENT_CHARS);
  } else {
    // Nesting that grows line by line, then a command.
    const lines = [];
    let length = 0;
    for (let depth = 1; length < MAX_COMMENT_CHARS - command.length; depth++) {
      const line = `${fill(unit, Math.min(depth * unit.length, 2000))}x\n`;
      lines.push(line);
      length += line.length;
    }
    text = lines.join("").slice(0, MAX_COMMENT_CHARS - command.length) + command;
  }
  return text.slice(0, MAX_COMMENT_CHARS).padEnd(MAX_COMMENT_CHARS, " ");
}

/** `count` hostile bodies (at least one per unit and shape), each `MAX_COMMENT_CHARS` long. */
export function hostileComments(count = 5 * UNITS.length, seed = 14) {
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => ({
    name: `${JSON.stringify(UNITS[index % UNITS.length])} shape ${Math.floor(index / UNITS.length) % 5}`,
    body: body(next, index),
  }));
}
