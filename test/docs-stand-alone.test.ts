/**
 * The docs speak of the product only: a reader has never seen the documents the methodology was
 * first written in, so "seed 003", "Gap 7" or "the seeds' example" tell them nothing.
 */
import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "@jest/globals";

const OUTSIDE_REFERENCES = [/\bseeds?\b/i, /\bgap \d+/i, /not built yet/i];

async function pages(): Promise<string[]> {
  const docs = (await readdir("docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

describe("docs", () => {
  it("cite no outside document and claim nothing unbuilt", async () => {
    const found: string[] = [];
    for (const page of await pages()) {
      const lines = (await readFile(page, "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (OUTSIDE_REFERENCES.some((re) => re.test(line))) found.push(`${page}:${i + 1}: ${line}`);
      });
    }
    expect(found).toEqual([]);
  });
});
