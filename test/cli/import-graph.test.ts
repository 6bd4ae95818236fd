/**
 * What the CLI loads: its import graph (type-only imports left out, as they vanish at build) never
 * reaches Probot or Octokit, `--help` and `--version` load no package but commander, and a
 * `validate` run loads neither the YAML parser, the diff library, the prompt templates nor ajv's
 * schema compiler.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import ts from "typescript";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

interface Imports {
  static: string[];
  dynamic: string[];
}

/** The runtime imports of one source file, static and dynamic. */
function importsOf(file: string): Imports {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
  const found: Imports = { static: [], dynamic: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.dynamic.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Packages (and node: modules) reached from `entry`; dynamic imports followed when asked. */
function reachedPackages(entry: string, followDynamic: boolean): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [path.join(SRC, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const { static: direct, dynamic } = importsOf(file);
    for (const specifier of followDynamic ? [...direct, ...dynamic] : direct) {
      if (specifier.startsWith(".")) {
        pending.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      } else {
        packages.add(specifier);
      }
    }
  }
  return packages;
}

const rootPackage = (specifier: string): string =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

describe("the CLI's import graph", () => {
  it("never reaches Probot or Octokit, whatever the command", () => {
    const roots = [...reachedPackages("cli/main.ts", true)].map(rootPackage);
    expect(roots.length).toBeGreaterThan(3);
    expect(roots.filter((name) => name === "probot" || name.startsWith("@octokit/"))).toEqual([]);
  });

  it("loads for --help, --version and usage errors nothing but commander", () => {
    const roots = new Set([...reachedPackages("cli/main.ts", false)].map(rootPackage));
    expect([...roots].filter((name) => !name.startsWith("node:"))).toEqual(["commander"]);
  });

  it("loads for validate neither YAML, diff, the prompt templates nor ajv's compiler", () => {
    const loaded = new Set([
      ...reachedPackages("cli/main.ts", false),
      ...reachedPackages("cli/validate-command.ts", false),
    ]);
    const roots = new Set([...loaded].map(rootPackage));
    expect(roots.has("commander")).toBe(true);
    for (const heavy of ["yaml", "diff", "mustache"]) {
      expect([heavy, roots.has(heavy)]).toEqual([heavy, false]);
    }
    // Only the small run-time helpers the generated validators use: never ajv itself.
    const ajv = [...loaded].filter((s) => rootPackage(s).startsWith("ajv"));
    expect(ajv.filter((s) => !/^ajv\/dist\/runtime\/|^ajv-formats\/dist\/formats/.test(s))).toEqual(
      [],
    );
  });
});
