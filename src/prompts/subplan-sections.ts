/**
 * The parts of a SUBPLAN a batch EXECUTION prompt quotes (seed 003: objective, approach,
 * deliverables, execution strategy). A SUBPLAN names them with headings (`## Objective`) or with
 * bold labels (`**Objective**: …`); remark finds both, and the text is sliced from the source as
 * written.
 */
import type { Heading, Paragraph, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { cleanBlock } from "./clean-text.js";

/** Section names that mean the same part of a SUBPLAN (Map: labels are user data). */
const ALIASES = new Map([
  ["objective", "objective"],
  ["objectives", "objective"],
  ["goal", "objective"],
  ["purpose", "objective"],
  ["approach", "approach"],
  ["how", "approach"],
  ["deliverables", "deliverables"],
  ["deliverable", "deliverables"],
  ["success_criteria", "success_criteria"],
  ["execution_strategy", "execution_strategy"],
  ["strategy", "execution_strategy"],
  ["coordination", "coordination"],
  ["dependencies_coordination", "coordination"],
  ["dependencies_and_coordination", "coordination"],
]);

/** A SUBPLAN's sections by key: objective, approach, deliverables, success_criteria, execution_strategy, coordination. */
export type SubplanSections = ReadonlyMap<string, string>;

/** SUBPLANs are a few kilobytes; past this the text is not parsed (prompts then say so). */
export const MAX_SUBPLAN_CHARS = 512 * 1024;

const processor = unified().use(remarkParse);

/** The known sections of a SUBPLAN text; the first occurrence of a key wins. Never throws. */
export function subplanSections(text: string): SubplanSections {
  const sections = new Map<string, string>();
  if (text.length > MAX_SUBPLAN_CHARS) return sections;
  let root: Root;
  try {
    root = processor.parse(text);
  } catch {
    return sections;
  }
  const blocks = root.children;
  blocks.forEach((node, index) => {
    if (node.type === "heading" && node.depth >= 2) {
      const key = keyOf(plainText(node));
      const end = nextHeadingStart(blocks, index, node.depth) ?? text.length;
      add(sections, key, text.slice(offset(node, "end"), end));
    } else if (node.type === "paragraph") {
      const label = boldLabel(node, text);
      if (!label) return;
      // A label's section runs to the next label or heading.
      let end = text.length;
      for (const later of blocks.slice(index + 1)) {
        if (later.type === "heading" || (later.type === "paragraph" && boldLabel(later, text))) {
          end = offset(later, "start");
          break;
        }
      }
      add(sections, label.key, text.slice(label.contentStart, end));
    }
  });
  return sections;
}

function add(sections: Map<string, string>, key: string | null, raw: string): void {
  if (key === null || sections.has(key)) return;
  const text = cleanBlock(raw.replace(/^[ \t]+/, ""));
  if (text !== "") sections.set(key, text);
}

function keyOf(label: string): string | null {
  const slug = label
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== "")
    .join("_");
  return ALIASES.get(slug) ?? ALIASES.get(slug.split("_")[0] ?? "") ?? null;
}

function nextHeadingStart(blocks: RootContent[], index: number, depth: number): number | null {
  for (const later of blocks.slice(index + 1)) {
    if (later.type === "heading" && later.depth <= depth) return offset(later, "start");
  }
  return null;
}

/** `**Objective**: text` or `**Objective:** text` opening a paragraph. */
function boldLabel(node: Paragraph, text: string): { key: string; contentStart: number } | null {
  const first = node.children[0];
  if (first?.type !== "strong") return null;
  const label = plainText(first).trim();
  let contentStart = offset(first, "end");
  if (!label.endsWith(":")) {
    const colon = /^[ \t]*:/.exec(text.slice(contentStart, contentStart + 8));
    if (!colon) return null;
    contentStart += colon[0].length;
  }
  const key = keyOf(label.replace(/:$/, ""));
  return key === null ? null : { key, contentStart };
}

function plainText(node: Heading | Paragraph | RootContent): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as RootContent[]).map(plainText).join("");
  return "";
}

function offset(node: RootContent | Heading["children"][number], at: "start" | "end"): number {
  return node.position?.[at].offset ?? 0;
}
