/**
 * The parallel-plans GitHub App (Probot): wires events to handlers, nothing else. Every event's
 * Octokit is paced per installation before a handler sees it. `npm start` runs it with Probot's
 * standard environment (see `src/server.ts`), with `AppOctokit` (Probot's throttling off).
 */
import type { ApplicationFunctionOptions, Context, Probot } from "probot";
import { onOpenLevelClicked } from "./github/assign/level-button.js";
import { onPullRequest } from "./github/check/on-pull-request.js";
import { onCheckRunRerequested, onCheckSuiteRerequested } from "./github/check/on-rerequest.js";
import { onIssueComment } from "./github/comments/on-issue-comment.js";
import { createDeps, type AppDeps } from "./github/deps.js";
import { probotIdentity } from "./github/pipeline/app-identity.js";
import { onPush } from "./github/pipeline/on-push.js";
import { installationKey, paceRequests } from "./github/pipeline/paced-requests.js";

export { AppOctokit } from "./github/pipeline/app-octokit.js";

/** The app with its collaborators injected (tests pass their own clock). */
export function createApp(given: AppDeps = createDeps({ syncOnPush: true, assignOnPush: true })) {
  return (app: Probot, _options?: ApplicationFunctionOptions): void => {
    const deps: AppDeps = { ...given, identity: given.identity ?? probotIdentity(app) };
    const paced = <C extends Context>(context: C): C => {
      const installation = (context.payload as { installation?: { id?: number } }).installation;
      paceRequests(context.octokit, {
        pacer: deps.pacer,
        key: installationKey(installation?.id),
        log: context.log,
      });
      return context;
    };
    // One pipeline per push: the check, issue lifecycle, buttons and sync share one read.
    app.on("push", (context) => onPush(paced(context), deps));
    app.on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      (context) => onPullRequest(paced(context), deps),
    );
    app.on("check_suite.rerequested", (context) => onCheckSuiteRerequested(paced(context), deps));
    app.on("check_run.rerequested", (context) => onCheckRunRerequested(paced(context), deps));
    app.on("check_run.requested_action", (context) => onOpenLevelClicked(paced(context), deps));
    app.on("issue_comment.created", (context) => onIssueComment(paced(context), deps));
  };
}

/** Probot's entry: every load gets its own locks, caches and pacer. */
export default function parallelPlansApp(app: Probot, options?: ApplicationFunctionOptions): void {
  createApp()(app, options);
}
