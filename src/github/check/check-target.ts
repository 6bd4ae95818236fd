/**
 * Which check run an event writes to: a new one, an existing one of this app on the SHA, or none
 * because the existing run already reports exactly this. Pure: the GraphQL lookup's runs in, a
 * decision out. This is what keeps one `parallel-plans` run per SHA across redeliveries and a
 * push racing its pull request's `synchronize`.
 */
import { covers, readMarker, recordableScope, unionScope, type Scope } from "./check-marker.js";

/** A `parallel-plans` check run of this app on the SHA, as the GraphQL lookup returns it. */
export interface ExistingRun {
  id: number;
  completed: boolean;
  externalId: string | null;
  title: string | null;
  summary: string | null;
}

export type CheckTarget =
  | { kind: "create"; scope: Scope; annotated: Scope }
  | { kind: "update"; id: number; scope: Scope; annotated: Scope }
  | { kind: "skip"; id: number };

export interface TargetRequest {
  /** The plan folders this event asks to check, as `recordableScope` bounds them. */
  scope: Scope;
  /** Blob id of the config read from the default branch (null: none). */
  config: string | null;
  /** A check_suite / check_run `rerequested` event: GitHub's re-run flow wants a new run. */
  rerequest: boolean;
  /** X-GitHub-Delivery of the event; a redelivery carries the same id. */
  deliveryId: string;
}

const NOTHING: Scope = [];

export function decideTarget(runs: readonly ExistingRun[], request: TargetRequest): CheckTarget {
  const fresh = { kind: "create", scope: request.scope, annotated: NOTHING } as const;
  const newestFirst = [...runs].sort((a, b) => b.id - a.id);
  if (request.rerequest) {
    // A re-run gets a new run, unless this very delivery already made one (a redelivery).
    const own = newestFirst.find((run) => run.externalId === request.deliveryId);
    return own ? reuse(own, request) : fresh;
  }
  // A run still in progress (another event's, or one left behind by a crash) is finished first.
  const run = newestFirst.find((r) => !r.completed) ?? newestFirst[0];
  if (!run) return fresh;
  const marker = readMarker(run.summary);
  if (run.completed && marker?.done && marker.config !== request.config) {
    // The config changed since: old annotations cannot be taken back, so start a fresh run.
    return fresh;
  }
  return reuse(run, request);
}

function reuse(run: ExistingRun, request: TargetRequest): CheckTarget {
  const marker = readMarker(run.summary);
  const finished = run.completed && marker?.done === true;
  if (finished && marker.config === request.config && covers(marker.scope, request.scope)) {
    return { kind: "skip", id: run.id };
  }
  const previous = marker?.scope ?? NOTHING;
  return {
    kind: "update",
    id: run.id,
    // Two recordable scopes together may not be: past the marker's budget, every plan.
    scope: recordableScope(unionScope(previous, request.scope)),
    // Annotations are only ever sent with the completion, so an unfinished run has none.
    annotated: finished ? previous : NOTHING,
  };
}
