/**
 * The hidden marker every issue the assignment writes carries, so the app finds its own issues
 * by listing (never the Search API) and knows which achievement or level each one stands for.
 */
import { readHiddenMarkers, renderHiddenMarker } from "../hidden-marker.js";

/** What an issue of the app stands for. */
export type IssueMarker =
  | { kind: "achievement"; plan: string; id: string }
  | { kind: "level"; plan: string; level: number }
  | { kind: "dashboard"; plan: string };

/** The marker as written at the top of an issue body. */
export function renderMarker(marker: IssueMarker): string {
  return renderHiddenMarker(marker);
}

/**
 * The marker of a comment the lifecycle writes on issue `issue` for commit `sha`, so the app can
 * tell its own lifecycle comments apart. Holds no plan text.
 */
export function renderLifecycleMarker(issue: number, sha: string): string {
  return renderHiddenMarker({ kind: "lifecycle", issue, sha });
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
  const v = readHiddenMarkers(body)[0];
  if (!v || typeof v.plan !== "string") return null;
  if (v.kind === "achievement" && typeof v.id === "string")
    return { kind: "achievement", plan: v.plan, id: v.id };
  if (v.kind === "level" && typeof v.level === "number" && Number.isInteger(v.level))
    return { kind: "level", plan: v.plan, level: v.level };
  if (v.kind === "dashboard") return { kind: "dashboard", plan: v.plan };
  return null;
}
