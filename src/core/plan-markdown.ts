/**
 * Reading PLAN_<NAME>.md: the achievements it describes, their titles, estimates and labelled
 * sections (Purpose, Deliverables, …), each with the position where it is introduced.
 *
 * Three ways of writing an achievement are understood, and may be mixed in one file:
 * - heading form: `### Achievement 1.2: Title (1-2h)`; sub-sections are deeper headings or labels;
 * - bold form: `**Achievement 3.2: Title** ⏱️ 3-5 hours`, then `**Purpose**: …` labels written
 *   as paragraphs or list items;
 * - index form: a list item `- Achievement 1.1: Title (2-3h)`, kept only when no detailed entry
 *   exists for the id.
 *
 * remark does the markdown; this module walks the tree (iteratively) and matches the text of
 * headings and line starts with small anchored regexes that run in linear time.
 */
import type { Heading, ListItem, Nodes, Paragraph, PhrasingContent, Root, Strong } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parseEstimate } from "./estimate.js";
import type { PlanAchievement, PlanDocument, PlanSection } from "./model.js";
import type { Position } from "./types.js";

const processor = unified().use(remarkParse);

/** Achievement `<digits>.<digits>` at the start of a line, after at most a short symbol prefix. */
const MARKER_RE =
  /^[^\p{L}\p{N}|]{0,8}(?:\[[ xX]\][ \t]{0,4})?achievement[ \t]{1,4}(\d{1,6}\.\d{1,6})(?![\d.])(.*)$/iu;
/** What may follow the id: nothing, a separator, the clock emoji or an estimate in parentheses. */
const AFTER_ID = new Set([":", "-", "–", "—", "⏱", "("]);
/** A leading estimate: "2-3 hours", "1.5h", "45 min", "2 to 3h". */
const ESTIMATE_HEAD_RE =
  /^(\d{1,5}(?:\.\d{1,3})?(?:[ \t]{0,3}(?:-|–|to)[ \t]{0,3}\d{1,5}(?:\.\d{1,3})?)?)(?:[ \t]{0,3}(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)(?![\p{L}\p{N}]))?/iu;
/** A plain (not bold) estimate line under an achievement: "Estimated: 1-2 hours", "⏱️ 2h". */
const ESTIMATE_LINE_RE =
  /^[^\p{L}\p{N}]{0,4}(?:estimated?(?:[ \t]{1,4}(?:time|hours|effort|duration))?|time[ \t]{1,4}estimate)[ \t]{0,4}:(.*)$/iu;
/** Text allowed before a bold lead on a line: indentation, a status emoji, a checkbox mark. */
const LEAD_PREFIX_RE = /^[^\p{L}\p{N}|]{0,8}$/u;
const LINE_END_RE = /\r\n|\r|\n/;

/** Labels that name the same section under different words (Map: labels are user data). */
const SECTION_KEYS = new Map([
  ["purpose", "purpose"],
  ["goal", "purpose"],
  ["goals", "purpose"],
  ["why", "purpose"],
  ["what", "what"],
  ["deliverables", "deliverables"],
  ["deliverable", "deliverables"],
  ["approach", "approach"],
  ["how", "approach"],
  ["success_criteria", "success_criteria"],
  ["success", "success_criteria"],
  ["dependencies", "dependencies"],
  ["dependency", "dependencies"],
  ["depends_on", "dependencies"],
]);
const KNOWN_KEYS = new Set(SECTION_KEYS.values());
/** Labels that carry the estimate instead of a section. */
const ESTIMATE_KEYS = new Set([
  "estimate",
  "estimated",
  "estimated_time",
  "estimated_hours",
  "estimated_effort",
  "estimated_duration",
  "time_estimate",
]);

/** The achievements of a PLAN markdown text. Pure; never throws. */
export function parsePlanMarkdown(text: string): PlanDocument {
  if (typeof text !== "string") return { title: null, achievements: [] };
  // micromark drops a byte order mark and counts offsets without it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const reader = new PlanReader(source);
  try {
    for (const chunk of splitIntoChunks(source)) {
      const root = parseChunk(source.slice(chunk.start, chunk.end));
      if (root) walk(root, new Locator(chunk), reader);
    }
    reader.finish(source.length);
  } catch {
    // Unexpected input shape: keep what was read so far.
  }
  return reader.document();
}

