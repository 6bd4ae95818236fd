/** Generated plans for tests that need sizes the examples do not have. */

/**
 * A parallel.json of `count` achievements in levels of 100. With `broken`, every achievement
 * claims `complete` with no file behind it: a missing-subplan error and a status-drift warning
 * each, so the finding count grows with the plan (until the core's per-rule cap).
 */
export function generatedPlanJson(name: string, count: number, broken = false): string {
  const levels: unknown[] = [];
  for (let start = 0; start < count; start += 100) {
    const level = levels.length + 1;
    const achievements: unknown[] = [];
    for (let i = 0; i < Math.min(100, count - start); i++) {
      achievements.push({
        id: `${level}.${i + 1}`,
        title: `Achievement ${level}.${i + 1}`,
        estimated_hours: 2,
        dependencies: level > 1 ? [`${level - 1}.1`] : [],
        status: broken ? "complete" : "not_started",
      });
    }
    levels.push({
      level,
      can_parallelize: true,
      max_parallelism: 4,
      reason: "independent",
      description: `Level ${level}`,
      achievements,
    });
  }
  return `${JSON.stringify({ plan_name: name, version: "1.0.0", levels }, null, 2)}\n`;
}

/** The PLAN markdown naming the achievements of `generatedPlanJson(name, count)`, as a PLAN does. */
export function generatedPlanMarkdown(name: string, count: number): string {
  const lines = [`# PLAN: ${name}`, ""];
  for (let i = 0; i < count; i++) {
    const id = `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`;
    lines.push(`**Achievement ${id}: Achievement ${id}** ⏱️ 2h`, "");
  }
  return lines.join("\n");
}
