/**
 * The reader: a state machine fed with headings, paragraphs and breaks in document order, which
 * opens an achievement at each marker line, opens a section at each label or deeper heading, and
 * closes them where the markdown says the entry ends (a heading as shallow, a rule, the end of
 * its list item).
 */
import type { Heading, Paragraph } from "mdast";
import { parseEstimate } from "../estimate.js";
import type { PlanAchievement, PlanDocument, PlanSection } from "../model.js";
import type { Position } from "../types.js";
import { AchievementEntries } from "./achievement-entries.js";
import { readMarker, type Marker } from "./achievement-marker.js";
import { readEstimate, readEstimateLine } from "./estimate-text.js";
import { holdShape } from "../held-shapes.js";
import { inlineText, paragraphLines } from "./inline-text.js";
import {
  ESTIMATE_KEYS,
  KNOWN_KEYS,
  readLabel,
  sectionKey,
  sectionText,
  type Label,
} from "./section-labels.js";
import type { BlockVisitor, Place } from "./tree-walk.js";

/** How the entry was written: `### Achievement …`, `**Achievement …**`, `- Achievement …`. */
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
  /** Number of list items around the label. */
  depth: number;
  /** Number of block quotes around the label. */
  quotes: number;
  /** End of the list item holding the label. */
  itemEnd: number | null;
  /** Depth of the heading that opened it (null for a label). */
  headingDepth: number | null;
}

/** Reads a PLAN document from its blocks, fed in document order by the tree walk. */
export class PlanReader implements BlockVisitor {
  private title: string | null | undefined = undefined;
  private headingDepth = 0;
  private current: OpenAchievement | null = null;
  private section: OpenSection | null = null;
  private readonly entries = new AchievementEntries();

  constructor(private readonly source: string) {}

  /** The first `#` heading is the title; others open an entry or a section, or close the entry. */
  heading(node: Heading, place: Place): void {
    const { at } = place;
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
        const heading = text.replace(/:$/, "").trim();
        const contentStart = at.offset(node, "end");
        this.openSection(heading, contentStart, place, null, node.depth, offset);
      }
    }
    this.headingDepth = node.depth;
  }

  /** A line may open an entry (a marker) or a section (a label); a first line may be the estimate. */
  paragraph(node: Paragraph, place: Place): void {
    const { at, depth, item } = place;
    paragraphLines(node.children, this.source, at).forEach((line, index) => {
      if (index === 0 && item) {
        const marker = readMarker(line.text);
        const offset = at.lineStart(item);
        const itemEnd = at.offset(item, "end");
        if (marker) this.marker(marker, "item", depth, offset, itemEnd, at.position(item));
        else this.label(readLabel(line, this.source, at), place, offset, itemEnd);
      } else if (line.lead) {
        const marker = readMarker(line.text);
        const start = index === 0 ? node : line.lead;
        const offset = at.lineStart(start);
        if (marker) this.marker(marker, "bold", depth, offset, Infinity, at.position(start));
        else this.label(readLabel(line, this.source, at), place, offset, null);
      } else if (index === 0) {
        this.plainEstimate(line.text, at.lineStart(node));
      }
    });
  }

  /** A rule at `offset` (the start of its line). */
  thematicBreak(offset: number): void {
    this.reachLimit(offset);
    if (!this.current) return;
    // A rule ends a bold or index entry; a heading-form entry ends at the next heading.
    if (this.current.form === "heading") this.closeSection(offset);
    else this.close(offset);
  }

  /** Whether an entry is open, so labels, headings and estimates would count. */
  inAchievement(): boolean {
    return this.current !== null;
  }

  /** Whether no `#` heading has been seen yet, so one would be the title. */
  wantsTitle(): boolean {
    return this.title === undefined;
  }

  /** Closes what is open at `end`, the end of the text. */
  finish(end: number): void {
    this.reachLimit(end);
    this.close(Math.min(end, this.current?.limit ?? end));
  }

  /** What was read: the title and the achievements kept, in text order. */
  document(): PlanDocument {
    return { title: this.title ?? null, achievements: this.entries.list() };
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

  private label(label: Label | null, place: Place, offset: number, itemEnd: number | null): void {
    this.reachLimit(offset);
    const current = this.current;
    const section = this.section;
    if (!label || !current || (section?.headingDepth ?? null) !== null) return;
    // Labels nested below the entry's own labels ("Approach: 1. **Phase 1**: …") are content.
    const { depth } = place;
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
    this.openSection(label.heading, label.contentStart, place, itemEnd, null, offset);
    current.labelDepth = Math.min(current.labelDepth ?? depth, depth);
  }

  private plainEstimate(text: string, offset: number): void {
    this.reachLimit(offset);
    if (!this.current || this.section || this.current.estimateText !== null) return;
    this.current.estimateText = readEstimateLine(text);
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
    place: Place,
    itemEnd: number | null,
    headingDepth: number | null,
    offset: number,
  ): void {
    this.closeSection(offset);
    this.section = {
      key: sectionKey(heading),
      heading,
      contentStart,
      depth: place.depth,
      quotes: place.quotes,
      itemEnd,
      headingDepth,
    };
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
      text: sectionText(raw, section.quotes),
    });
    this.section = null;
  }

  private close(end: number): void {
    const current = this.current;
    if (!current) return;
    this.closeSection(end);
    this.current = null;
    const detailed = current.form !== "item" || current.sections.length > 0;
    const estimateText = current.estimateText;
    const achievement: PlanAchievement = {
      id: current.marker.id,
      title: current.marker.title,
      estimateText,
      estimate: estimateText === null ? null : parseEstimate(estimateText),
      sections: current.sections,
      position: current.position,
    };
    this.entries.add(achievement, current.offset, detailed);
  }
}

holdShape(new PlanReader(""));