function parseChunk(text: string): Root | null {
  try {
    return processor.parse(text);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Chunking. micromark copies its whole event list each time it closes a list or block quote, so
// a document with thousands of lists parses in quadratic time (10,000 achievements: about a
// minute). Parsing the text in pieces cut only where the whole-text parse would also start a new
// top-level block keeps it linear; small documents are one piece.

const SOFT_CHUNK_LINES = 100;
/** Past this, also cut before an indented line after a blank line (hostile documents only). */
const HARD_CHUNK_LINES = 400;

interface Chunk {
  start: number;
  end: number;
  /** 1-based line of the chunk's first character. */
  line: number;
}

function splitIntoChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const blocks = new BlockTracker();
  let chunk: Chunk = { start: 0, end: text.length, line: 1 };
  let chunkLines = 0;
  let line = 1;
  let prevBlank = false;
  let pos = 0;
  while (pos < text.length) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const lineText = text.slice(pos, end);
    const blank = isBlank(lineText);
    if (
      chunkLines >= SOFT_CHUNK_LINES &&
      !blank &&
      blocks.startsTopLevelBlock(lineText, prevBlank, chunkLines >= HARD_CHUNK_LINES)
    ) {
      chunks.push({ ...chunk, end: pos });
      chunk = { start: pos, end: text.length, line };
      chunkLines = 0;
    }
    blocks.advance(lineText, blank);
    prevBlank = blank;
    chunkLines++;
    line++;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  chunks.push(chunk);
  return chunks;
}

const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const ATX_RE = /^#{1,6}(?:[ \t]|$)/;
const HTML_OPEN_RE = /^ {0,3}</;
const HTML_RAW_RE = /^(script|pre|style|textarea)(?:[\s>]|$)/i;

/**
 * Just enough block state to know where a cut is safe: inside a fenced code block or an HTML
 * block that ends on a marker, a line starting with `#` is not a heading. Errs on the side of
 * "still inside", which only means fewer cuts.
 */
class BlockTracker {
  private fence: { char: string; length: number } | null = null;
  /** End marker of an open HTML block (CommonMark kinds 1–5). */
  private htmlEnd: string | null = null;
  /** An HTML block that ends at the next blank line may be open. */
  private looseHtml = false;

  startsTopLevelBlock(line: string, prevBlank: boolean, hard: boolean): boolean {
    if (this.fence || this.htmlEnd !== null) return false;
    const first = line.charCodeAt(0);
    const column0 = first !== 32 && first !== 9;
    // After a blank line, an unindented line closes every open container.
    if (prevBlank) return column0 || (hard && /^ {1,3}\S/.test(line));
    if (this.looseHtml || !column0) return false;
    // These interrupt a paragraph and cannot continue a container lazily.
    return ATX_RE.test(line) || FENCE_OPEN_RE.test(line);
  }

  advance(line: string, blank: boolean): void {
    if (this.fence) {
      const close = FENCE_CLOSE_RE.exec(line)?.[1];
      if (close && close[0] === this.fence.char && close.length >= this.fence.length) {
        this.fence = null;
      }
      return;
    }
    if (this.htmlEnd !== null) {
      if (line.toLowerCase().includes(this.htmlEnd)) this.htmlEnd = null;
      return;
    }
    if (blank) {
      this.looseHtml = false;
      return;
    }
    const open = FENCE_OPEN_RE.exec(line);
    if (open?.[1]) {
      const char = open[1][0] ?? "`";
      if (char !== "`" || !line.slice(open[0].length).includes("`")) {
        this.fence = { char, length: open[1].length };
      }
      return;
    }
    const html = HTML_OPEN_RE.exec(line);
    if (html) this.openHtml(line.slice(html[0].length));
  }

  /** `rest` follows the `<` that starts the line. */
  private openHtml(rest: string): void {
    let end: string | null = null;
    let after = "";
    const raw = HTML_RAW_RE.exec(rest);
    if (rest.startsWith("!--")) [end, after] = ["-->", rest.slice(3)];
    else if (rest.startsWith("?")) [end, after] = ["?>", rest.slice(1)];
    else if (rest.startsWith("![CDATA[")) [end, after] = ["]]>", rest.slice(8)];
    else if (/^![A-Za-z]/.test(rest)) [end, after] = [">", rest.slice(2)];
    else if (raw?.[1]) [end, after] = [`</${raw[1].toLowerCase()}>`, rest.slice(raw[1].length)];
    else if (/^\/?[A-Za-z]/.test(rest)) this.looseHtml = true;
    if (end !== null && !after.toLowerCase().includes(end)) this.htmlEnd = end;
  }
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

// ---------------------------------------------------------------------------------------------
// Walking the tree.

/** Turns positions inside a chunk into positions in the whole text. */
class Locator {
  constructor(private readonly chunk: Chunk) {}

  offset(node: Nodes, at: "start" | "end" = "start"): number {
    return (node.position?.[at].offset ?? 0) + this.chunk.start;
  }

  /** Offset of the start of the line `node` starts on. */
  lineStart(node: Nodes): number {
    return this.offset(node) - ((node.position?.start.column ?? 1) - 1);
  }

  position(node: Nodes): Position {
    const start = node.position?.start;
    return { line: (start?.line ?? 1) + this.chunk.line - 1, column: start?.column ?? 1 };
  }
}

interface Frame {
  node: Nodes;
  /** Number of list items around the node. */
  depth: number;
  /** The list item whose first child the node is. */
  item: ListItem | null;
}

function walk(root: Root, at: Locator, reader: PlanReader): void {
  const stack: Frame[] = [];
  const pushChildren = (nodes: Nodes[], depth: number, item: ListItem | null) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node) stack.push({ node, depth, item: i === 0 ? item : null });
    }
  };
  pushChildren(root.children, 0, null);
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, depth, item } = frame;
    if (node.type === "heading") reader.heading(node, depth, at);
    else if (node.type === "paragraph") reader.paragraph(node, depth, item, at);
    else if (node.type === "thematicBreak") reader.thematicBreak(at.lineStart(node));
    else if (node.type === "listItem") pushChildren(node.children, depth + 1, node);
    else if (node.type === "list" || node.type === "blockquote") {
      pushChildren(node.children, depth, null);
    }
  }
}

