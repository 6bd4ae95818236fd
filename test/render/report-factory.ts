/**
 * Builds report models for renderer tests from a compact description, computing the derived
 * fields (ready set, level readiness, figures, summary) the way the analysis defines them.
 */
import type {
  AchievementReport,
  AnalysisReport,
  LevelReport,
  PlanReport,
} from "../../src/core/model.js";
import type { Finding, HourRange, RuleCode, Status, TimeFigures } from "../../src/core/types.js";
import { RULES } from "../../src/core/types.js";

export interface AchievementSpec {
  id: string;
  title?: string;
  deps?: string[];
  status?: Status;
  /** Hours, a [min, max] range, or null for unestimated. */
  hours?: number | [number, number] | null;
  executor?: string;
}

export interface LevelSpec {
  level?: number;
  parallel?: boolean;
  achievements: AchievementSpec[];
}

export interface PlanSpec {
  name?: string;
  dir?: string;
  levels: LevelSpec[];
  findings?: Finding[];
}

const done = (s: Status) => s === "complete" || s === "skipped";
const add = (a: HourRange, b: HourRange) => ({ min: a.min + b.min, max: a.max + b.max });
const max = (a: HourRange, b: HourRange) => ({
  min: Math.max(a.min, b.min),
  max: Math.max(a.max, b.max),
});
const ZERO: HourRange = { min: 0, max: 0 };

function figures(sequential: HourRange, parallel: HourRange, unestimated: string[]): TimeFigures {
  const saved = { min: sequential.min - parallel.min, max: sequential.max - parallel.max };
  const pct = (s: number, t: number) => (t === 0 ? 0 : (s / t) * 100);
  return {
    sequential,
    parallel,
    saved,
    savedPercent: { min: pct(saved.min, sequential.min), max: pct(saved.max, sequential.max) },
    unestimated,
  };
}

export function makeFinding(partial: Partial<Finding> & { rule?: RuleCode } = {}): Finding {
  const rule = partial.rule ?? "dependency-cycle";
  return {
    rule,
    severity: partial.severity ?? RULES[rule],
    file: partial.file ?? "work-space/plans/X/parallel.json",
    line: partial.line ?? 12,
    column: partial.column ?? 7,
    message: partial.message ?? "Achievements 1.1 and 1.2 depend on each other.",
    achievements: partial.achievements ?? ["1.1", "1.2", "1.1"],
  };
}

export function makePlan(spec: PlanSpec): PlanReport {
  const name = spec.name ?? "X";
  const findings = spec.findings ?? [];
  const status = new Map<string, Status>();
  for (const level of spec.levels) {
    for (const a of level.achievements) status.set(a.id, a.status ?? "not_started");
  }
  const levelOf = new Map<string, number>();
  spec.levels.forEach((level, l) => level.achievements.forEach((a) => levelOf.set(a.id, l)));

  const achievements: AchievementReport[] = [];
  const levels: LevelReport[] = spec.levels.map((level, l) => {
    let sequential = ZERO;
    let parallel = ZERO;
    const unestimated: string[] = [];
    let ready = true;
    for (const a of level.achievements) {
      const st = a.status ?? "not_started";
      const deps = a.deps ?? [];
      const estimate: HourRange | null =
        a.hours === null
          ? null
          : Array.isArray(a.hours)
            ? { min: a.hours[0], max: a.hours[1] }
            : { min: a.hours ?? 2, max: a.hours ?? 2 };
      if (estimate === null) unestimated.push(a.id);
      else {
        sequential = add(sequential, estimate);
        parallel = level.parallel === false ? add(parallel, estimate) : max(parallel, estimate);
      }
      for (const d of deps) {
        if (levelOf.get(d) !== l && !done(status.get(d) ?? "not_started")) ready = false;
      }
      achievements.push({
        id: a.id,
        title: a.title ?? `Achievement ${a.id}`,
        level: level.level ?? l + 1,
        estimate,
        estimateText: estimate === null ? null : `${estimate.min}-${estimate.max} hours`,
        dependencies: deps,
        declaredStatus: st,
        derivedStatus: st,
        status: st,
        files: { subplan: null, executions: [], approved: null },
        executor: a.executor ?? null,
        ready: !done(st) && deps.every((d) => done(status.get(d) ?? "not_started")),
      });
    }
    return {
      level: level.level ?? l + 1,
      canParallelize: level.parallel ?? true,
      maxParallelism: level.parallel === false ? 1 : level.achievements.length,
      description: null,
      achievements: level.achievements.map((a) => a.id),
      ready,
      complete: level.achievements.every((a) => done(a.status ?? "not_started")),
      figures: figures(sequential, parallel, unestimated),
    };
  });

  const planSequential = levels.reduce((sum, l) => add(sum, l.figures.sequential), ZERO);
  const planParallel = levels.reduce((sum, l) => add(sum, l.figures.parallel), ZERO);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const summary = { errors: count("error"), warnings: count("warning"), notices: count("notice") };
  const first = achievements[0];
  const last = achievements[achievements.length - 1];
  return {
    name,
    dir: spec.dir ?? `work-space/plans/${name}`,
    ok: summary.errors === 0,
    findings,
    levels,
    achievements,
    ready: achievements.filter((a) => a.ready).map((a) => a.id),
    figures:
      levels.length === 0
        ? null
        : figures(
            planSequential,
            planParallel,
            levels.flatMap((l) => l.figures.unestimated),
          ),
    criticalPath: {
      ids: first && last ? [...new Set([first.id, last.id])] : [],
      hours: planParallel,
    },
    summary,
    document: null,
  };
}

export function makeReport(...plans: PlanReport[]): AnalysisReport {
  return { plans };
}

/**
 * A big plan: `levels` levels of `perLevel` achievements, each depending on two of the previous
 * level; the first third complete, the next level in progress, the rest not started.
 */
export function bigPlan(levels: number, perLevel: number, findingCount = 0): PlanReport {
  const specs: LevelSpec[] = [];
  for (let l = 0; l < levels; l++) {
    const achievements: AchievementSpec[] = [];
    for (let k = 0; k < perLevel; k++) {
      const deps =
        l === 0
          ? []
          : [`${l}.${k + 1}`, `${l}.${((k + 1) % perLevel) + 1}`].filter(
              (v, i, a) => a.indexOf(v) === i,
            );
      const status: Status =
        l < levels / 3 ? "complete" : l === Math.ceil(levels / 3) ? "in_progress" : "not_started";
      achievements.push({
        id: `${l + 1}.${k + 1}`,
        title: `Build part ${k + 1} of stage ${l + 1} with a reasonably long descriptive title`,
        deps,
        status,
        hours: k % 7 === 0 ? null : [1, 3],
      });
    }
    specs.push({ parallel: l % 5 !== 4, achievements });
  }
  const severities: RuleCode[] = ["dependency-cycle", "status-drift", "missing-parallel-json"];
  const findings = Array.from({ length: findingCount }, (_, i) =>
    makeFinding({
      rule: severities[i % 3]!,
      line: i + 1,
      message: `Finding ${i} about @octocat <b>bold</b> | pipe \`\`\` fence ${"x".repeat(i % 50)}`,
    }),
  );
  return makePlan({ name: "BIG", levels: specs, findings });
}
