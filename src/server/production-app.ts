/**
 * The app as `npm start` runs it: status sync and the issue lifecycle on, and the shared
 * collaborators in Redis when the server runs scaled (process memory otherwise); analyses run in
 * worker threads with a deadline.
 */
import type { ApplicationFunction } from "probot";
import { createApp } from "../app.js";
import { createDeps } from "../github/deps.js";
import { redisDeps } from "../store/redis-deps.js";
import { analyzerWithDeadline } from "../worker/analyze-with-deadline.js";
import type { SharedState } from "./start-server.js";

export function productionApp(shared: SharedState): ApplicationFunction {
  return createApp(
    createDeps({
      syncOnPush: true,
      assignOnPush: true,
      // Warm worker threads with a deadline: a slow plan fails its own check, nobody else's.
      // Idle threads are unref'd, so the drain on SIGTERM is not held up by them.
      analyze: analyzerWithDeadline(),
      ...(shared.redis ? redisDeps(shared.redis, shared.prefix, shared.lockTtlMs) : {}),
    }),
  );
}
