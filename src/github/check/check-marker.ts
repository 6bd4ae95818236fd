/**
 * What a `parallel-plans` check run already covers, written into its summary as a hidden marker
 * (`<!-- parallel-plans:{…} -->`) so the next event on the same SHA can read it back from the
 * GraphQL lookup without another request: which plan folders it checked ("all" after a re-run),
 * with which config blob, and whether it finished (annotations sent).
 */
import { readHiddenMarkers, renderHiddenMarker } from "../../core/hidden-marker.js";

/** The plan folders a check covers: a list, or every plan of the commit. */
export type Scope = readonly string[] | "all";

export interface CheckMarker {
  scope: Scope;
  /** Git blob id of the config the check used; null when the repository has none. */
  config: string | null;
  /** True once the run was completed with its findings and annotations. */
  done: boolean;
}

/** The marker as an HTML comment (see core/hidden-marker for what is escaped). */
export function writeMarker(marker: CheckMarker): string {
  return renderHiddenMarker({ kind: "check", v: 1, ...marker });
}

/** The last check marker in a summary, or null when there is none. */
export function readMarker(summary: string | null | undefined): CheckMarker | null {
  const value = readHiddenMarkers(summary).findLast((marker) => marker.kind === "check");
  if (!value) return null;
  const { scope, config, done } = value;
  const scopeOk =
    scope === "all" || (Array.isArray(scope) && scope.every((s) => typeof s === "string"));
  if (!scopeOk || typeof done !== "boolean") return null;
  if (config !== null && typeof config !== "string") return null;
  return { scope: scope as Scope, config, done };
}

/** Whether `outer` covers every folder of `inner`. */
export function covers(outer: Scope, inner: Scope): boolean {
  if (outer === "all") return true;
  if (inner === "all") return false;
  const set = new Set(outer);
  return inner.every((folder) => set.has(folder));
}

/** Both scopes together. */
export function unionScope(a: Scope, b: Scope): Scope {
  if (a === "all" || b === "all") return "all";
  return [...new Set([...a, ...b])].sort();
}

/** "2 plan folders", "every plan": for titles. */
export function describeScope(scope: Scope): string {
  if (scope === "all") return "every plan";
  return scope.length === 1 ? "1 plan folder" : `${scope.length} plan folders`;
}
