/** The SUBPLAN parts a batch EXECUTION prompt quotes, written as headings or bold labels. */
import { describe, expect, it } from "@jest/globals";
import { subplanSections } from "../../src/prompts/subplan-sections.js";

describe("subplanSections", () => {
  it("reads heading sections up to the next heading of the same depth", () => {
    const text =
      "# SUBPLAN: X\n\n## Objective\n\nDo it.\n\n### Detail\n\nmore\n\n## Approach\r\n\r\n1. a\r\n2. b\r\n";
    const sections = subplanSections(text);
    expect(sections.get("objective")).toBe("Do it.\n\n### Detail\n\nmore");
    expect(sections.get("approach")).toBe("1. a\n2. b");
  });

  it("reads bold labels, with the colon inside or outside the bold", () => {
    const text =
      "**Objective**: Ship the menu.\n\n**Approach:** Step one.\n\nStep two.\n\n**Deliverables**: the module";
    const sections = subplanSections(text);
    expect(sections.get("objective")).toBe("Ship the menu.");
    expect(sections.get("approach")).toBe("Step one.\n\nStep two.");
    expect(sections.get("deliverables")).toBe("the module");
  });

  it.each([
    ["## Goal", "objective"],
    ["## Approach (3h)", "approach"],
    ["## Execution Strategy", "execution_strategy"],
    ["## Dependencies & Coordination", "coordination"],
    ["## Success Criteria", "success_criteria"],
  ])("knows %s as %s", (heading, key) => {
    expect(subplanSections(`${heading}\n\ntext`).get(key)).toBe("text");
  });

  it("keeps the first of repeated sections and ignores unknown ones", () => {
    const sections = subplanSections(
      "## Objective\n\nfirst\n\n## Notes\n\nx\n\n## Objective\n\nsecond",
    );
    expect(sections.get("objective")).toBe("first");
    expect([...sections.keys()]).toEqual(["objective"]);
  });
});
