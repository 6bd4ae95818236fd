/**
 * Local development: WEBHOOK_PROXY_URL names a https://smee.io channel that GitHub delivers to;
 * smee-client (a dev dependency) forwards each delivery, headers and signature intact, to this
 * server's webhook path, so deliveries take the same path as in production.
 */
import type { SmeeClient as SmeeClientClass } from "smee-client";
import type { ServerSettings } from "./settings.js";
import { SettingsError } from "./settings.js";

/** Something to stop when the server stops. */
export interface WebhookProxy {
  stop(): Promise<void>;
}

interface ProxyLogger {
  info(message: string): void;
  error(message: string): void;
}

/** Start forwarding from the channel to `http://127.0.0.1:<port><webhook path>`. */
export async function startWebhookProxy(
  settings: ServerSettings,
  port: number,
  logger: ProxyLogger,
): Promise<WebhookProxy> {
  const source = settings.webhookProxyUrl!;
  if (!/^https?:\/\//.test(source))
    throw new SettingsError(`WEBHOOK_PROXY_URL must be an http(s) URL, got "${source}".`);
  let SmeeClient: typeof SmeeClientClass;
  try {
    ({ SmeeClient } = await import("smee-client"));
  } catch {
    throw new SettingsError(
      "WEBHOOK_PROXY_URL needs smee-client, which is not installed: run `npm install --save-dev smee-client` (it is a development dependency; production images leave it out).",
    );
  }
  const client = new SmeeClient({
    source,
    target: `http://127.0.0.1:${port}${settings.webhookPath}`,
    logger,
  });
  await client.start();
  return { stop: () => client.stop() };
}
