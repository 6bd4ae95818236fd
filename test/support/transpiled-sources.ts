/**
 * The sources as plain JavaScript for tests that run the server in a child process (signals,
 * exit codes): every `src/**.ts` file plus the given test entries, transpiled one by one (no
 * type check; `npm test` type-checks) into a temp folder laid out like the repository, with
 * `node_modules`, `schemas`, `templates` and `package.json` linked in so imports and the
 * runtime files resolve as they do from `dist/`.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const ROOT = process.cwd();

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Transpile `src/` and `entries` (repository-relative .ts paths); returns the folder. */
export function transpileSources(entries: string[]): string {
  const out = mkdtempSync(join(tmpdir(), "parallel-plans-js-"));
  const files = [...sourcesUnder(join(ROOT, "src")), ...entries.map((e) => join(ROOT, e))];
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  for (const linked of ["node_modules", "schemas", "templates", "package.json"])
    symlinkSync(join(ROOT, linked), join(out, linked));
  return out;
}
