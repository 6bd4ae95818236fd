import { describe, expect, it } from "@jest/globals";
import { readHiddenMarkers, renderHiddenMarker } from "../../src/core/hidden-marker.js";

describe("hidden markers", () => {
  it("writes plain data as readable JSON inside an HTML comment", () => {
    expect(renderHiddenMarker({ kind: "sync", plan: "PARALLEL-EXECUTION-AUTOMATION" })).toBe(
      '<!-- parallel-plans:{"kind":"sync","plan":"PARALLEL-EXECUTION-AUTOMATION"} -->',
    );
  });

  it("round-trips hostile plan text that can neither close the comment, mention nor link", () => {
    const plan = "x --> <b>@octocat</b> #1 -- y";
    const marker = renderHiddenMarker({ kind: "achievement", plan, id: "1.1" });
    expect(marker.slice(4, -4)).not.toMatch(/--|[<>@#]/);
    expect(readHiddenMarkers(`text\n${marker}\nmore`)).toEqual([
      { kind: "achievement", plan, id: "1.1" },
    ]);
  });

  it("reads every marker in order and skips malformed ones", () => {
    const body = [
      renderHiddenMarker({ kind: "reply", part: 1 }),
      "<!-- parallel-plans:{not json} -->",
      "<!-- parallel-plans:[1,2] -->",
      "<!-- parallel-plans: <!-- parallel-plans:" + JSON.stringify({ kind: "check" }) + " -->",
      renderHiddenMarker({ kind: "reply", part: 2 }),
    ].join("\n");
    expect(readHiddenMarkers(body)).toEqual([
      { kind: "reply", part: 1 },
      { kind: "check" },
      { kind: "reply", part: 2 },
    ]);
  });

  it("scans 100,000 unclosed openings without backtracking (a hang guard)", () => {
    const started = Date.now();
    expect(readHiddenMarkers("<!-- parallel-plans:".repeat(100_000))).toEqual([]);
    expect(readHiddenMarkers("<!-- parallel-plans:".repeat(50_000) + " -->")).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
