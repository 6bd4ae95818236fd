/**
 * The repository's labels as a part of an event's one GraphQL query, so a fan-out knows which of
 * its labels exist without listing them over REST. A repository with more than one page of
 * labels falls back to the REST listing.
 */
import type { QueryPart } from "../pipeline/graphql-query.js";

/** Labels per query; past this, the fan-out lists them over REST. */
export const LABELS_PER_QUERY = 100;

/** The query part reading the repository's labels (names only). */
export function labelsField(): QueryPart {
  return {
    declarations: [],
    variables: {},
    fields: [`repoLabels: labels(first: ${LABELS_PER_QUERY}) { totalCount nodes { name } }`],
  };
}

/** The label names in the answer; null when it lacks some (more than one page) or any. */
export function readLabels(repository: Record<string, unknown>): string[] | null {
  const connection = repository.repoLabels as
    { totalCount?: number; nodes?: ({ name?: string } | null)[] | null } | null | undefined;
  if (!connection) return null;
  const names = (connection.nodes ?? []).flatMap((n) => (n?.name ? [n.name] : []));
  return (connection.totalCount ?? names.length) > names.length ? null : names;
}
