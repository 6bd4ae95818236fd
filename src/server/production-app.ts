/**
 * The app as `npm start` runs it: status sync and the issue lifecycle on, and the shared
 * collaborators in Redis when the server runs scaled (process memory otherwise).
 */
import type { ApplicationFunction } from "probot";
import { createApp } from "../app.js";
import { createDeps } from "../github/deps.js";
import { redisDeps } from "../store/redis-deps.js";
import type { SharedState } from "./start-server.js";

export function productionApp(shared: SharedState): ApplicationFunction {
  return createApp(
    createDeps({
      syncOnPush: true,
      assignOnPush: true,
      ...(shared.redis ? redisDeps(shared.redis, shared.prefix) : {}),
    }),
  );
}
