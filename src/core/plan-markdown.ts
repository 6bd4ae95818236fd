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
 * remark does the markdown, except for pieces written in the plain subset most PLANs keep to,
 * which `plain-blocks.ts` reads into the same tree without micromark (far cheaper on a cold
 * start); this module walks the tree (iteratively) and matches the text of headings and line
 * starts with small anchored regexes that run in linear time. The parts live in `plan-markdown/`:
 * the text is cut into pieces (`chunking.ts`), each piece parsed within a cost budget
 * (`piece-parser.ts`) and walked (`tree-walk.ts`) into the reader's state machine
 * (`achievement-reader.ts`).
 */
import type { PlanDocument } from "./model.js";
import { PlanReader } from "./plan-markdown/achievement-reader.js";
import { splitIntoChunks, type Chunk } from "./plan-markdown/chunking.js";
import { PieceParser } from "./plan-markdown/piece-parser.js";

export { sectionKey } from "./plan-markdown/section-labels.js";

const ACHIEVEMENT_WORD_RE = /achievement/iu;
/** A line that may be a setext underline or a thematic break. */
const STRUCTURE_RE = /^[ \t>]*(?:=+[ \t]*$|-+[ \t]*$|[-*_][ \t]*[-*_][ \t]*[-*_])/m;
const ESTIMATE_HINT_RE = /estimat|⏱/i;

/** The achievements of a PLAN markdown text. Pure; never throws. */
export function parsePlanMarkdown(text: string): PlanDocument {
  if (typeof text !== "string") return { title: null, achievements: [] };
  // micromark drops a byte order mark and counts offsets without it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const reader = new PlanReader(source);
  const parser = new PieceParser(source);
  try {
    let skippedHeadings: Chunk | null = null;
    for (const chunk of splitIntoChunks(source)) {
      // A piece that can change nothing is not parsed (remark is the slow part): no entry, and
      // no heading, rule, label or estimate where one could matter. Its headings still set the
      // rank of a later bold entry: the last such piece is parsed first when one comes.
      const piece = source.slice(chunk.start, chunk.end);
      const open = reader.inAchievement();
      const structure = piece.includes("#") || STRUCTURE_RE.test(piece);
      const needed =
        ACHIEVEMENT_WORD_RE.test(piece) ||
        (structure && (open || reader.wantsTitle())) ||
        (open && (piece.includes("**") || piece.includes("__") || ESTIMATE_HINT_RE.test(piece)));
      if (!needed) {
        if (structure) skippedHeadings = chunk;
        continue;
      }
      if (skippedHeadings) parser.read(skippedHeadings, reader);
      skippedHeadings = null;
      parser.read(chunk, reader);
    }
    reader.finish(source.length);
  } catch {
    // Unexpected input shape: keep what was read so far.
  }
  return reader.document();
}
