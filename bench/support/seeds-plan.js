/**
 * A synthetic PLAN_<NAME>.md of N achievements written out as the seeds and examples/ write
 * theirs: a header, an Achievement Index, then "Desirable Achievements" in priorities of 100, each
 * achievement in full with its labelled sections. The three ways PLANs write an entry take turns,
 * one per priority (a PLAN keeps to one within a section):
 * - bold entry with list-item labels (examples/PARALLEL-EXECUTION-AUTOMATION):
 *   `**Achievement 1.1: Title** ⏱️ 2-3 hours`, then `- **Purpose**: …`, `- **Deliverables**:`
 *   with a numbered list nested under it;
 * - bold id with paragraph labels (the seeds' "Achievement 0.1" recommendation):
 *   `**Achievement 1.2**: Title (2-3 hours)`, then `**Purpose**: …`, `**Success Criteria**:`
 *   followed by a bullet list, `**Effort**: …`;
 * - heading entry with heading sections (examples/RELEASE-PIPELINE): `### Achievement 1.3: Title`,
 *   `**Estimated**: …`, then `#### Goal`, `#### Deliverables`, ….
 * Deterministic: the same size always gives the same text.
 */

const PER_PRIORITY = 100;

/** The id of the i-th achievement (0-based): priority `1 + i / 100`, then its number in it. */
export function seedsAchievementId(index) {
  return `${1 + Math.floor(index / PER_PRIORITY)}.${(index % PER_PRIORITY) + 1}`;
}

const hours = (index) => `${1 + (index % 4)}-${3 + (index % 4)} hours`;
const title = (index) => `Component ${index + 1} Migrated`;

function boldItemsEntry(index, id) {
  return [
    `**Achievement ${id}: ${title(index)}** ⏱️ ${hours(index)}`,
    "",
    `- **Purpose**: Move component ${index + 1} onto the shared pipeline so it is built like the rest.`,
    "- **What**: Replace its hand-written build script with the shared configuration, keep its",
    "  public entry points, and delete the copy of the old helpers.",
    "- **Deliverables**:",
    `  1. \`packages/component-${index + 1}/build.config.ts\``,
    "  2. Updated `package.json` scripts (build, test, lint)",
    "  3. Removal of `scripts/legacy-build.js`",
    "- **Approach**: Port the build first, compare the emitted files, then switch CI over.",
    "- **Success Criteria**: The emitted files are byte-identical and CI is green.",
    `- **Dependencies**: ${index === 0 ? "None" : seedsAchievementId(index - 1)}`,
    "",
  ];
}

function boldParagraphsEntry(index, id) {
  return [
    `**Achievement ${id}**: ${title(index)} (${hours(index)})`,
    "",
    `**Goal**: Component ${index + 1} builds and tests through the shared pipeline.`,
    "",
    "**Deliverables**:",
    "",
    "1. Shared build configuration for the component",
    "   - entry points unchanged",
    "   - source maps kept",
    "2. Test job moved to the shared matrix",
    "3. Notes on anything that could not be ported",
    "",
    "**Success Criteria**:",
    "",
    "- CI is green on the shared pipeline",
    "- No consumer needs a change",
    "",
    `**Effort**: ${hours(index)}`,
    "",
  ];
}

function headingEntry(index, id) {
  return [
    `### Achievement ${id}: ${title(index)}`,
    "",
    `**Estimated**: ${hours(index)}`,
    "",
    "#### Goal",
    "",
    `Component ${index + 1} is released from the shared pipeline, never by hand.`,
    "",
    "#### Deliverables",
    "",
    "1. Release job for the component",
    "2. Changelog section generated from merged pull requests",
    "",
    "#### Approach",
    "",
    "Dry-run the release on a pre-release version first, then cut a real one.",
    "",
    "#### Dependencies",
    "",
    index === 0 ? "None." : `${seedsAchievementId(index - 1)}.`,
    "",
  ];
}

/** The entry forms by name, in the order priorities take turns with them. */
export const SEEDS_FORMS = {
  "bold items": boldItemsEntry,
  "bold paragraphs": boldParagraphsEntry,
  heading: headingEntry,
};

/**
 * The PLAN text for `size` achievements; `forms` (names of {@link SEEDS_FORMS}) limits the
 * entries to those forms, taking turns per priority.
 */
export function seedsPlanMarkdown(size, { forms = Object.keys(SEEDS_FORMS) } = {}) {
  const writers = forms.map((name) => SEEDS_FORMS[name]);
  const lines = [
    "# PLAN: BENCH",
    "",
    "**Status**: 🔄 In Progress  ",
    "**Created**: 2025-11-13  ",
    "**Priority**: High",
    "",
    "---",
    "",
    "## 📖 Context for LLM Execution",
    "",
    "Each achievement of this PLAN gets its own SUBPLAN, one or more EXECUTION_TASKs and an",
    "APPROVED feedback file once a reviewer accepts it.",
    "",
    "---",
    "",
    "## 📋 Achievement Index",
    "",
  ];
  for (let i = 0; i < size; i++) {
    lines.push(`- Achievement ${seedsAchievementId(i)}: ${title(i)} (${hours(i)})`);
  }
  lines.push("", "---", "", "## 🏆 Desirable Achievements", "");
  for (let i = 0; i < size; i++) {
    if (i % PER_PRIORITY === 0) {
      const priority = 1 + i / PER_PRIORITY;
      lines.push(`### Priority ${priority}: Wave ${priority} (parallel)`, "");
    }
    const form = writers[Math.floor(i / PER_PRIORITY) % writers.length];
    lines.push(...form(i, seedsAchievementId(i)));
  }
  lines.push("---", "", "## 📍 Current Status & Handoff", "", "**Blockers**: none.", "");
  return lines.join("\n");
}
