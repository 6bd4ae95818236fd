/**
 * How a status looks in every renderer: the icon, the words, and the colour class of a graph
 * node. One table so the check summary, the terminal and the graphs never disagree.
 */
import type { Status } from "../core/types.js";
import type { AchievementReport } from "../core/model.js";

/** Icons in the seeds' progress view (✅ done, 🔄 under way, ⏳ waiting). */
export const STATUS_ICONS: Record<Status, string> = {
  not_started: "⏳",
  subplan_created: "📝",
  execution_created: "🔄",
  in_progress: "🔄",
  complete: "✅",
  failed: "❌",
  skipped: "⏭️",
};

export const STATUS_WORDS: Record<Status, string> = {
  not_started: "not started",
  subplan_created: "subplan created",
  execution_created: "execution created",
  in_progress: "in progress",
  complete: "complete",
  failed: "failed",
  skipped: "skipped",
};

/** Complete or skipped: nothing left to do (DESIGN.md §2, ready set). */
export function isDone(status: Status): boolean {
  return status === "complete" || status === "skipped";
}

/** Colour classes of graph nodes. */
export type StatusClass = "complete" | "progress" | "ready" | "blocked" | "failed" | "skipped";

export const STATUS_CLASSES: readonly StatusClass[] = [
  "complete",
  "progress",
  "ready",
  "blocked",
  "failed",
  "skipped",
];

/** Fill and stroke per class, shared by Mermaid and DOT. */
export const CLASS_COLORS: Record<StatusClass, { fill: string; stroke: string }> = {
  complete: { fill: "#d3f9d8", stroke: "#2b8a3e" },
  progress: { fill: "#fff3bf", stroke: "#e67700" },
  ready: { fill: "#d0ebff", stroke: "#1864ab" },
  blocked: { fill: "#f1f3f5", stroke: "#868e96" },
  failed: { fill: "#ffe3e3", stroke: "#c92a2a" },
  skipped: { fill: "#f8f9fa", stroke: "#adb5bd" },
};

/** The class of an achievement: its status, and for work not begun whether it can start. */
export function statusClass(a: AchievementReport): StatusClass {
  switch (a.status) {
    case "complete":
      return "complete";
    case "skipped":
      return "skipped";
    case "failed":
      return "failed";
    case "in_progress":
    case "execution_created":
      return "progress";
    default:
      return a.ready ? "ready" : "blocked";
  }
}
