/**
 * Inside a workflow the check runs the handlers write with `GITHUB_TOKEN` belong to the
 * `github-actions` app: its id is what the check-run lookup filters on. On github.com the id is
 * fixed (15368) and costs no request; on GitHub Enterprise Server it is read once from the public
 * "get an app" endpoint.
 */
import type { ProbotOctokit } from "probot";
import type { AppIdentity } from "../github/deps.js";

/** The `github-actions` app's id on github.com. */
export const GITHUB_ACTIONS_APP_ID = 15368;
const GITHUB_COM_API = "https://api.github.com";

export function actionsIdentity(
  apiUrl: string,
  octokit: () => Promise<ProbotOctokit>,
): AppIdentity {
  let appId: Promise<number> | undefined;
  return {
    appId: () => {
      if (apiUrl === GITHUB_COM_API) return Promise.resolve(GITHUB_ACTIONS_APP_ID);
      appId ??= octokit()
        .then((client) => client.rest.apps.getBySlug({ app_slug: "github-actions" }))
        .then(({ data }) => {
          if (!data) throw new Error("GitHub did not describe the github-actions app");
          return data.id;
        })
        .catch((error: unknown) => {
          appId = undefined;
          throw error;
        });
      return appId;
    },
  };
}
