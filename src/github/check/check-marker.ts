/**
 * What a `parallel-plans` check run already covers, written into its summary as a hidden marker
 * (`<!-- parallel-plans:{…} -->`) so the next event on the same SHA can read it back from the
 * GraphQL lookup without another request: which plan folders it checked ("all" after a re-run),
 * with which config blob, and whether it finished (annotations sent). The folder list has a byte
 * budget: a scope past it is checked and recorded as every plan ("all"), so the marker never
 * pushes a summary past GitHub's 65,535 characters.
 */
import { readHiddenMarkers, renderHiddenMarker } from "../../core/hidden-marker.js";
import { utf8ByteLength } from "../../render/sanitize.js";

/**
 * Bytes the marker's folder list may take (about 170 long folder names): the rest of the
 * summary's 65,000-byte budget stays for the report.
 */
export const MARKER_SCOPE_MAX_BYTES = 8_000;

/** The plan folders a check covers: a list, or every plan of the commit. */
export type Scope = readonly string[] | "all";

export interface CheckMarker {
  scope: Scope;
  /** Git blob id of the config the check used; null when the repository has none. */
  config: string | null;
  /** True once the run was completed with its findings and annotations. */
  done: boolean;
  /**
   * Identifiers of the buttons the completed run offers; absent when none. A push of the same
   * commit to the default branch adds the buttons a feature branch's run lacks.
   */
  offered?: readonly string[];
}

/**
 * The scope a check works on: the folder list while the marker can record it, else every plan.
 * Checking every plan is more work, never less, and "all" is what every reader of the marker
 * understands (the next event's `covers`, the button's click). Applied where a check decides its
 * scope (and where a union of scopes can grow), so every marker written records a bounded scope.
 */
export function recordableScope(scope: Scope): Scope {
  if (scope === "all") return scope;
  return utf8ByteLength(renderHiddenMarker({ scope })) <= MARKER_SCOPE_MAX_BYTES ? scope : "all";
}

/**
 * The marker as an HTML comment (see core/hidden-marker for what is escaped). Its scope is one
 * `recordableScope` already bounded.
 */
export function writeMarker(marker: CheckMarker): string {
  const { scope, config, done, offered = [] } = marker;
  return renderHiddenMarker({
    kind: "check",
    v: 1,
    scope,
    config,
    done,
    ...(offered.length > 0 ? { offered } : {}),
  });
}

/**
 * The summary with its check marker replaced by `marker` (appended when it has none). The app
 * wrote the marker with `writeMarker`, so writing back what `readMarker` read finds it.
 */
export function rewriteMarker(summary: string, marker: CheckMarker): string {
  const old = readMarker(summary);
  const text = old ? writeMarker(old) : "";
  const at = old ? summary.lastIndexOf(text) : -1;
  if (at < 0) return `${summary}\n\n${writeMarker(marker)}`;
  return `${summary.slice(0, at)}${writeMarker(marker)}${summary.slice(at + text.length)}`;
}

/** The last check marker in a summary, or null when there is none. */
export function readMarker(summary: string | null | undefined): CheckMarker | null {
  const value = readHiddenMarkers(summary).findLast((marker) => marker.kind === "check");
  if (!value) return null;
  const { scope, config, done, offered } = value;
  const scopeOk = scope === "all" || isStringList(scope);
  if (!scopeOk || typeof done !== "boolean") return null;
  if (config !== null && typeof config !== "string") return null;
  return {
    scope: scope as Scope,
    config,
    done,
    ...(isStringList(offered) && offered.length > 0 ? { offered } : {}),
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
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
