/**
 * The reader on long PLANs written out as the seeds write them (bench/support/seeds-plan.js, the
 * text bench/plan-markdown.bench.js times): every entry in full, in the three forms, long enough
 * that the text is read in many pieces.
 */
import { describe, expect, it } from "@jest/globals";
import { isDeepStrictEqual } from "node:util";
import { parsePlanMarkdown } from "../../src/core/plan-markdown.js";
import type { PlanAchievement } from "../../src/core/model.js";
import {
  SEEDS_FORMS,
  seedsAchievementId,
  seedsPlanMarkdown,
} from "../../bench/support/seeds-plan.js";

type FormName = keyof typeof SEEDS_FORMS;
const FORM_NAMES = Object.keys(SEEDS_FORMS) as FormName[];

/** The form of the i-th achievement: the forms take turns per priority of 100. */
const formOf = (index: number): FormName => FORM_NAMES[Math.floor(index / 100) % 3] as FormName;

/** The i-th entry on its own, under a priority heading as in the long PLAN. */
function entryAlone(index: number): PlanAchievement | undefined {
  const entry = SEEDS_FORMS[formOf(index)](index, seedsAchievementId(index));
  const text = ["### Priority 1: Wave 1 (parallel)", "", ...entry, "---", ""].join("\n");
  return parsePlanMarkdown(text).achievements[0];
}

const withoutPosition = ({ position: _position, ...rest }: PlanAchievement) => rest;

describe("parsePlanMarkdown on a seeds-style PLAN", () => {
  const size = 1_000;
  const text = seedsPlanMarkdown(size);
  const { title, achievements } = parsePlanMarkdown(text);

  it("reads the title and every achievement once, in order", () => {
    expect(title).toBe("PLAN: BENCH");
    expect(achievements.map((a) => a.id)).toEqual(
      Array.from({ length: size }, (_, i) => seedsAchievementId(i)),
    );
  });

  it.each([
    [
      "bold items",
      0,
      ["purpose", "what", "deliverables", "approach", "success_criteria", "dependencies"],
    ],
    ["bold paragraphs", 100, ["purpose", "deliverables", "success_criteria", "effort"]],
    ["heading", 200, ["purpose", "deliverables", "approach", "dependencies"]],
  ])("reads the %s form with its title, estimate and sections", (_form, index, keys) => {
    const achievement = achievements[index] as PlanAchievement;

    expect(achievement.title).toBe(`Component ${index + 1} Migrated`);
    expect(achievement.estimateText).toBe("1-3 hours");
    expect(achievement.estimate).toEqual({ min: 1, max: 3 });
    expect(achievement.sections.map((s) => s.key)).toEqual(keys);
  });

  it("places each achievement at its detailed entry, not at its index line", () => {
    const lines = text.split("\n");

    for (const index of [0, 150, 299, 999]) {
      const achievement = achievements[index] as PlanAchievement;
      const line = lines[achievement.position.line - 1] ?? "";
      expect(line).toContain(`Achievement ${seedsAchievementId(index)}`);
      expect(line.startsWith("- ")).toBe(false);
    }
  });

  it("reads every entry as it reads that entry alone, wherever the text is cut into pieces", () => {
    const differing = achievements
      .map((achievement, index) => ({ index, achievement }))
      .filter(({ index, achievement }) => {
        const alone = entryAlone(index);
        return !alone || !isDeepStrictEqual(withoutPosition(alone), withoutPosition(achievement));
      })
      .map(({ index }) => index);

    expect(differing).toEqual([]);
  });
});