/** The plain text of inline content: emphasis dropped, code spans and HTML kept as written. */
function inlineText(node: Nodes, source: string, at: Locator): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === "text" || n.type === "html") out.push(n.value);
    else if (n.type === "inlineCode") {
      out.push(n.position ? source.slice(at.offset(n), at.offset(n, "end")) : `\`${n.value}\``);
    } else if (n.type === "break") out.push("\n");
    else if (n.type === "image" || n.type === "imageReference") out.push(n.alt ?? "");
    else if ("children" in n) {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const child = n.children[i];
        if (child) stack.push(child);
      }
    }
  }
  return out.join("");
}

/** One line of a paragraph. */
interface InlineLine {
  text: string;
  /** A bold span opening the line (after at most a short symbol prefix). */
  lead: Strong | null;
  /** The line's text after the lead. */
  afterLead: string;
}

function paragraphLines(children: PhrasingContent[], source: string, at: Locator): InlineLine[] {
  const lines: InlineLine[] = [];
  let line: InlineLine = { text: "", lead: null, afterLead: "" };
  let leadPossible = true;
  const newLine = () => {
    lines.push(line);
    line = { text: "", lead: null, afterLead: "" };
    leadPossible = true;
  };
  for (const child of children) {
    if (child.type === "break") {
      newLine();
      continue;
    }
    const parts = (child.type === "text" ? child.value : inlineText(child, source, at)).split(
      LINE_END_RE,
    );
    parts.forEach((part, index) => {
      if (index > 0) newLine();
      if (line.lead) line.afterLead += part;
      else if (leadPossible && index === 0 && child.type === "strong") line.lead = child;
      line.text += part;
      leadPossible = !line.lead && child.type === "text" && LEAD_PREFIX_RE.test(line.text);
    });
  }
  lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Reading titles, estimates and labels.

interface Marker {
  id: string;
  title: string;
  estimateText: string | null;
}

/** The achievement introduced by a line of text, or null when the line introduces none. */
function readMarker(text: string): Marker | null {
  const match = MARKER_RE.exec(text);
  if (!match?.[1]) return null;
  let rest = (match[2] ?? "").trim();
  const first = rest[0];
  if (first !== undefined && !AFTER_ID.has(first)) return null;
  const onlyParenthesis = first === "(";
  rest = trimSeparators(rest);
  let estimateText: string | null = null;
  const clock = rest.indexOf("⏱");
  if (clock >= 0) {
    estimateText = readEstimate(rest.slice(clock + 1), true);
    rest = rest.slice(0, clock);
  }
  rest = trimDecoration(rest);
  if (estimateText === null && rest.endsWith(")")) {
    const open = rest.lastIndexOf("(");
    const inside = open >= 0 ? readEstimate(rest.slice(open + 1, -1), false) : null;
    if (inside !== null) {
      estimateText = inside;
      rest = trimDecoration(rest.slice(0, open));
    }
  }
  // "Achievement 1.3 (Validation Script)" refers to an achievement, it does not introduce one.
  if (onlyParenthesis && rest !== "") return null;
  return { id: match[1], title: rest, estimateText };
}

/** The estimate at the start of `text` ("2-3 hours, sequential" → "2-3 hours"), or null. */
function readEstimate(text: string, unitOptional: boolean): string | null {
  const candidate = text
    .replace(/^[\s\uFE0F~≈:]{0,16}/u, "")
    .replace(/^est(?:imated?)?\.?:?\s{0,4}/i, "");
  const match = ESTIMATE_HEAD_RE.exec(candidate);
  if (!match || (!match[2] && !unitOptional)) return null;
  const next = candidate[match[0].length];
  if (next !== undefined && /[\p{L}\p{N}.]/u.test(next)) return null;
  const estimate = match[0].trim();
  return parseEstimate(estimate) ? estimate : null;
}

const SEPARATORS = new Set([":", "-", "–", "—", "|"]);

function trimSeparators(text: string): string {
  let start = 0;
  while (
    start < text.length &&
    (SEPARATORS.has(text[start] ?? "") || /\s/.test(text[start] ?? ""))
  ) {
    start++;
  }
  return text.slice(start);
}

/** Drops trailing whitespace, emoji and separators: "Polish ✨" → "Polish". */
function trimDecoration(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    const width = code >= 0xdc00 && code <= 0xdfff && end > 1 ? 2 : 1;
    const char = text.slice(end - width, end);
    if (!/^[\s\uFE0F\u200D\p{Extended_Pictographic}]$/u.test(char) && !SEPARATORS.has(char)) break;
    end -= width;
  }
  return text.slice(0, end).trim();
}

