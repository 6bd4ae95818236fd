/**
 * The process around the server: settings and credentials checked first (one line and exit 1
 * when unusable, never a stack trace), the startup line, the development webhook proxy, and the
 * signals. SIGTERM or SIGINT drains (deliveries get 503, running jobs get the grace period),
 * logs what it could not finish, and exits 0; a second signal exits at once.
 */
import { run, type ApplicationFunction } from "probot";
import { AppOctokit } from "../app.js";
import { missingCredentials, readSettings, SettingsError } from "./settings.js";
import { startServer, type RunningServer, type SharedState } from "./start-server.js";
import { startWebhookProxy, type WebhookProxy } from "./webhook-proxy.js";

type Env = Record<string, string | undefined>;

/**
 * Run the app as `npm start` does. Without credentials outside production, Probot's setup flow
 * registers the app from app.yml instead.
 */
export async function main(
  env: Env,
  app: (shared: SharedState) => ApplicationFunction,
  setupApp: ApplicationFunction,
): Promise<void> {
  let server: RunningServer;
  let proxy: WebhookProxy | undefined;
  try {
    const settings = readSettings(env);
    const missing = missingCredentials(env);
    if (missing && env.NODE_ENV === "production") throw new SettingsError(missing);
    if (missing && !env.APP_ID) {
      await run(setupApp, { env: env as NodeJS.ProcessEnv, Octokit: AppOctokit });
      return;
    }
    if (missing) throw new SettingsError(missing);
    // The startup line must show at the default level, which Probot puts at "warn".
    server = await startServer({ settings, env: { LOG_LEVEL: "info", ...env }, app });
    server.probot.log.info(
      {
        mode: server.queue.mode,
        port: server.port,
        host: settings.host,
        webhookPath: settings.webhookPath,
        concurrency: settings.concurrency,
      },
      `parallel-plans listening on ${server.url}${settings.webhookPath} (${server.queue.mode} queue)`,
    );
    if (settings.webhookProxyUrl) {
      proxy = await startWebhookProxy(settings, server.port, {
        info: (message) => server.probot.log.info(message),
        error: (message) => server.probot.log.error(message),
      });
      server.probot.log.info(
        { source: settings.webhookProxyUrl },
        "forwarding deliveries from the webhook proxy",
      );
    }
  } catch (error) {
    fail(error);
    return;
  }

  let signals = 0;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      server.probot.log.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    server.probot.log.info({ signal }, "shutting down: refusing new deliveries");
    await proxy?.stop().catch(() => undefined);
    const left = await server.stop();
    if (left.length > 0)
      server.probot.log.warn(
        { unfinished: left, mode: server.queue.mode },
        server.queue.mode === "redis"
          ? "shutdown left deliveries in Redis for another instance"
          : "shutdown lost deliveries that had not finished (redeliver them from the app's settings)",
      );
    server.probot.log.info({ signal }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));
}

/** One line on stderr and exit status 1: what is wrong, never a stack trace. */
function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`parallel-plans: ${message}`);
  process.exitCode = 1;
}
