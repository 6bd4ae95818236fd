/**
 * docs/github-app.md shows what the check shows: its sample is the summary the real app writes
 * for examples/PARALLEL-EXECUTION-AUTOMATION. When the renderer changes, refresh it with
 * `UPDATE_DOCS=1 npm run test:unit -- test/github/docs.test.ts`.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import { installNockGuards } from "../support/github-mock.js";
import { pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";

installNockGuards();

const DOC = "docs/github-app.md";
const START = "<!-- sample-check:start -->\n";
const END = "<!-- sample-check:end -->";

describe("docs/github-app.md", () => {
  it("shows the check run the app writes for an example plan", async () => {
    const plan = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;
    const gh = fakeHelloWorld().addFolder(plan, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.expectToken().expectGraphql().expectCreate();
    await deliver(await appProbot(), "push", pushTouching({ modified: [`${plan}/parallel.json`] }));
    gh.mock.done();
    const { conclusion, output } = gh.writes()[0];
    const sample = `**${conclusion}** — ${output.title}\n\n${output.summary}\n`;

    const doc = readFileSync(DOC, "utf8");
    const from = doc.indexOf(START) + START.length;
    const to = doc.indexOf(END);
    expect(from).toBeGreaterThanOrEqual(START.length);
    if (process.env.UPDATE_DOCS === "1")
      writeFileSync(DOC, doc.slice(0, from) + sample + doc.slice(to));
    else expect(doc.slice(from, to)).toBe(sample);
  });

  it("says Probot's throttling is off in production, as AppOctokit sets it", () => {
    const doc = readFileSync(DOC, "utf8");
    expect(doc).not.toMatch(/throttling (and retries )?stays? on/i);
    expect(doc.match(/Probot's (own )?throttling is off/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