interface Label {
  /** The label as written, without its colon. */
  heading: string;
  key: string;
  /** Offset where the label's content starts (after the colon). */
  contentStart: number;
  /** The rest of the label's line. */
  rest: string;
}

/** `**Purpose**: …` or `**Purpose:** …` at the start of a line. */
function readLabel(line: InlineLine, source: string, at: Locator): Label | null {
  if (!line.lead) return null;
  const strong = inlineText(line.lead, source, at).trim();
  const leadEnd = at.offset(line.lead, "end");
  let heading: string;
  let contentStart = leadEnd;
  let rest = line.afterLead;
  if (strong.endsWith(":")) heading = strong.slice(0, -1).trim();
  else if (/^[ \t]*:/.test(rest)) {
    heading = strong;
    rest = rest.slice(rest.indexOf(":") + 1);
    const colon = source.slice(leadEnd, leadEnd + 8).indexOf(":");
    if (colon >= 0) contentStart = leadEnd + colon + 1;
  } else return null;
  if (heading.length === 0 || heading.length > 60 || !/\p{L}/u.test(heading)) return null;
  return { heading, key: sectionKey(heading), contentStart, rest };
}

/** "Success Criteria" → success_criteria; unknown labels → their snake-case slug. */
export function sectionKey(label: string): string {
  const parts = label.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const slug = parts.filter((part) => part !== "").join("_");
  return SECTION_KEYS.get(slug) ?? (slug === "" ? "section" : slug);
}

