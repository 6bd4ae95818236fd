/**
 * The analysis options for a command: the defaults (any folder holding parallel.json or a PLAN
 * markdown is a plan), or what `--config FILE` asks for; `--strict` lowers the failure threshold.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { resolveOptions, type AnalysisOptions } from "../core/options.js";
import { describeFsError } from "../sources/local-source.js";
import { CliError } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { displayPath } from "./load-report.js";

/** A config file is a few hundred bytes; anything near this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface OptionFlags {
  config?: string;
  strict?: boolean;
}

/**
 * Options from the flags. An invalid config prints each finding on stderr as
 * `FILE:LINE:COLUMN: message` and throws (exit 2): it is never half-applied.
 */
export async function loadOptions(flags: OptionFlags, io: CliIo): Promise<AnalysisOptions> {
  const options =
    flags.config === undefined ? resolveOptions() : await readConfigOptions(flags.config, io);
  return flags.strict ? { ...options, failOn: "warning" } : options;
}

async function readConfigOptions(file: string, io: CliIo): Promise<AnalysisOptions> {
  const label = displayPath(file);
  const abs = path.resolve(io.cwd, file);
  let text: string;
  try {
    const stats = await stat(abs);
    if (!stats.isFile()) throw new CliError(`cannot read config ${label}: not a file`);
    if (stats.size > MAX_CONFIG_BYTES) {
      throw new CliError(`cannot read config ${label}: larger than ${MAX_CONFIG_BYTES} bytes`);
    }
    text = await readFile(abs, "utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeFsError(`config ${label}`, error));
  }
  // The YAML parser and the config schema load only when a config is given.
  const { configToOptions, parseConfig } = await import("../core/config.js");
  const { config, findings } = parseConfig(text, label);
  if (findings.length > 0) {
    for (const f of findings) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`);
    const problems = findings.length === 1 ? "1 problem" : `${findings.length} problems`;
    throw new CliError(`invalid config ${label} (${problems})`);
  }
  return configToOptions(config);
}
