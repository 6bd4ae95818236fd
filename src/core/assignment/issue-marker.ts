/**
 * The hidden marker every issue the assignment writes carries, so the app finds its own issues
 * by listing (never the Search API) and knows which achievement or level each one stands for.
 */

/** What an issue of the app stands for. */
export type IssueMarker =
  | { kind: "achievement"; plan: string; id: string }
  | { kind: "level"; plan: string; level: number }
  | { kind: "dashboard"; plan: string };

const PREFIX = "<!-- parallel-plans:";
const MARKER_RE = /<!-- parallel-plans:(\{[^\n]*?\}) -->/;

/** The marker as written at the top of an issue body. */
export function renderMarker(marker: IssueMarker): string {
  // `-->` cannot appear in JSON of these fields unless a plan name holds it: escape `>` anyway.
  return `${PREFIX}${JSON.stringify(marker).replace(/>/g, "\\u003e")} -->`;
}

/**
 * The marker of a comment the lifecycle writes on issue `issue` for commit `sha`, so the app can
 * tell its own lifecycle comments apart. Holds no plan text; `>` escaped as in `renderMarker`.
 */
export function renderLifecycleMarker(issue: number, sha: string): string {
  return `${PREFIX}${JSON.stringify({ kind: "lifecycle", issue, sha }).replace(/>/g, "\\u003e")} -->`;
}

/**
 * One stable string per marker, for maps. JSON of a tuple, not a `:`-joined string: plan names
 * and ids may hold `:` (plan "a:b" + id "c" must not meet plan "a" + id "b:c").
 */
export function markerKey(marker: IssueMarker): string {
  if (marker.kind === "achievement") return JSON.stringify([marker.kind, marker.plan, marker.id]);
  if (marker.kind === "level") return JSON.stringify([marker.kind, marker.plan, marker.level]);
  return JSON.stringify([marker.kind, marker.plan]);
}

/** The marker of an issue body, or null when it has none (or a malformed one). */
export function readMarker(body: string | null | undefined): IssueMarker | null {
  const found = MARKER_RE.exec(body ?? "");
  if (!found?.[1]) return null;
  let value: unknown;
  try {
    value = JSON.parse(found[1]);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.plan !== "string") return null;
  if (v.kind === "achievement" && typeof v.id === "string")
    return { kind: "achievement", plan: v.plan, id: v.id };
  if (v.kind === "level" && typeof v.level === "number" && Number.isInteger(v.level))
    return { kind: "level", plan: v.plan, level: v.level };
  if (v.kind === "dashboard") return { kind: "dashboard", plan: v.plan };
  return null;
}
