/**
 * Hidden markers on what the app writes for sync, so it finds its own artifacts without the
 * Search API (DESIGN.md §4): the sync pull request's body ends with
 * `<!-- parallel-plans:{"kind":"sync","plan":"X"} -->`, and the one comment saying the app stopped
 * (a person pushed to the branch) carries `{"kind":"sync-stopped","plan":"X"}`.
 */

const OPEN = "<!-- parallel-plans:";
const CLOSE = " -->";

export type SyncMarkerKind = "sync" | "sync-stopped";

/** JSON escapes for what could close the comment early (`<`, `>`) or ping and link (`@`, `#`). */
const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "@": "\\u0040",
  "#": "\\u0023",
};

/** The marker as an HTML comment; plan text in it cannot close it, mention or link. */
export function syncMarker(kind: SyncMarkerKind, plan: string): string {
  const json = JSON.stringify({ kind, plan }).replace(/[<>@#]/g, (c) => ESCAPES[c] ?? c);
  return `${OPEN}${json}${CLOSE}`;
}

/** Whether `body` carries the marker of `kind` for `plan` (read back, not string-matched). */
export function hasSyncMarker(
  body: string | null | undefined,
  kind: SyncMarkerKind,
  plan: string,
): boolean {
  if (!body) return false;
  for (let start = body.indexOf(OPEN); start >= 0; start = body.indexOf(OPEN, start + 1)) {
    const end = body.indexOf(CLOSE, start);
    if (end < 0) return false;
    try {
      const value = JSON.parse(body.slice(start + OPEN.length, end)) as Record<string, unknown>;
      if (value.kind === kind && value.plan === plan) return true;
    } catch {
      // Another tool's comment, or a marker of ours from a newer format: not this one.
    }
  }
  return false;
}
