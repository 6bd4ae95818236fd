/**
 * What the Action runs with: the workflow's event and token, GitHub's API addresses (GitHub
 * Enterprise Server included), where the job summary and outputs go, and the action's inputs.
 * `action.yml` passes the inputs as `PARALLEL_PLANS_*` variables; the rest is the runner's own
 * environment. Pure: environment in, settings or one sentence saying what is missing out.
 */

/** The workflow events the app's handlers answer, as Probot's event names. */
const EVENTS: Readonly<Record<string, string>> = {
  push: "push",
  pull_request: "pull_request",
  // Same payload; the base repository's token can write checks on a fork's pull request.
  pull_request_target: "pull_request",
  issue_comment: "issue_comment",
};

export const FAIL_ON = ["check", "error", "warning", "never"] as const;
/**
 * When the job fails: `check` as the `parallel-plans` check concludes (the repository config's
 * `fail_on`, an invalid config, a check that could not finish), `error` / `warning` on findings of
 * at least that severity, `never`.
 */
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionSettings {
  /** Probot's event name for the workflow event. */
  eventName: string;
  eventPath: string;
  token: string;
  /** REST root: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  apiUrl: string;
  /** The delivery id the handlers store (`external_id`, reply ledgers): one per run attempt. */
  deliveryId: string;
  summaryPath: string | null;
  outputPath: string | null;
  failOn: FailOn;
  /** Where to write SARIF (relative to the workspace), or null for none. */
  sarifFile: string | null;
  workspace: string;
  /** Keep achievement issues in step / propose sync pull requests on default-branch pushes. */
  assign: boolean;
  sync: boolean;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
}

export type SettingsResult =
  | { kind: "run"; settings: ActionSettings }
  | { kind: "skip"; reason: string }
  | { kind: "error"; message: string };

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** Read the settings; an unsupported event is a skip (exit 0), a missing piece an error. */
export function readSettings(env: Env): SettingsResult {
  const workflowEvent = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!workflowEvent || !eventPath) {
    return {
      kind: "error",
      message:
        "GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: run parallel-plans-action as a step of a GitHub Actions workflow",
    };
  }
  const eventName = EVENTS[workflowEvent];
  if (eventName === undefined) {
    return {
      kind: "skip",
      reason: `nothing to do on a ${workflowEvent} event: the action answers ${Object.keys(EVENTS).join(", ")}`,
    };
  }
  const token = env.PARALLEL_PLANS_TOKEN || env.GITHUB_TOKEN;
  if (!token) {
    return {
      kind: "error",
      message: "no token: pass `token: ${{ github.token }}` (the default) to the action",
    };
  }
  const failOn = (env.PARALLEL_PLANS_FAIL_ON || "check") as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    return {
      kind: "error",
      message: `fail-on must be one of ${FAIL_ON.join(", ")}, not "${failOn}"`,
    };
  }
  // Probot logs a failed handler with its stack at "error"; the step says it in one line itself.
  const logLevel = (env.PARALLEL_PLANS_LOG_LEVEL || "fatal") as ActionSettings["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    return {
      kind: "error",
      message: `log-level must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`,
    };
  }
  const apiUrl = withoutTrailingSlash(env.GITHUB_API_URL || "https://api.github.com");
  const graphqlUrl = env.GITHUB_GRAPHQL_URL;
  if (graphqlUrl && withoutTrailingSlash(graphqlUrl) !== graphqlFor(apiUrl)) {
    return {
      kind: "error",
      message: `GITHUB_GRAPHQL_URL ${graphqlUrl} is not the GraphQL endpoint of GITHUB_API_URL ${apiUrl} (${graphqlFor(apiUrl)})`,
    };
  }
  const runId = env.GITHUB_RUN_ID || "local";
  return {
    kind: "run",
    settings: {
      eventName,
      eventPath,
      token,
      apiUrl,
      deliveryId: `actions-${runId}-${env.GITHUB_RUN_ATTEMPT || "1"}`,
      summaryPath: env.GITHUB_STEP_SUMMARY || null,
      outputPath: env.GITHUB_OUTPUT || null,
      failOn,
      sarifFile: env.PARALLEL_PLANS_SARIF_FILE || null,
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      assign: env.PARALLEL_PLANS_ASSIGN === "true",
      sync: env.PARALLEL_PLANS_SYNC === "true",
      logLevel,
    },
  };
}

/**
 * The GraphQL endpoint Octokit derives from a REST root: `/graphql` on github.com, `/api/graphql`
 * on GitHub Enterprise Server (REST under `/api/v3`).
 */
export function graphqlFor(apiUrl: string): string {
  return apiUrl.endsWith("/api/v3") ? `${apiUrl.slice(0, -2)}graphql` : `${apiUrl}/graphql`;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
