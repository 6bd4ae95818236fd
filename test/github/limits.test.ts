/**
 * GitHub's limits, through the real app: 50 annotations per request (more go in follow-up
 * updates, capped with a note), summary within 65,535 bytes and a short title — even for a plan
 * of 10,000 achievements.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards } from "../support/github-mock.js";
import { pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";
import type { WriteBody } from "./fake-github.js";
import { generatedPlanJson } from "./plans.js";

installNockGuards();

const PLAN = `${PLAN_ROOT}/BIG`;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("GitHub limits", () => {
  it("sends 60 findings as 50 annotations with the completion and 10 in one more update", async () => {
    const gh = fakeHelloWorld();
    gh.files.set(`${PLAN}/parallel.json`, generatedPlanJson("BIG", 30, true));
    gh.expectToken().expectGraphql().expectCreate().expectUpdate(2);

    await deliver(await appProbot(), "push", pushTouching({ modified: [`${PLAN}/parallel.json`] }));

    const [, complete, append] = gh.writes();
    expect(complete!.conclusion).toBe("failure");
    expect(complete!.output.annotations).toHaveLength(50);
    expect(append).not.toHaveProperty("conclusion");
    expect(append!.output.annotations).toHaveLength(10);
    expect(append!.output.title).toBe(complete!.output.title);
    // Errors first: every missing-subplan error goes before the status-drift warnings.
    const levels = [...complete!.output.annotations, ...append!.output.annotations].map(
      (a: WriteBody) => a.annotation_level,
    );
    expect(levels.lastIndexOf("failure")).toBeLessThan(levels.indexOf("warning"));
    expect(complete!.output.summary).not.toContain("Annotations show the first");
    gh.mock.done();
  });

  it("keeps every text within GitHub's limits for a plan of 10,000 achievements", async () => {
    const gh = fakeHelloWorld();
    gh.config = "limits:\n  max_file_bytes: 10485760\n";
    gh.files.set(`${PLAN}/parallel.json`, generatedPlanJson("BIG", 10_000, true));
    gh.expectToken().expectGraphql().expectCreate().expectUpdate(5);

    await deliver(await appProbot(), "push", pushTouching({ modified: [`${PLAN}/parallel.json`] }));

    const writes = gh.writes();
    for (const write of writes) {
      expect(bytes(write.output.summary)).toBeLessThanOrEqual(65_535);
      expect(bytes(write.output.title)).toBeLessThanOrEqual(255);
      expect((write.output.annotations ?? []).length).toBeLessThanOrEqual(50);
      for (const annotation of write.output.annotations ?? []) {
        expect(bytes(annotation.message)).toBeLessThanOrEqual(64 * 1024);
        expect(bytes(annotation.title)).toBeLessThanOrEqual(255);
      }
    }
    const complete = writes[1]!;
    expect(complete.output.title).toMatch(/^1 plan checked: [\d,]+ errors/);
    expect(complete.output.summary).toMatch(/Annotations show the first 250 of [\d,]+ findings/);
    expect(writes.slice(1).flatMap((w) => w.output.annotations)).toHaveLength(250);
    gh.mock.done();
  });
});
