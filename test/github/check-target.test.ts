/** Which run an event writes to, and the marker that remembers what a run covers. */
import { describe, expect, it } from "@jest/globals";
import {
  covers,
  MARKER_SCOPE_MAX_BYTES,
  readMarker,
  recordableScope,
  unionScope,
  writeMarker,
  type CheckMarker,
} from "../../src/github/check/check-marker.js";
import { errorCheck, startedOutput } from "../../src/github/check/check-run.js";
import { utf8ByteLength } from "../../src/render/sanitize.js";
import { decideTarget, type ExistingRun } from "../../src/github/check/check-target.js";

const A = "work-space/plans/A";
const B = "work-space/plans/B";
const request = { scope: [A], config: "c1", rerequest: false, deliveryId: "d1" };

function run(
  id: number,
  completed: boolean,
  marker: CheckMarker | null,
  externalId = "old",
): ExistingRun {
  const summary = marker ? `text\n\n${writeMarker(marker)}` : null;
  return { id, completed, externalId, title: null, summary };
}

describe("decideTarget", () => {
  it.each([
    ["no run yet", [], { kind: "create", scope: [A], annotated: [] }],
    [
      "a finished run covering the scope",
      [run(1, true, { scope: [A, B], config: "c1", done: true })],
      { kind: "skip", id: 1 },
    ],
    [
      "a finished run checking every plan",
      [run(1, true, { scope: "all", config: "c1", done: true })],
      { kind: "skip", id: 1 },
    ],
    [
      "a finished run of another plan",
      [run(1, true, { scope: [B], config: "c1", done: true })],
      { kind: "update", id: 1, scope: [A, B], annotated: [B] },
    ],
    [
      "a run in progress",
      [run(1, false, { scope: [B], config: "c1", done: false })],
      { kind: "update", id: 1, scope: [A, B], annotated: [] },
    ],
    [
      "a run that failed",
      [run(1, true, { scope: [A], config: "c1", done: false })],
      { kind: "update", id: 1, scope: [A], annotated: [] },
    ],
    [
      "a run without marker",
      [run(1, true, null)],
      { kind: "update", id: 1, scope: [A], annotated: [] },
    ],
    [
      "a finished run under another config",
      [run(1, true, { scope: [A], config: "c0", done: true })],
      { kind: "create", scope: [A], annotated: [] },
    ],
    [
      "the newest of two runs",
      [
        run(1, true, { scope: [B], config: "c1", done: true }),
        run(2, true, { scope: [A], config: "c1", done: true }),
      ],
      { kind: "skip", id: 2 },
    ],
    [
      "a run in progress over a newer finished one",
      [run(3, true, { scope: [A], config: "c1", done: true }), run(2, false, null)],
      { kind: "update", id: 2, scope: [A], annotated: [] },
    ],
  ])("with %s", (_what, runs, expected) => {
    expect(decideTarget(runs, request)).toEqual(expected);
  });

  it("gives a re-run a new run, and its redelivery the same one", () => {
    const runs = [run(1, true, { scope: [A], config: "c1", done: true })];
    const rerun = { ...request, scope: "all" as const, rerequest: true, deliveryId: "r1" };
    expect(decideTarget(runs, rerun)).toEqual({ kind: "create", scope: "all", annotated: [] });
    const made = run(2, true, { scope: "all", config: "c1", done: true }, "r1");
    expect(decideTarget([...runs, made], rerun)).toEqual({ kind: "skip", id: 2 });
  });
});

describe("check marker", () => {
  it("round-trips through a summary, whatever the folder names hold", () => {
    const marker: CheckMarker = { scope: ["plans/--> <b>", 'plans/"q"'], config: null, done: true };
    const text = writeMarker(marker);
    expect(text).not.toMatch(/-->.*-->/s);
    expect(text.slice(4, -4)).not.toContain("<");
    expect(readMarker(`# Summary\n\n${text}`)).toEqual(marker);
  });

  it("records the buttons a run offers, and none when it offers none", () => {
    const offering: CheckMarker = { scope: [A], config: null, done: true, offered: ["open:0:3"] };
    expect(readMarker(writeMarker(offering))).toEqual(offering);
    const none = writeMarker({ scope: [A], config: null, done: true, offered: [] });
    expect(none).not.toContain("offered");
    expect(readMarker(none)).toEqual({ scope: [A], config: null, done: true });
  });

  it.each([
    null,
    "",
    "no marker",
    "<!-- parallel-plans:{not json} -->",
    '<!-- parallel-plans:{"kind":"achievement"} -->',
    '<!-- parallel-plans:{"kind":"check","scope":[1],"config":null,"done":true} -->',
  ])("reads no marker from %p", (summary) => expect(readMarker(summary)).toBeNull());

  it("covers and unites scopes", () => {
    expect(covers("all", [A])).toBe(true);
    expect(covers([A], "all")).toBe(false);
    expect(covers([A, B], [B])).toBe(true);
    expect(unionScope([B], [A, B])).toEqual([A, B]);
    expect(unionScope([A], "all")).toBe("all");
  });
});

describe("a scope of thousands of plan folders", () => {
  const folders = Array.from(
    { length: 2000 },
    (_, i) => `work-space/plans/TEAM-${String(i).padStart(4, "0")}-QUARTERLY-ROADMAP`,
  );

  it("is checked as every plan, which the marker can record", () => {
    expect(recordableScope(folders)).toBe("all");
  });

  it("keeps a folder list that fits as it is", () => {
    expect(recordableScope(folders.slice(0, 100))).toEqual(folders.slice(0, 100));
  });

  it("is every plan when a run's folders and the event's together do not fit", () => {
    const [first, second] = [folders.slice(0, 100), folders.slice(100, 200)];
    expect(recordableScope(second)).toEqual(second);
    const unfinished = run(1, false, { scope: first, config: "c1", done: false });
    expect(decideTarget([unfinished], { ...request, scope: second })).toMatchObject({
      kind: "update",
      scope: "all",
    });
  });

  it("keeps every summary under GitHub's 65,535 characters, the marker asking for more work, not less", () => {
    const marker = writeMarker({ scope: recordableScope(folders), config: "c1", done: false });
    expect(utf8ByteLength(marker)).toBeLessThanOrEqual(MARKER_SCOPE_MAX_BYTES + 200);
    expect(readMarker(marker)).toEqual({ scope: "all", config: "c1", done: false });
    const summaries = [
      errorCheck("GitHub answered 502", marker).output.summary,
      startedOutput("2,000 plan folders", marker).summary,
    ];
    for (const summary of summaries) {
      expect(summary.length).toBeLessThanOrEqual(65_535);
      expect(readMarker(summary)?.scope).toBe("all");
    }
  });
});
