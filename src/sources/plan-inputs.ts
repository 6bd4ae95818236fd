/**
 * Which files of a plan folder the analysis reads the text of (the rest are listed by path and
 * size only). Shared by the local source and the GitHub source, so both read the same files.
 */
import type { NamingPatterns } from "../core/options.js";

/**
 * The files the analysis reads by default: parallel.json, PLAN_*.md, and SUBPLAN_* files in a
 * `subplans/` folder (prompts quote the SUBPLAN text).
 */
export function isPlanInput(relPath: string): boolean {
  const parts = relPath.split("/");
  const base = parts[parts.length - 1] ?? "";
  if (base === "parallel.json") return true;
  if (base.startsWith("PLAN_") && base.endsWith(".md")) return true;
  return parts.length >= 2 && parts[parts.length - 2] === "subplans" && base.startsWith("SUBPLAN_");
}

/**
 * Which files the analysis reads: the default plan inputs, plus whatever the configured PLAN and
 * SUBPLAN patterns name. A pattern is matched against the same number of trailing path segments,
 * anchored at both ends, placeholders confined to one segment: linear on any path.
 */
export function planInputMatcher(patterns: NamingPatterns): (relPath: string) => boolean {
  const matchers = [patterns.plan, patterns.subplan].map((pattern) => {
    const depth = pattern.split("/").length;
    const source = pattern
      .split(/(\{plan\}|\{token\}|\{nn\})/)
      .map((part, i) => (i % 2 === 1 ? "[^/]*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    const regex = new RegExp(`^${source}$`);
    return (relPath: string): boolean => regex.test(relPath.split("/").slice(-depth).join("/"));
  });
  return (relPath) => isPlanInput(relPath) || matchers.some((matches) => matches(relPath));
}
