/**
 * The repository config as the check sees it: the blob GraphQL read from the default branch,
 * parsed and validated by the core (`parseConfig`), or the defaults when there is none.
 */
import { DEFAULT_CONFIG, parseConfig, type RepoConfig } from "../../core/config.js";
import type { Finding } from "../../core/types.js";
import type { BlobNode } from "./commit-files.js";
import { CONFIG_PATH } from "./touched-plans.js";

/** Larger configs are refused unread: a real one is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 64 * 1024;

export interface LoadedConfig {
  config: RepoConfig;
  /** Problems located in the config file; with any, `config` is the defaults and unused. */
  findings: Finding[];
  /** Blob id of the config, null when the repository has none. */
  oid: string | null;
}

export function loadRepoConfig(blob: BlobNode | null): LoadedConfig {
  if (!blob || blob.byteSize === undefined)
    return { config: DEFAULT_CONFIG, findings: [], oid: null };
  const oid = blob.oid ?? null;
  if (blob.byteSize > MAX_CONFIG_BYTES || typeof blob.text !== "string" || blob.isTruncated) {
    const why =
      blob.byteSize > MAX_CONFIG_BYTES
        ? `it is ${blob.byteSize} bytes, over the limit of ${MAX_CONFIG_BYTES}`
        : "GitHub reports it as binary";
    return { config: DEFAULT_CONFIG, oid, findings: [unreadable(`config not read: ${why}`)] };
  }
  const { config, findings } = parseConfig(blob.text, CONFIG_PATH);
  return { config, findings, oid };
}

function unreadable(message: string): Finding {
  return {
    rule: "schema",
    severity: "error",
    file: CONFIG_PATH,
    line: 1,
    column: 1,
    message,
    achievements: [],
  };
}
