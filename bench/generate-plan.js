/**
 * Synthetic plans for the benchmark: N achievements in levels of 100, each depending on about three
 * achievements of earlier levels (with mirrored `blocks`), statuses consistent with the files so the
 * clean path is measured; `driftEvery` makes every k-th status disagree with its files. `markdown`
 * is the plan's PLAN_BENCH.md in the seeds' style, reduced to its achievement index (a line per
 * achievement, with the same ids and titles), so a plan with it has no finding at all. (A PLAN
 * written out in full as the seeds write one, every entry with its sections, is what
 * bench/plan-markdown.bench.js reads: here it would hide everything else this bench measures.)
 */
export function generatePlan(size, { driftEvery = 0, seed = 42 } = {}) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const perLevel = 100;
  const levelCount = Math.ceil(size / perLevel);
  const ids = [];
  const levels = [];
  const files = [];
  const doneLevels = Math.floor(levelCount * 0.3);
  for (let l = 1; l <= levelCount; l++) {
    const achievements = [];
    for (let i = 1; i <= perLevel && ids.length < size; i++) {
      const id = `${l}.${String(i).padStart(3, "0")}`;
      const dependencies = [];
      if (l > 1) {
        for (let d = 0; d < 3; d++) {
          const level = 1 + Math.floor(random() * (l - 1));
          const dep = `${level}.${String(1 + Math.floor(random() * perLevel)).padStart(3, "0")}`;
          if (!dependencies.includes(dep)) dependencies.push(dep);
        }
      }
      const token = id.replace(".", "");
      const done = l <= doneLevels;
      let status = done ? "complete" : "not_started";
      if (done) {
        files.push(`subplans/SUBPLAN_BENCH_${token}.md`);
        files.push(`execution/EXECUTION_TASK_BENCH_${token}_01.md`);
        files.push(`execution/feedbacks/APPROVED_${token}.md`);
      }
      if (driftEvery > 0 && ids.length % driftEvery === 0)
        status = done ? "in_progress" : "subplan_created";
      achievements.push({
        id,
        title: `Migrate component ${ids.length + 1}`,
        estimated_hours: random() < 0.5 ? "2-3 hours" : 1 + Math.floor(random() * 4),
        dependencies,
        blocks: [],
        status,
        executor: done ? "team-a" : null,
      });
      ids.push(id);
    }
    levels.push({
      level: l,
      can_parallelize: true,
      max_parallelism: 10,
      reason: "Components are independent within a wave",
      description: `Wave ${l}`,
      achievements,
    });
  }
  const byId = new Map(levels.flatMap((level) => level.achievements).map((a) => [a.id, a]));
  for (const achievement of byId.values()) {
    for (const dep of achievement.dependencies) byId.get(dep).blocks.push(achievement.id);
  }
  const text = JSON.stringify({ plan_name: "BENCH", version: "1.0.0", levels }, null, 2) + "\n";
  return { text, files, markdown: planMarkdown(levels) };
}

function planMarkdown(levels) {
  const all = levels.flatMap((level) => level.achievements);
  const hours = (a) =>
    typeof a.estimated_hours === "number" ? `${a.estimated_hours}h` : a.estimated_hours;
  const lines = [
    "# PLAN: BENCH",
    "",
    "**Status**: 🔄 In Progress  ",
    "**Priority**: High",
    "",
    "---",
    "",
    "## 📋 Achievement Index",
    "",
    ...all.map((a) => `- Achievement ${a.id}: ${a.title} (${hours(a)})`),
    "",
    "---",
    "",
  ];
  return lines.join("\n");
}
