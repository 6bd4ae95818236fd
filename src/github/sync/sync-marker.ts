/**
 * Hidden markers on what the app writes for sync, so it finds its own artifacts without the
 * Search API (DESIGN.md §4): the sync pull request's body ends with
 * `<!-- parallel-plans:{"kind":"sync","plan":"X"} -->`, and the one comment saying the app stopped
 * (a person pushed to the branch) carries `{"kind":"sync-stopped","plan":"X"}`.
 */
import { readHiddenMarkers, renderHiddenMarker } from "../../core/hidden-marker.js";

export type SyncMarkerKind = "sync" | "sync-stopped";

/** The marker as an HTML comment; plan text in it cannot close it, mention or link. */
export function syncMarker(kind: SyncMarkerKind, plan: string): string {
  return renderHiddenMarker({ kind, plan });
}

/** Whether `body` carries the marker of `kind` for `plan` (read back, not string-matched). */
export function hasSyncMarker(
  body: string | null | undefined,
  kind: SyncMarkerKind,
  plan: string,
): boolean {
  return readHiddenMarkers(body).some((marker) => marker.kind === kind && marker.plan === plan);
}
