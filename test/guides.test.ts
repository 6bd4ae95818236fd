/**
 * The guides stay true: every `$ parallel-plans …` (or `$ npx parallel-plans …`) line in a
 * fenced block of docs/guide.md, best-practices.md, faq.md and troubleshooting.md is run, in the
 * order written, against a scratch copy of examples/; it must not be a usage error (exit 2)
 * unless annotated `# exits N`, and every output line shown under it must be in what it prints.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir, runCli } from "./cli/harness.js";

const GUIDES = [
  "docs/guide.md",
  "docs/best-practices.md",
  "docs/faq.md",
  "docs/troubleshooting.md",
];

interface Shown {
  guide: string;
  line: number;
  args: string[];
  exit: number | null;
  output: string[];
}

/** The commands of a guide, with the output lines shown under each. */
function commandsOf(guide: string, text: string): Shown[] {
  const shown: Shown[] = [];
  let fence: string | null = null;
  let current: Shown | null = null;
  text.split("\n").forEach((line, index) => {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || line.startsWith(fence))) {
      fence = fence === null ? marker : null;
      current = null;
      return;
    }
    if (fence === null) return;
    const command = /^\$ (?:npx )?parallel-plans (.*)$/.exec(line);
    if (command) {
      const [words, exit] = (command[1] as string).split(/\s+#\s+exits\s+/);
      current = {
        guide,
        line: index + 1,
        args: (words as string).trim().split(/\s+/),
        exit: exit === undefined ? null : Number(exit),
        output: [],
      };
      shown.push(current);
    } else if (line.startsWith("$ ")) {
      current = null;
    } else if (current !== null && line.trim() !== "") {
      (current as Shown).output.push(line);
    }
  });
  return shown;
}

let cwd: string;
const all: Shown[] = [];

beforeAll(async () => {
  cwd = await makeTempDir();
  await cp("examples", path.join(cwd, "examples"), { recursive: true });
  for (const guide of GUIDES) all.push(...commandsOf(guide, await readFile(guide, "utf8")));
});
afterAll(async () => removeTempDir(cwd));

describe("the guides", () => {
  it("show commands, and every one of them runs as shown", async () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const command of all) {
      const where = `${command.guide}:${command.line} parallel-plans ${command.args.join(" ")}`;
      const run = await runCli(cwd, command.args);
      const printed = run.stdout + run.stderr;
      if (command.exit === null)
        expect([where, run.code === 2 ? run.stderr : "ok"]).toEqual([where, "ok"]);
      else expect([where, run.code]).toEqual([where, command.exit]);
      for (const line of command.output) {
        expect([where, printed.includes(line) ? line : `missing: ${line}`]).toEqual([where, line]);
      }
    }
  });

  it("answer at least 20 questions in the FAQ", async () => {
    const faq = await readFile("docs/faq.md", "utf8");
    expect(faq.match(/^### \d+\. .+\?$/gm)?.length ?? 0).toBeGreaterThanOrEqual(20);
  });

  it("are linked from the README", async () => {
    const readme = await readFile("README.md", "utf8");
    for (const guide of GUIDES) expect(readme).toContain(`](${guide})`);
  });
});
