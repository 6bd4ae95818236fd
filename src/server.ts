/**
 * `npm start`: the app with Probot's standard environment (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, WEBHOOK_PATH, GHE_HOST, GHE_PROTOCOL,
 * and a `.env` file).
 * - With credentials: our own HTTP server, so webhook bodies are capped before parsing
 *   (Probot's built-in server hands them to its middleware unbounded); GET /ping answers "PONG".
 * - Without them (outside production), or with WEBHOOK_PROXY_URL for local development: Probot's
 *   own `run()`, whose setup flow registers the app from `app.yml`.
 */
import { existsSync } from "node:fs";
import { createProbot, run } from "probot";
import app, { AppOctokit } from "./app.js";
import { createWebhookServer } from "./github/webhook-server.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;
const hasCredentials = Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH));

if (hasCredentials && !env.WEBHOOK_PROXY_URL) {
  // AppOctokit: Probot's process throttling off; the app paces per installation instead.
  const probot = createProbot({ env, overrides: { Octokit: AppOctokit } });
  const server = await createWebhookServer(app, {
    probot,
    webhooksPath: env.WEBHOOK_PATH || "/api/github/webhooks",
  });
  const port = Number(env.PORT || 3000);
  const host = env.HOST || "0.0.0.0";
  server.listen(port, host, () => probot.log.info({ host, port }, "parallel-plans listening"));
} else {
  await run(app, { Octokit: AppOctokit });
}
