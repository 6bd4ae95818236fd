/**
 * The server's settings: defaults as `.env.example` documents them, and one sentence naming the
 * variable for a value that cannot be used.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { missingCredentials, readSettings } from "../../src/server/settings.js";

/** `# NAME=value` lines of .env.example: the defaults it shows. */
function documentedDefaults(): Record<string, string> {
  const text = readFileSync(".env.example", "utf8");
  return Object.fromEntries(
    [...text.matchAll(/^# ([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!] as [string, string]),
  );
}

describe("server settings", () => {
  it("default to what .env.example shows", () => {
    const shown = documentedDefaults();
    const settings = readSettings({});
    expect({
      PORT: String(settings.port),
      HOST: settings.host,
      WEBHOOK_PATH: settings.webhookPath,
      QUEUE_CONCURRENCY: String(settings.concurrency),
      QUEUE_INSTALLATION_CONCURRENCY: String(settings.perInstallation),
      SHUTDOWN_GRACE_SECONDS: String(settings.graceMs / 1000),
      QUEUE_STALLED_SECONDS: String(settings.stalledMs / 1000),
    }).toEqual({
      PORT: shown.PORT,
      HOST: shown.HOST,
      WEBHOOK_PATH: shown.WEBHOOK_PATH,
      QUEUE_CONCURRENCY: shown.QUEUE_CONCURRENCY,
      QUEUE_INSTALLATION_CONCURRENCY: shown.QUEUE_INSTALLATION_CONCURRENCY,
      SHUTDOWN_GRACE_SECONDS: shown.SHUTDOWN_GRACE_SECONDS,
      QUEUE_STALLED_SECONDS: shown.QUEUE_STALLED_SECONDS,
    });
  });

  it.each([
    [{ PORT: "70000" }, 'PORT must be a whole number from 0 to 65535, got "70000".'],
    [
      { REDIS_URL: "localhost:6379" },
      'REDIS_URL must start with redis:// or rediss://, got "localhost:6379".',
    ],
    [{ WEBHOOK_PATH: "hooks" }, 'WEBHOOK_PATH must start with "/", got "hooks".'],
    [
      { SHUTDOWN_GRACE_SECONDS: "-1" },
      'SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600, got "-1".',
    ],
  ])("refuses %j with one sentence", (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });

  it("asks for the webhook secret in production only", () => {
    const env = { APP_ID: "1", PRIVATE_KEY: "pem" };
    expect(missingCredentials(env)).toBeUndefined();
    expect(missingCredentials({ ...env, NODE_ENV: "production" })).toMatch(
      /^WEBHOOK_SECRET is not set/,
    );
  });
});
