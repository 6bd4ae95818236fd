/**
 * Real webhook payloads from `@octokit/webhooks-examples` (api.github.com), signed like GitHub
 * signs them, and adapters that change only what a test needs (files pushed, head SHA, PR
 * number, check run name) while keeping everything else — `installation.id` included, since
 * Probot authenticates as that installation — as GitHub sent it.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * A webhook payload. Deliberately `any`: tests poke at and rewrite deep fields of many event
 * shapes, and pass the result to Probot, whose own payload types are the real contract.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WebhookPayload = any;

interface ExampleEvent {
  name: string;
  actions: string[];
  examples: WebhookPayload[];
}

let events: ExampleEvent[] | undefined;

function exampleEvents(): ExampleEvent[] {
  if (!events) {
    const file = createRequire(import.meta.url).resolve(
      "@octokit/webhooks-examples/api.github.com/index.json",
    );
    events = JSON.parse(readFileSync(file, "utf8")) as ExampleEvent[];
  }
  return events;
}

/** A deep clone of the first example of `event` that satisfies `accept`; throws naming `what`. */
function firstExample(
  event: string,
  what: string,
  accept: (payload: WebhookPayload) => boolean,
): WebhookPayload {
  const found = exampleEvents()
    .find((e) => e.name === event)
    ?.examples.find(accept);
  if (found === undefined)
    throw new Error(`@octokit/webhooks-examples has no ${event} example ${what}`);
  return structuredClone(found);
}

const hasInstallation = (payload: WebhookPayload): boolean =>
  typeof payload.installation?.id === "number";

/**
 * A deep clone of the first real example of `event` (and `action`, when given), e.g.
 * `examplePayload("check_suite", "requested")`. Throws when the package has none.
 */
export function examplePayload(event: string, action?: string): WebhookPayload {
  return firstExample(
    event,
    action === undefined ? "at all" : `with action ${action}`,
    (payload) => action === undefined || payload.action === action,
  );
}

/** The `X-Hub-Signature-256` header GitHub sends for `body`: `sha256=<hex HMAC-SHA256>`. */
export function signPayload(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The headers of a webhook delivery of `body` (already serialised) for `event`, signed. */
export function webhookHeaders(
  event: string,
  body: string,
  secret: string,
  deliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": deliveryId,
    "x-hub-signature-256": signPayload(body, secret),
  };
}

/** A stable, fake 40-hex commit SHA derived from `seed`. */
export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/** Rewrites, in every string of `node`, each match of `pattern` (global) to `replacement`. */
function replaceStrings(node: WebhookPayload, pattern: RegExp, replacement: string): void {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === "string") node[key] = value.replace(pattern, replacement);
    else if (typeof value === "object" && value !== null)
      replaceStrings(value, pattern, replacement);
  }
}

/** Files a push changes: paths relative to the repository root. */
export interface PushedFiles {
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/**
 * The real branch-push example (`refs/heads/master`, installation 1) rewritten to push
 * `commits` commits (default 1) ending at `after`, the last one touching `files` (earlier ones
 * touch nothing). `commits: 20` gives the largest list GitHub sends — the payload may then be
 * truncated, and the app must ask the compare API instead. The push updates an existing branch:
 * `before` is a non-zero SHA and `created` is false (the example created the branch).
 */
export function pushTouching(
  files: PushedFiles,
  opts: { after?: string; before?: string; ref?: string; commits?: number } = {},
): WebhookPayload {
  const payload = firstExample("push", "to a branch with commits and an installation", (p) =>
    Boolean(p.ref?.startsWith("refs/heads/") && p.commits?.length > 0 && hasInstallation(p)),
  );
  const after: string = opts.after ?? payload.after;
  const before = opts.before ?? fakeSha(`before ${after}`);
  const count = opts.commits ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`commits must be ≥ 1, not ${count}`);
  const template = payload.commits[0];
  payload.commits = Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    return {
      ...structuredClone(template),
      id: last ? after : fakeSha(`commit ${i} of ${after}`),
      url: `${payload.repository.html_url}/commit/${last ? after : fakeSha(`commit ${i} of ${after}`)}`,
      added: last ? [...(files.added ?? [])] : [],
      modified: last ? [...(files.modified ?? [])] : [],
      removed: last ? [...(files.removed ?? [])] : [],
    };
  });
  payload.head_commit = structuredClone(payload.commits[count - 1]);
  payload.after = after;
  payload.before = before;
  payload.ref = opts.ref ?? payload.ref;
  payload.created = false;
  payload.compare = `${payload.repository.html_url}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`;
  return payload;
}

/**
 * A real `pull_request` example for `action` (one carrying an installation) with its head SHA
 * (everywhere it appears: `head.sha`, `statuses_url`, a synchronize's `after`) and its number
 * (`number`, `pull_request.number` and the PR's own URLs) replaced when given.
 */
export function pullRequestEvent(
  action: "opened" | "synchronize" | "reopened",
  opts: { headSha?: string; number?: number } = {},
): WebhookPayload {
  const payload = firstExample("pull_request", `${action} with an installation`, (p) =>
    Boolean(p.action === action && hasInstallation(p)),
  );
  if (opts.headSha !== undefined)
    replaceStrings(payload, new RegExp(payload.pull_request.head.sha, "g"), opts.headSha);
  if (opts.number !== undefined) {
    const old: number = payload.number;
    replaceStrings(
      payload.pull_request,
      new RegExp(`/(pulls?|issues)/${old}(?=$|[/.])`, "g"),
      `/$1/${opts.number}`,
    );
    payload.number = opts.number;
    payload.pull_request.number = opts.number;
  }
  return payload;
}

/** The real `check_suite.rerequested` example with its head SHA replaced everywhere. */
export function checkSuiteRerequested(headSha: string): WebhookPayload {
  const payload = firstExample("check_suite", "rerequested with an installation", (p) =>
    Boolean(p.action === "rerequested" && hasInstallation(p)),
  );
  replaceStrings(payload, new RegExp(payload.check_suite.head_sha, "g"), headSha);
  return payload;
}

/**
 * The real `check_run.rerequested` example with its head SHA replaced everywhere and the
 * check run renamed to `checkRunName` (the app's stable check name by default).
 */
export function checkRunRerequested(
  headSha: string,
  checkRunName = "parallel-plans",
): WebhookPayload {
  const payload = firstExample("check_run", "rerequested with an installation", (p) =>
    Boolean(p.action === "rerequested" && hasInstallation(p)),
  );
  replaceStrings(payload, new RegExp(payload.check_run.head_sha, "g"), headSha);
  payload.check_run.name = checkRunName;
  return payload;
}
