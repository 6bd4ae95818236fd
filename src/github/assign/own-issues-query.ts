/**
 * The app's own issues as a part of the event's one GraphQL query: the first 100 issues carrying
 * the `parallel-plans` label, open and closed, with what the lifecycle, the buttons and the
 * dashboard compare against (body, labels, assignees, state, who closed it last, parent and
 * sub-issue / blocked-by counts). A repository with more falls back to the paginated REST listing.
 */
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { APP_LABEL } from "../../core/assignment/issue-labels.js";
import { readMarker } from "../../core/assignment/issue-marker.js";
import type { QueryPart } from "../pipeline/graphql-query.js";

/** Issues per query; past this, the REST listing pages through the rest. */
export const OWN_ISSUES_PER_QUERY = 100;

export function ownIssuesField(): QueryPart {
  return {
    declarations: ["$appLabel: String!"],
    variables: { appLabel: APP_LABEL },
    fields: [
      `ownIssues: issues(first: ${OWN_ISSUES_PER_QUERY}, labels: [$appLabel], states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) { totalCount nodes { number databaseId url state stateReason title body author { __typename login } timelineItems(itemTypes: [CLOSED_EVENT], last: 1) { nodes { ... on ClosedEvent { actor { __typename login } } } } labels(first: 20) { nodes { name } } assignees(first: 20) { nodes { login } } parent { url } subIssuesSummary { total } blockedBy(first: 1) { totalCount } } }`,
    ],
  };
}

interface Actor {
  __typename?: string;
  login?: string;
}

interface IssueNode {
  number: number;
  databaseId?: number | null;
  url: string;
  state: string;
  stateReason?: string | null;
  title: string;
  body?: string | null;
  author?: Actor | null;
  /** The last close: who made it. */
  timelineItems?: { nodes?: ({ actor?: Actor | null } | null)[] | null } | null;
  labels?: { nodes?: ({ name: string } | null)[] } | null;
  assignees?: { nodes?: ({ login: string } | null)[] } | null;
  parent?: { url: string } | null;
  subIssuesSummary?: { total?: number } | null;
  blockedBy?: { totalCount?: number } | null;
}

/** The app's issues in the answer; null when the answer lacks some (more than one page). */
export function readOwnIssues(repository: Record<string, unknown>): ExistingIssue[] | null {
  const connection = repository.ownIssues as
    { totalCount?: number; nodes?: (IssueNode | null)[] } | null | undefined;
  if (!connection) return null;
  const nodes = (connection.nodes ?? []).filter((n): n is IssueNode => n !== null);
  if ((connection.totalCount ?? nodes.length) > nodes.length) return null;
  return nodes.flatMap((node) => {
    if (node.author?.__typename !== "Bot" || typeof node.databaseId !== "number") return [];
    const marker = readMarker(node.body);
    if (!marker) return [];
    return [
      {
        number: node.number,
        id: node.databaseId,
        url: node.url,
        state: node.state === "CLOSED" ? ("closed" as const) : ("open" as const),
        stateReason: node.stateReason ? node.stateReason.toLowerCase() : null,
        closedByApp: closedByAuthor(node),
        title: node.title,
        body: node.body ?? "",
        labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
        assignees: (node.assignees?.nodes ?? []).flatMap((a) => (a ? [a.login] : [])),
        marker,
        parentUrl: node.parent?.url ?? null,
        blockedByTotal: node.blockedBy?.totalCount ?? 0,
        subIssueTotal: node.subIssuesSummary?.total ?? 0,
      },
    ];
  });
}

/**
 * Whether the bot that wrote the issue (the app: only it writes the marker) made its last close;
 * false when a person or another app did, or the close left no event.
 */
function closedByAuthor(node: IssueNode): boolean {
  const actor = node.timelineItems?.nodes?.at(-1)?.actor;
  return (
    actor?.__typename === "Bot" &&
    typeof actor.login === "string" &&
    actor.login === node.author?.login
  );
}
