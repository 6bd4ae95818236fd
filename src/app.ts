/**
 * The parallel-plans GitHub App (Probot): wires events to handlers, nothing else.
 * `npm start` runs it with Probot's standard environment (see `src/server.ts`).
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { onOpenLevelClicked } from "./github/assign/level-button.js";
import { onPushAssign } from "./github/assign/on-push.js";
import { onIssueComment } from "./github/comments/on-issue-comment.js";
import { createDeps, type AppDeps } from "./github/deps.js";
import { onPullRequest } from "./github/handlers/pull-request.js";
import { onPush } from "./github/handlers/push.js";
import { onCheckRunRerequested, onCheckSuiteRerequested } from "./github/handlers/rerequest.js";
import { onPushSync } from "./github/sync/on-push.js";

/** The app with its collaborators injected (tests pass their own clock). */
export function createApp(deps: AppDeps = createDeps({ syncOnPush: true, assignOnPush: true })) {
  return (app: Probot, _options?: ApplicationFunctionOptions): void => {
    app.on("push", (context) => onPush(context, deps));
    if (deps.syncOnPush) app.on("push", (context) => onPushSync(context, deps));
    if (deps.assignOnPush) app.on("push", (context) => onPushAssign(context, deps));
    app.on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      (context) => onPullRequest(context, deps),
    );
    app.on("check_suite.rerequested", (context) => onCheckSuiteRerequested(context, deps));
    app.on("check_run.rerequested", (context) => onCheckRunRerequested(context, deps));
    app.on("check_run.requested_action", (context) => onOpenLevelClicked(context, deps));
    app.on("issue_comment.created", (context) => onIssueComment(context, deps));
  };
}

/** Probot's entry: every load gets its own lock and config cache. */
export default function parallelPlansApp(app: Probot, options?: ApplicationFunctionOptions): void {
  createApp()(app, options);
}
