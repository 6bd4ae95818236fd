/**
 * The default branch's head, as a part of a push's one query (no request of its own). GitHub does
 * not order deliveries and a maintainer may redeliver an old one, so a push to the default branch
 * acts on the repository (issues, dashboards, fan-out, sync) only while its commit is the head:
 * the push that made the newer head owns the result, whichever is handled first.
 */
import type { QueryPart } from "./graphql-query.js";

/**
 * The field's alias in the answer. Sync's part asks for the head's history under the same alias
 * (sync-state-query.ts), so a push's one query names the default branch once.
 */
export const BRANCH_HEAD_ALIAS = "branchHead";

export function branchHeadField(): QueryPart {
  return {
    declarations: [],
    variables: {},
    fields: [`${BRANCH_HEAD_ALIAS}: defaultBranchRef { target { oid } }`],
  };
}

/** The head's SHA in the answer; null when it has none (an empty repository, or not asked). */
export function readBranchHead(repository: Record<string, unknown>): string | null {
  const ref = repository[BRANCH_HEAD_ALIAS] as
    { target?: { oid?: unknown } | null } | null | undefined;
  const oid = ref?.target?.oid;
  return typeof oid === "string" ? oid : null;
}