/** A section's markdown as written, with the indentation its list item added removed. */
function sectionText(raw: string): string {
  const [first = "", ...rest] = raw.split(LINE_END_RE);
  let end = rest.length;
  while (end > 0 && isBlank(rest[end - 1] ?? "")) end--;
  const body = rest.slice(0, end);
  let indent = Infinity;
  for (const line of body) {
    if (!isBlank(line)) indent = Math.min(indent, line.length - line.trimStart().length);
  }
  const lines = [first.trim(), ...body.map((line) => (isBlank(line) ? "" : line.slice(indent)))];
  let start = 0;
  while (start < lines.length && lines[start] === "") start++;
  return lines.slice(start).join("\n");
}

// ---------------------------------------------------------------------------------------------
// The reader: a state machine fed with headings, paragraphs and breaks in document order.

type Form = "heading" | "bold" | "item";

interface OpenAchievement {
  marker: Marker;
  form: Form;
  /** Depth of the heading that bounds it: a heading this deep or shallower closes it. */
  rank: number;
  /** Offset where it ends at the latest (the end of its list item for the index form). */
  limit: number;
  offset: number;
  position: Position;
  estimateText: string | null;
  /** List depth of its section labels (the first label sets it). */
  labelDepth: number | null;
  sections: PlanSection[];
}

interface OpenSection {
  key: string;
  heading: string;
  contentStart: number;
  depth: number;
  /** End of the list item holding the label. */
  itemEnd: number | null;
  /** Depth of the heading that opened it (null for a label). */
  headingDepth: number | null;
}

interface Entry {
  achievement: PlanAchievement;
  offset: number;
  detailed: boolean;
}

