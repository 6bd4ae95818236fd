/**
 * Findings as check-run annotations, within GitHub's limits (REST "Create a check run"): at most
 * 50 per request (more are appended with updates), an annotation `title` at most 255 characters,
 * its `message` and `raw_details` at most 64 KB, columns only on a one-line annotation.
 */
import type { Finding, Severity } from "../../core/types.js";
import { truncateUtf8 } from "../../render/sanitize.js";

export const ANNOTATIONS_PER_REQUEST = 50;
/** Annotations sent per run: 5 requests. The summary lists the findings; the CLI shows all. */
export const MAX_ANNOTATIONS = 250;
const ANNOTATION_TEXT_BYTES = 60_000;
/** Titles (the check's and each annotation's) are kept under 255 bytes. */
export const TITLE_MAX_BYTES = 255;

export type AnnotationLevel = "notice" | "warning" | "failure";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  message: string;
  title: string;
  raw_details?: string;
}

const LEVEL: Record<Severity, AnnotationLevel> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};
const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Errors, then warnings, then notices (a stable sort keeps file order inside each). */
export function worstFirst(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity];
}

export function toAnnotation(finding: Finding): Annotation {
  const line = Math.max(1, finding.line);
  const annotation: Annotation = {
    path: finding.file,
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[finding.severity],
    message: truncateUtf8(finding.message, ANNOTATION_TEXT_BYTES, "…"),
    title: fitTitle(finding.rule),
  };
  // Columns are only allowed when the annotation spans one line, which it always does here.
  if (finding.column >= 1) {
    annotation.start_column = finding.column;
    annotation.end_column = finding.column;
  }
  if (finding.achievements.length > 0) {
    annotation.raw_details = truncateUtf8(
      `achievements: ${finding.achievements.join(", ")}`,
      ANNOTATION_TEXT_BYTES,
      "…",
    );
  }
  return annotation;
}

export function batches(annotations: Annotation[]): Annotation[][] {
  const out: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    out.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  return out;
}

/** One line, at most 255 bytes. */
export function fitTitle(title: string): string {
  return truncateUtf8(title.replace(/\s+/g, " ").trim(), TITLE_MAX_BYTES, "…");
}
