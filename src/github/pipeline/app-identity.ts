/**
 * Who this app is on GitHub. Loaded into Probot, it is the GitHub App of Probot's credentials:
 * its id is read once, locally (the app's JWT auth makes no request).
 */
import type { Probot } from "probot";
import type { AppDeps, AppIdentity } from "../deps.js";

/** The GitHub App of the Probot instance the handlers are loaded into. */
export function probotIdentity(app: Probot): AppIdentity {
  let appId: Promise<number> | undefined;
  return {
    appId: () => {
      appId ??= app
        .auth()
        .then((octokit) => octokit.auth({ type: "app" }))
        .then((auth) => Number((auth as { appId: number | string }).appId))
        .catch((error: unknown) => {
          appId = undefined;
          throw error;
        });
      return appId;
    },
  };
}

/** The identity `createApp` wired in; handlers are only ever run through it. */
export function identityOf(deps: AppDeps): AppIdentity {
  if (!deps.identity)
    throw new Error("the app's identity is not wired: load the handlers with createApp(deps)");
  return deps.identity;
}