class PlanReader {
  private title: string | null | undefined = undefined;
  private headingDepth = 0;
  private current: OpenAchievement | null = null;
  private section: OpenSection | null = null;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly source: string) {}

  heading(node: Heading, depth: number, at: Locator): void {
    const text = inlineText(node, this.source, at)
      .replace(/\r\n|\r|\n/g, " ")
      .trim();
    if (node.depth === 1 && this.title === undefined) this.title = text === "" ? null : text;
    const offset = at.lineStart(node);
    this.reachLimit(offset);
    const marker = readMarker(text);
    const current = this.current;
    if (marker) {
      this.open(marker, "heading", node.depth, Infinity, offset, at.position(node));
    } else if (current && node.depth <= current.rank) {
      this.close(offset);
    } else if (current) {
      // A deeper heading opens a section; one below a heading section is part of it.
      const sectionDepth = this.section?.headingDepth ?? null;
      if (sectionDepth === null || node.depth <= sectionDepth) {
        const label = text.replace(/:$/, "").trim();
        this.openSection(label, at.offset(node, "end"), depth, null, offset, node.depth);
      }
    }
    this.headingDepth = node.depth;
  }

  paragraph(node: Paragraph, depth: number, item: ListItem | null, at: Locator): void {
    paragraphLines(node.children, this.source, at).forEach((line, index) => {
      if (index === 0 && item) {
        const marker = readMarker(line.text);
        const offset = at.lineStart(item);
        if (marker)
          this.marker(marker, "item", depth, offset, at.offset(item, "end"), at.position(item));
        else this.label(readLabel(line, this.source, at), depth, offset, at.offset(item, "end"));
      } else if (line.lead) {
        const marker = readMarker(line.text);
        const offset = at.lineStart(index === 0 ? node : line.lead);
        const position = at.position(index === 0 ? node : line.lead);
        if (marker) this.marker(marker, "bold", depth, offset, Infinity, position);
        else this.label(readLabel(line, this.source, at), depth, offset, null);
      } else if (index === 0) {
        this.plainEstimate(line.text, at.lineStart(node));
      }
    });
  }

  thematicBreak(offset: number): void {
    this.reachLimit(offset);
    if (!this.current) return;
    // A rule ends a bold or index entry; a heading-form entry ends at the next heading.
    if (this.current.form === "heading") this.closeSection(offset);
    else this.close(offset);
  }

  finish(end: number): void {
    this.reachLimit(end);
    this.close(Math.min(end, this.current?.limit ?? end));
  }

  document(): PlanDocument {
    const entries = [...this.entries.values()].sort((a, b) => a.offset - b.offset);
    return { title: this.title ?? null, achievements: entries.map((entry) => entry.achievement) };
  }

  private marker(
    marker: Marker,
    form: Form,
    depth: number,
    offset: number,
    limit: number,
    position: Position,
  ): void {
    this.reachLimit(offset);
    // Nested inside a section ("Dependencies: - Achievement 1.1: …"): a reference, not an entry.
    if (this.section && depth > this.section.depth) return;
    this.open(marker, form, this.headingDepth, limit, offset, position);
  }

  private label(label: Label | null, depth: number, offset: number, itemEnd: number | null): void {
    this.reachLimit(offset);
    const current = this.current;
    const section = this.section;
    if (!label || !current || (section?.headingDepth ?? null) !== null) return;
    const starts =
      !section ||
      depth <= (current.labelDepth ?? depth) ||
      (KNOWN_KEYS.has(label.key) && !(section.itemEnd !== null && offset < section.itemEnd));
    if (!starts) return;
    if (ESTIMATE_KEYS.has(label.key)) {
      this.closeSection(offset);
      current.estimateText ??= readEstimate(label.rest, true);
      return;
    }
    this.openSection(label.heading, label.contentStart, depth, itemEnd, offset, null);
    current.labelDepth = Math.min(current.labelDepth ?? depth, depth);
  }

  private plainEstimate(text: string, offset: number): void {
    this.reachLimit(offset);
    if (!this.current || this.section || this.current.estimateText !== null) return;
    const clock = text.trimStart().startsWith("⏱") ? text.trimStart().slice(1) : null;
    const rest = clock ?? ESTIMATE_LINE_RE.exec(text)?.[1];
    if (rest !== undefined) this.current.estimateText = readEstimate(rest, true);
  }

  private open(
    marker: Marker,
    form: Form,
    rank: number,
    limit: number,
    offset: number,
    position: Position,
  ): void {
    this.close(offset);
    this.current = {
      marker,
      form,
      rank,
      limit,
      offset,
      position,
      estimateText: marker.estimateText,
      labelDepth: null,
      sections: [],
    };
  }

  private openSection(
    heading: string,
    contentStart: number,
    depth: number,
    itemEnd: number | null,
    offset: number,
    headingDepth: number | null,
  ): void {
    this.closeSection(offset);
    const key = sectionKey(heading);
    this.section = { key, heading, contentStart, depth, itemEnd, headingDepth };
  }

  /** Closes the open entry when `offset` lies past the end of its list item. */
  private reachLimit(offset: number): void {
    if (this.current && offset >= this.current.limit) this.close(this.current.limit);
  }

  private closeSection(end: number): void {
    const section = this.section;
    if (!section || !this.current) return;
    const raw = this.source.slice(section.contentStart, Math.max(section.contentStart, end));
    this.current.sections.push({
      key: section.key,
      heading: section.heading,
      text: sectionText(raw),
    });
    this.section = null;
  }

  private close(end: number): void {
    const current = this.current;
    if (!current) return;
    this.closeSection(end);
    this.current = null;
    const detailed = current.form !== "item" || current.sections.length > 0;
    const existing = this.entries.get(current.marker.id);
    if (existing && (existing.detailed || !detailed)) return;
    const estimateText = current.estimateText;
    this.entries.set(current.marker.id, {
      offset: current.offset,
      detailed,
      achievement: {
        id: current.marker.id,
        title: current.marker.title,
        estimateText,
        estimate: estimateText === null ? null : parseEstimate(estimateText),
        sections: current.sections,
        position: current.position,
      },
    });
  }
}
