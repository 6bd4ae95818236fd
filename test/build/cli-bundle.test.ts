import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
// @ts-expect-error plain JavaScript build script, without type declarations
import { escapeNonAscii } from "../../scripts/ascii-bundle.js";

interface Escaped {
  text: string;
  kept: number[];
}

const escape = escapeNonAscii as (text: string) => Escaped;

/** The value of a JavaScript expression, evaluated apart from the test's own globals. */
function evaluate(expression: string): unknown {
  return vm.runInNewContext(`(${expression})`);
}

function asString(value: unknown): string {
  return value instanceof RegExp ? `${value.source} ${value.flags}` : JSON.stringify(value);
}

describe("escapeNonAscii", () => {
  it.each([
    ["a regular expression", String.raw`/estimat|⏱/i`, String.raw`/estimat|\u23F1/i`],
    [
      "a character class under the u flag",
      String.raw`/[\s\uFE0F~≈:]/u`,
      String.raw`/[\s\uFE0F~\u2248:]/u`,
    ],
    ["an identity escape", String.raw`/\–/`, String.raw`/\u2013/`],
    ["an astral character", String.raw`/😀/u`, String.raw`/\uD83D\uDE00/u`],
    ["a string", `"é"`, String.raw`"\u00E9"`],
    ["an untagged template", "`é${1}è`", "`\\u00E9${1}\\u00E8`"],
  ])("escapes %s", (_, source, expected) => {
    expect(escape(source)).toEqual({ text: expected, kept: [] });
  });

  it.each([
    ["/estimat|⏱/i", ["estimat", "x⏱", "⏲"]],
    ["/^[\\s\\uFE0F~≈:]{0,16}/u", ["≈ 2h", " ~3", "x"]],
    ["/(?:-|–|to)/", ["1–2", "1 to 2", "1—2"]],
    ["/[😀-😂]/u", ["😁", "😃", "\uD83D"]],
  ])("keeps what %s matches", (source, inputs) => {
    const before = evaluate(source) as RegExp;
    const after = evaluate(escape(source).text) as RegExp;
    expect(inputs.map((input) => after.test(input))).toEqual(inputs.map((i) => before.test(i)));
  });

  it("escapes comments, whose meaning is nothing", () => {
    expect(escape("a /* © */ + b // é\n").text).toBe("a /* \\u00A9 */ + b // \\u00E9\n");
  });

  it.each([
    ["a tagged template's raw text", "String.raw`é`", [11]],
    ["a name", "let é = 1;", [4]],
    ["a name after a division", "x = a / b /é/g", [11]],
  ])("leaves %s as written and reports it", (_, source, kept) => {
    expect(escape(source)).toEqual({ text: source, kept });
  });

  it("returns ASCII text unchanged", () => {
    expect(escape("const a = /x/;")).toEqual({ text: "const a = /x/;", kept: [] });
  });

  it("gives every escaped expression the value it had", () => {
    const sources = ["/estimat|⏱/i", '"→ ✔"', "`× ${2} ≤`"];
    for (const source of sources) {
      expect(asString(evaluate(escape(source).text))).toBe(asString(evaluate(source)));
    }
  });
});

describe("the CLI bundle", () => {
  const bundle = path.join(process.cwd(), "dist", "cli-bundle", "main.cjs");
  let scratch: string;

  beforeAll(async () => {
    if (!existsSync(bundle)) await promisify(execFile)("npm", ["run", "build"]);
    scratch = mkdtempSync(path.join(tmpdir(), "cli-bundle-"));
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("is ASCII-only, so V8 holds it as a one-byte string", () => {
    const bytes = readFileSync(bundle);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it("holds package.json and the parallel.json schema instead of reading them", async () => {
    // Two folders down like dist/cli-bundle/, but with no package.json or schemas/ above.
    const alone = path.join(scratch, "a", "b", "main.cjs");
    mkdirSync(path.dirname(alone), { recursive: true });
    copyFileSync(bundle, alone);
    const plan = path.join(process.cwd(), "examples", "PARALLEL-EXECUTION-AUTOMATION");
    const script = `require(${JSON.stringify(alone)}).main(process.argv.slice(1).map(String)).then((code) => { process.exitCode = code; })`;
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["-e", script, "node", "cli", ...args]);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

    expect((await run("--version")).stdout).toBe(`${pkg.version}\n`);
    expect((await run("validate", plan)).stdout).toContain("0 errors");
  });
});
