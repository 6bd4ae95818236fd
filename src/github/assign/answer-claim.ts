/**
 * `/parallel claim [ID]` and `/parallel unclaim [ID]`: the commenter takes or leaves the issue of
 * an achievement — the one named, or without an id the achievement issue commented on (its hidden
 * marker says which achievement it is). The issue's assignees are the truth (writing `executor` into parallel.json is the
 * status sync's job). GitHub silently drops assignees it cannot assign, so the answer is read
 * back and a refusal said plainly.
 */
import type { Logger, ProbotOctokit } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { escapeMarkdownInline, singleLine } from "../../render/sanitize.js";
import { listOwnIssues, type RepoRef } from "./own-issues.js";

/** What a claim needs of the comment. */
export interface ClaimSession {
  octokit: ProbotOctokit;
  log: Logger;
  repo: RepoRef;
  login: string;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "")}\``;
}

/** Which achievement: an id typed in the command, or the issue the command was posted on. */
export type ClaimTarget = string | { issue: number };

/** The achievement's issue, or the reply saying why there is none to act on. */
async function findIssue(
  session: ClaimSession,
  target: ClaimTarget,
  plan: string | null,
  command: string,
): Promise<{ issue: ExistingIssue; id: string } | string> {
  const own = await listOwnIssues(session.octokit, session.repo);
  if (typeof target !== "string") {
    const here = own.find((i) => i.number === target.issue);
    if (here?.marker.kind === "achievement") return { issue: here, id: here.marker.id };
    return `Name the achievement: ${code(`/parallel ${command} 3.1`)}. Without an id, ${code(`/parallel ${command}`)} acts on the achievement issue it is posted on, and this is not one.`;
  }
  const id = target;
  const matches = own.filter(
    (i) =>
      i.marker.kind === "achievement" &&
      i.marker.id === id &&
      (plan === null ||
        i.marker.plan === plan ||
        i.marker.plan.toLowerCase() === plan.toLowerCase()),
  );
  const plans = [...new Set(matches.map((i) => i.marker.plan))];
  if (plans.length > 1) {
    return `Achievement ${code(id)} has an issue in ${plans.length} plans (${plans.map(code).join(", ")}): say which with ${code(`/parallel ${command} ${singleLine(id, 100)} --plan NAME`)}.`;
  }
  const issue = matches.sort((a, b) => a.number - b.number)[0];
  if (!issue) {
    return `Achievement ${code(id)}${plan === null ? "" : ` of ${code(plan)}`} has no issue yet. A maintainer opens a level's issues with \`/parallel assign --level N\`.`;
  }
  return { issue, id };
}

/** The reply to `/parallel claim [ID]`. */
export async function answerClaim(
  session: ClaimSession,
  target: ClaimTarget,
  plan: string | null,
): Promise<string> {
  const claimed = await findIssue(session, target, plan, "claim");
  if (typeof claimed === "string") return claimed;
  const { issue: found, id } = claimed;
  const who = `@${session.login}`;
  if (found.state === "closed")
    return `#${found.number} (achievement ${code(id)}) is closed: there is nothing left to claim.`;
  if (found.assignees.includes(session.login))
    return `You are already assigned to #${found.number} (achievement ${code(id)}).`;
  const { data } = await session.octokit.request(
    "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees",
    { ...session.repo, issue_number: found.number, assignees: [session.login] },
  );
  const now = (data.assignees ?? []).map((a) => a.login);
  if (!now.includes(session.login)) {
    session.log.info({ issue: found.number, login: session.login }, "claim refused by GitHub");
    return `GitHub refused to assign ${escapeMarkdownInline(who, 60)} to #${found.number}: only people with access to this repository (collaborators, organisation members) can be assigned. Ask a maintainer for access, or for someone who has it to claim ${code(id)}.`;
  }
  const others = now.filter((l) => l !== session.login);
  const shared =
    others.length === 0
      ? ""
      : ` It is shared with ${others.map((l) => escapeMarkdownInline(`@${l}`, 60)).join(", ")}.`;
  return `Assigned you to #${found.number} (achievement ${code(id)}).${shared} ${code(`/parallel unclaim ${singleLine(id, 100)}`)} steps back.`;
}

/** The reply to `/parallel unclaim [ID]`. */
export async function answerUnclaim(
  session: ClaimSession,
  target: ClaimTarget,
  plan: string | null,
): Promise<string> {
  const released = await findIssue(session, target, plan, "unclaim");
  if (typeof released === "string") return released;
  const { issue: found, id } = released;
  if (!found.assignees.includes(session.login))
    return `You are not assigned to #${found.number} (achievement ${code(id)}): nothing to release.`;
  await session.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    ...session.repo,
    issue_number: found.number,
    assignees: [session.login],
  });
  return `Released #${found.number} (achievement ${code(id)}): you are no longer assigned.`;
}

/** At most this many achievements per `/parallel assign ID… @user…`. */
const MAX_NAMED = 10;

/**
 * `/parallel assign ID… @user…` (a maintainer naming executors): the users are added to the
 * issue of each achievement named; whoever GitHub drops (no access to the repository) is named.
 */
export async function answerAssignNamed(
  session: Omit<ClaimSession, "login">,
  ids: readonly string[],
  users: readonly string[],
  plan: string | null,
): Promise<string> {
  if (ids.length === 0 || users.length === 0)
    return "Name the achievements and the executors: `/parallel assign 3.1 3.2 @user`. Without them, `/parallel assign [--level N]` opens a level's issues.";
  const lines: string[] = [];
  const own = await listOwnIssues(session.octokit, session.repo);
  const unique = [...new Set(ids)].slice(0, MAX_NAMED);
  const who = users.map((u) => escapeMarkdownInline(`@${u}`, 60));
  for (const id of unique) {
    const matches = own.filter(
      (i) =>
        i.marker.kind === "achievement" &&
        i.marker.id === id &&
        (plan === null || i.marker.plan.toLowerCase() === plan.toLowerCase()),
    );
    const plans = new Set(matches.map((i) => i.marker.plan));
    const issue = matches.sort((a, b) => a.number - b.number)[0];
    if (plans.size > 1) {
      lines.push(`- ${code(id)}: issues in ${plans.size} plans; say which with \`--plan NAME\`.`);
      continue;
    }
    if (!issue) {
      lines.push(`- ${code(id)}: no issue yet (\`/parallel assign --level N\` opens them).`);
      continue;
    }
    const { data } = await session.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees",
      { ...session.repo, issue_number: issue.number, assignees: [...users] },
    );
    const now = new Set((data.assignees ?? []).map((a) => a.login.toLowerCase()));
    const dropped = users.filter((u) => !now.has(u.toLowerCase()));
    const added = users.filter((u) => now.has(u.toLowerCase()));
    const parts: string[] = [];
    if (added.length > 0)
      parts.push(`assigned ${added.map((u) => escapeMarkdownInline(`@${u}`, 60)).join(", ")}`);
    if (dropped.length > 0)
      parts.push(
        `GitHub refused ${dropped.map((u) => escapeMarkdownInline(`@${u}`, 60)).join(", ")} (only people with access to this repository can be assigned)`,
      );
    lines.push(`- ${code(id)} #${issue.number}: ${parts.join("; ")}.`);
  }
  const more =
    ids.length > unique.length
      ? [`- … ${ids.length - unique.length} more ids not handled: post them again.`]
      : [];
  return [`Assigning ${who.join(", ")}:`, "", ...lines, ...more].join("\n");
}
