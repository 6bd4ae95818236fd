/**
 * shared-deliverable: two achievements of one parallel level that name the same file as a
 * deliverable (in the PLAN markdown or in their SUBPLANs) are not independent — their executors
 * will edit the same file at once and conflict when their work is merged.
 */
import type { Achievement } from "../model.js";
import { fieldPath } from "../normalize-plan.js";
import { reportAt, type PlanContext } from "./plan-context.js";

/** Deliverables named per achievement, by `Achievement.node`, from whatever text is at hand. */
export type DeliverableTexts = (achievement: Achievement) => readonly string[];

export function checkSharedDeliverables(context: PlanContext, texts: DeliverableTexts): void {
  const { plan } = context;
  for (const level of plan.levels) {
    if (!level.canParallelize) continue;
    // Which achievement named each file first; later ones are reported against it.
    const owners = new Map<string, Achievement>();
    for (const achievement of level.nodes) {
      const named = texts(achievement);
      if (named.length === 0) continue;
      const files = new Set(named.flatMap(deliverableFiles));
      for (const file of files) {
        const first = owners.get(file);
        if (!first) {
          owners.set(file, achievement);
          continue;
        }
        reportAt(
          context,
          "shared-deliverable",
          fieldPath(achievement, "id"),
          `${first.id} and ${achievement.id} of parallel level ${level.level} both name ${file} as a deliverable: they will conflict when merged; give the file to one of them, or move one to a later level that depends on the other`,
          [first.id, achievement.id],
        );
      }
    }
  }
}

/**
 * The file paths a deliverables text names: code spans without spaces that hold a folder
 * separator or end with a file extension (`docs/guide.md`, `.dockerignore`), "./" dropped.
 * Not taken: plain words ("Dockerfile", too many false positives in prose), spans inside
 * parentheses ("(read from `config.yml`)" is a remark, not a deliverable), URLs, and the plan's
 * own parallel.json (status sync writes it, not executors).
 */
export function deliverableFiles(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split("\n")) {
    // A code span is what lies between two backticks; parentheses count outside spans only.
    const parts = line.split("`");
    let depth = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i % 2 === 0 || i === parts.length - 1) {
        for (const char of part) {
          if (char === "(") depth++;
          else if (char === ")" && depth > 0) depth--;
        }
        continue;
      }
      const span = part.trim();
      if (depth > 0 || span.length === 0 || span.length > 200 || /\s/.test(span)) continue;
      if (!span.includes("/") && !/\.[A-Za-z][A-Za-z0-9]{0,15}$/.test(span)) continue;
      if (/^[a-z]+:\/\//i.test(span)) continue;
      const file = span.replace(/^(\.\/)+/, "");
      if (file !== "parallel.json") files.push(file);
    }
  }
  return files;
}

/**
 * The body of a markdown section named "Deliverables" (any heading depth), up to the next
 * heading of the same depth or shallower, or of a bold label `**Deliverables**:` up to the next
 * bold label or heading (depth 7 stands for "a label"); empty when there is none. Line by line:
 * linear.
 */
export function deliverablesSection(markdown: string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let depth = 0;
  let fence = false;
  for (const line of lines) {
    if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^\s{0,3}(#{1,6})\s+(.*)$/.exec(line);
    const label = fence ? null : /^\s{0,3}\*\*([^*]{1,60})\*\*:?(.*)$/.exec(line);
    if (label && !heading) {
      // Bold labels ("**Deliverables**: …") end at the next bold label or heading.
      if (depth === 7) depth = 0;
      if (depth === 0 && /^deliverables?:?$/i.test((label[1] as string).trim())) {
        depth = 7;
        out.push(label[2] as string);
        continue;
      }
    }
    if (heading) {
      const level = (heading[1] as string).length;
      if (depth > 0 && (level <= depth || depth === 7)) {
        depth = 0;
      }
      if (
        depth === 0 &&
        /^deliverables?\b/i.test((heading[2] as string).replace(/[*_]/g, "").trim())
      ) {
        depth = level;
        continue;
      }
    }
    if (depth > 0) out.push(line);
  }
  return out.join("\n");
}
