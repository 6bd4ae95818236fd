/**
 * Plan texts for the hostile corpus and bench/hostile.bench.js, generated (nothing big is
 * committed): a PLAN markdown in the seeds' style with any number of achievements, and the
 * shapes that make markdown and JSON readers slow, cut to a given size.
 */

/** One achievement as the seeds write it: a heading, labelled sections, a rule. */
function achievementEntry(id, n) {
  return [
    `### Achievement ${id}: Migrate component ${n} (2-3h)`,
    "",
    `**Purpose**: Move component ${n} to the new interface so that later levels can build on it.`,
    "",
    "**Deliverables**:",
    `- \`src/components/component-${n}.ts\` on the new interface`,
    `- Tests for component ${n}`,
    "",
    `**Success Criteria**: the suite passes and component ${n} no longer imports the old API.`,
    "",
    "**Estimated**: 2-3 hours",
    "",
    "---",
    "",
  ].join("\n");
}

/** The ids of `count` achievements in levels of 100 (`1.001` … `1.100`, `2.001` …). */
export function achievementIds(count) {
  return Array.from(
    { length: count },
    (_, i) => `${Math.floor(i / 100) + 1}.${String((i % 100) + 1).padStart(3, "0")}`,
  );
}

/** A seeds-style PLAN markdown with an index and a detailed entry per achievement. */
export function seedsPlan(count, name = "BENCH") {
  const ids = achievementIds(count);
  const parts = [
    `# PLAN: ${name}\n\n**Status**: 🔄 In Progress\n**Priority**: High\n\n---\n\n## 📋 Achievement Index\n\n`,
    ids.map((id, i) => `- Achievement ${id}: Migrate component ${i + 1} (2-3h)\n`).join(""),
    "\n---\n\n## 🎯 Achievements\n\n",
    ids.map((id, i) => achievementEntry(id, i + 1)).join(""),
  ];
  return parts.join("");
}

/** A seeds-style PLAN of about `bytes` bytes. */
export function seedsPlanOfSize(bytes, name = "BENCH") {
  const per = achievementEntry("1.001", 1).length + 50;
  return seedsPlan(Math.max(1, Math.floor(bytes / per)), name);
}

/** Markdown shapes that cost a markdown parser super-linear time, each cut to `bytes`. */
export function hostileMarkdown(bytes) {
  const fill = (unit) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  const head = "# PLAN: HOSTILE\n\n### Achievement 1.1: Start\n\n**Purpose**: ";
  return {
    "nested lists": head + fill("- "),
    "nested quotes": head + fill("> "),
    "emphasis runs": head + fill("*a"),
    "strong runs": head + fill("**a"),
    "unclosed links": head + fill("[a]("),
    "unclosed brackets": head + fill("[a"),
    "backtick runs": head + fill("` ``"),
    "html openers": head + fill("<a "),
    "achievement headings": fill("### Achievement 1.1: x\n"),
    "one long line": head + fill("word "),
    "label lines": head + fill("**Purpose**: x\n"),
    "indented lines": head + fill("                                        - x\n"),
  };
}
