/**
 * The app's defaults for a repository config, where they differ from the CLI's
 * ({@link DEFAULT_CONFIG}). One place, so the check, sync, the issue lifecycle and the commands
 * all read a repository the same way.
 */
import { DEFAULT_CONFIG, type RepoConfig } from "../core/config.js";

/**
 * parallel.json is read up to 4 MiB by default (about 10,000 achievements), less than the CLI's
 * `DEFAULT_LIMITS.maxJsonBytes`. * The app analyses every installation's pushes in one shared process and reads each oversized
 * file as base64 through the blob API, while a CLI run is its user's alone: a repository whose
 * plan is larger raises `limits.max_json_bytes` in its config (up to the schema's maximum).
 */
export const APP_MAX_JSON_BYTES = 4 * 1024 * 1024;

/** The config of a repository without `.github/parallel-plans.yml`, as the app applies it. */
export const APP_DEFAULT_CONFIG: RepoConfig = {
  ...DEFAULT_CONFIG,
  limits: { ...DEFAULT_CONFIG.limits, max_json_bytes: APP_MAX_JSON_BYTES },
};
