/**
 * Which files of a plan folder the analysis reads the text of (the rest are listed by path and
 * size only). Shared by the local source and the GitHub source, so both read the same files.
 */
import { namePatternMatcher } from "../core/name-pattern.js";
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
 * SUBPLAN patterns name, matched against the same number of trailing path segments in linear time
 * (see `namePatternMatcher`: no regex is built from the configured text).
 */
export function planInputMatcher(patterns: NamingPatterns): (relPath: string) => boolean {
  const matchers = [patterns.plan, patterns.subplan].map(namePatternMatcher);
  return (relPath) => isPlanInput(relPath) || matchers.some((matches) => matches(relPath));
}
