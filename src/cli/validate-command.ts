/** `parallel-plans validate [PATH...]`: check plan folders and report findings in one format. */
import type { AnalysisReport } from "../core/model.js";
import { renderJson } from "../render/json.js";
import { renderMarkdown } from "../render/markdown.js";
import { escapeControls } from "../render/sanitize.js";
import { renderSarif } from "../render/sarif.js";
import { renderText } from "../render/text.js";
import { exitCodeFor } from "./exit-codes.js";
import type { ValidateFlags, ValidateFormat } from "./command-line.js";
import { printDocument, useColor, type CliIo } from "./io.js";
import { loadOptions } from "./load-options.js";
import { loadReport } from "./load-report.js";
import { rebaseOnRepository } from "./repository-paths.js";
import { TOOL_HOMEPAGE, TOOL_RULES_URI, TOOL_VERSION } from "./version.js";

/** Validate, print the report on stdout, and return the exit code. */
export async function runValidate(
  paths: readonly string[],
  flags: ValidateFlags,
  io: CliIo,
): Promise<number> {
  const strict = flags.strict === true;
  const options = await loadOptions(flags, io);
  const report = await loadReport(paths, options, io);
  // Code scanning resolves SARIF paths from the repository root, not from where the CLI ran.
  const shown = flags.format === "sarif" ? await rebaseOnRepository(report, io.cwd) : report;
  printDocument(io, renderValidation(shown, flags.format, strict, io));
  return exitCodeFor(report, strict);
}

function renderValidation(
  report: AnalysisReport,
  format: ValidateFormat,
  strict: boolean,
  io: CliIo,
): string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report, { strict });
    case "sarif": {
      const sarif = renderSarif(report, {
        toolVersion: TOOL_VERSION,
        informationUri: TOOL_HOMEPAGE,
        rulesUri: TOOL_RULES_URI,
      });
      return escapeControls(JSON.stringify(sarif, null, 2));
    }
    case "text":
      return renderText(report, { color: useColor(io), strict });
  }
}
