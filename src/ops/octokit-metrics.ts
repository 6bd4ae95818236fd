/**
 * An Octokit plugin that counts every GitHub request by route group and status and records the
 * rate limit left, for `/metrics`. Added to Probot's Octokit class, so every installation client
 * (and the app's own JWT client) reports without the handlers knowing.
 */
import type { ProbotOctokit } from "probot";
import type { Metrics } from "./metrics.js";

interface RequestOptions {
  method?: string;
  url?: string;
}

interface HookResponse {
  status: number;
  headers: Record<string, string | number | undefined>;
}

/**
 * A bounded label for a route: `graphql`, or the resource under a repository (`check-runs`,
 * `issues`, `pulls`, `git`, `contents`, `collaborators`…), or the first path segment (`app`,
 * `installation`). URL templates and literal URLs give the same group.
 */
export function routeGroup(url: string | undefined): string {
  const path = (url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/^\/api\/v3/, "");
  const segments = path.split("?")[0]!.split("/").filter(Boolean);
  if (segments[0] === "repos") return segments[3] ?? "repository";
  if (segments[0] === "api" && segments[1] === "graphql") return "graphql";
  return segments[0] ?? "root";
}

/** The plugin for `Octokit.plugin(...)`, bound to the server's metrics. */
export function requestMetrics(metrics: Metrics) {
  return (
    octokit: Pick<ProbotOctokit, "hook">,
    options: { auth?: { installationId?: number | string } },
  ) => {
    const installation = String(options.auth?.installationId ?? "app");
    octokit.hook.wrap("request", async (request, requestOptions) => {
      const route = routeGroup((requestOptions as RequestOptions).url);
      try {
        const response = (await request(requestOptions)) as unknown as HookResponse;
        record(metrics, route, installation, response);
        return response as never;
      } catch (error) {
        const response = (error as { response?: HookResponse }).response;
        if (response) record(metrics, route, installation, response);
        else metrics.githubRequest(route, 0);
        throw error;
      }
    });
    return {};
  };
}

function record(metrics: Metrics, route: string, installation: string, response: HookResponse) {
  metrics.githubRequest(route, response.status);
  const remaining = Number(response.headers["x-ratelimit-remaining"]);
  if (Number.isFinite(remaining) && response.headers["x-ratelimit-remaining"] !== undefined)
    metrics.githubRateLimit(
      installation,
      String(response.headers["x-ratelimit-resource"] ?? "core"),
      remaining,
    );
}
