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
  it("sends 60 findings as 50 annotations on a run in progress, then 10 with the completion", async () => {
    const gh = fakeHelloWorld();
    gh.files.set(`${PLAN}/parallel.json`, generatedPlanJson("BIG", 30, true));
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();

    await deliver(await appProbot(), "push", pushTouching({ modified: [`${PLAN}/parallel.json`] }));

    expect(gh.writes()).toHaveLength(2);
    const [first, complete] = gh.writes();
    // No conclusion shows until every annotation is there.
    expect(first).toMatchObject({ status: "in_progress" });
    expect(first).not.toHaveProperty("conclusion");
    expect(first!.output.annotations).toHaveLength(50);
    expect(complete).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(complete!.output.annotations).toHaveLength(10);
    expect(complete!.output.title).toBe(first!.output.title);
    // Errors first: every missing-subplan error goes before the status-drift warnings.
    const levels = [...first!.output.annotations, ...complete!.output.annotations].map(
      (a: WriteBody) => a.annotation_level,
    );
    expect(levels.lastIndexOf("failure")).toBeLessThan(levels.indexOf("warning"));
    expect(first!.output.summary).not.toContain("Annotations show the first");
    gh.mock.done();
  });

  it("keeps every text within GitHub's limits for a plan of 10,000 achievements", async () => {
    const gh = fakeHelloWorld();
    gh.config = "limits:\n  max_file_bytes: 10485760\n";
    gh.files.set(`${PLAN}/parallel.json`, generatedPlanJson("BIG", 10_000, true));
    gh.expectToken().expectGraphql().expectCreate().expectUpdate(4);

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
    const complete = writes.at(-1)!;
    expect(complete).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(writes.slice(0, -1).every((w) => w.conclusion === undefined)).toBe(true);
    expect(complete.output.title).toMatch(/^1 plan checked: [\d,]+ errors/);
    expect(writes[0].output.summary).toMatch(/Annotations show the first 250 of [\d,]+ findings/);
    expect(writes.flatMap((w) => w.output.annotations)).toHaveLength(250);
    gh.mock.done();
  });
});
