import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
// @ts-expect-error plain JavaScript build script, without type declarations
import { VALIDATORS } from "../../scripts/generate-validators.js";
import { PARALLEL_SCHEMA, validateParallelSchema } from "../../src/core/parallel-schema.js";
import { validate as generatedValidator } from "../../src/core/schema-validators/parallel-validator.js";

/**
 * The generated validator is ajv's standalone code for parallel.schema.json, shaped at build time
 * to cost less on large plans (scripts/generate-validators.js). Its oracle is ajv itself compiling
 * the schema as written, with the same options: every plan here must get the same errors from
 * both, in the same order.
 */
// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const entry = (VALIDATORS as { schema: string; options: object; formats: boolean }[]).find(
  (e) => e.schema === "schemas/parallel.schema.json",
)!;
const oracleAjv = new Ajv(entry.options);
if (entry.formats) addFormats(oracleAjv);
const oracle = oracleAjv.compile(PARALLEL_SCHEMA);
const generated = generatedValidator as unknown as ValidateFunction;

/** What the core reads of an error (parallel-schema.ts): where, which keyword, and its text. */
function errorsOf(validate: ValidateFunction, plan: unknown): object[] {
  if (validate(plan)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    params: e.params,
    message: e.message,
  }));
}

function expectSameErrors(plan: unknown): object[] {
  const expected = errorsOf(oracle, plan);
  expect(errorsOf(generated, plan)).toEqual(expected);
  return expected;
}

const examples = readdirSync(new URL("../../examples/", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "broken")
  .map((d) => d.name)
  .sort()
  .map((name) =>
    readFileSync(new URL(`../../examples/${name}/parallel.json`, import.meta.url), "utf8"),
  );
/** An example with several levels, each of several achievements. */
const layered = examples.find(
  (text) => (JSON.parse(text) as { levels: unknown[] }).levels.length >= 3,
)!;

const pair = "\u{1F600}"; // one code point, two UTF-16 units
/** Strings whose code point count and UTF-16 length sit on either side of the schema's bounds. */
function boundaryStrings(): string[] {
  const strings: string[] = [];
  const bounds = [1, 3, 16, 50, 64, 200, 300, 500, 1000, 2000];
  for (const n of [
    0,
    2,
    4,
    5,
    6,
    7,
    32,
    33,
    128,
    129,
    ...bounds.flatMap((b) => [b - 1, b, b + 1]),
  ]) {
    strings.push("a".repeat(n), pair.repeat(n), "\uD800".repeat(n), "\uDC00".repeat(n));
    strings.push(pair.repeat(Math.floor(n / 2)) + "1".repeat(n - Math.floor(n / 2)));
    strings.push("\uD800a".repeat(Math.ceil(n / 2)));
  }
  strings.push(
    "1.1",
    "12.345",
    "1.😀",
    "😀.1",
    "1😀1",
    "2-3 hours",
    "1.5h",
    "45 min",
    " 2 to 3 hrs ",
  );
  return strings;
}

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  100001,
  "",
  "x",
  "1.1",
  "3.2",
  "2-3 hours",
  "lots",
  "complete",
  "done",
  "2025-11-14T09:30:00Z",
  "2025-13-40T09:30:00Z",
  "not a date",
  "a/b",
  "x".repeat(2001),
  pair.repeat(301),
  [],
  ["1.1"],
  [1],
  Array.from({ length: 1001 }, () => "1.1"),
  {},
  { id: "1.1", title: "T" },
  { level: 1, can_parallelize: true, achievements: [] },
];
const KEYS = [
  "id",
  "title",
  "estimated_hours",
  "dependencies",
  "optional_dependencies",
  "blocks",
  "status",
  "subplan_path",
  "execution_paths",
  "executor",
  "assigned_at",
  "started_at",
  "completed_at",
  "actual_hours",
  "level",
  "can_parallelize",
  "max_parallelism",
  "reason",
  "description",
  "achievements",
  "levels",
  "plan_name",
  "version",
  "$schema",
  "validation_rules",
  "success_metrics",
  "notes",
];

/** A deterministic generator (the same plans on every run, so a failure can be replayed). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Every object and array of a JSON value, the root included. */
function containers(value: unknown, into: (object | unknown[])[] = []): (object | unknown[])[] {
  if (value === null || typeof value !== "object") return into;
  into.push(value);
  for (const child of Object.values(value)) containers(child, into);
  return into;
}

/** Apply one random edit to the plan: drop, replace, add, copy or empty a part of it. */
function mutate(plan: unknown, next: () => number, strings: string[]): void {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  // Mostly inside the levels, where the schema has most to say (the other sections are free-form).
  const levels = (plan as { levels?: unknown }).levels;
  const target = pick(containers(next() < 0.85 && levels ? levels : plan));
  const value = (): unknown =>
    next() < 0.4 ? pick(strings) : structuredClone(pick(HOSTILE_VALUES));
  if (Array.isArray(target)) {
    const roll = next();
    if (roll < 0.3 && target.length > 0) target.splice(Math.floor(next() * target.length), 1);
    else if (roll < 0.6 && target.length > 0) target.push(structuredClone(pick(target)));
    else if (roll < 0.7) target.length = 0;
    else if (target.length > 0) target[Math.floor(next() * target.length)] = value();
    return;
  }
  const record = target as Record<string, unknown>;
  const keys = Object.keys(record);
  const roll = next();
  if (roll < 0.25 && keys.length > 0) delete record[pick(keys)];
  else if (roll < 0.6 && keys.length > 0) record[pick(keys)] = value();
  else record[pick(KEYS)] = value();
}

describe("the generated parallel.json validator", () => {
  it.each(examples.map((text, i) => [i, text]))(
    "accepts example plan %i as ajv does",
    (_i, text) => {
      expect(expectSameErrors(JSON.parse(text as string))).toEqual([]);
    },
  );

  it("gives ajv's errors, in ajv's order, for errors in several levels, achievements and sections", () => {
    const plan = JSON.parse(layered) as {
      levels: { achievements: Record<string, unknown>[]; [key: string]: unknown }[];
      [key: string]: unknown;
    };
    plan.levels[0]!.achievements[0]!.id = "x";
    plan.levels[0]!.achievements[0]!.estimated_hours = "soon";
    plan.levels[0]!.max_parallelism = 0;
    plan.levels[1]!.can_parallelize = "yes";
    plan.levels[1]!.achievements[0]!.status = "done";
    plan.levels[1]!.achievements.push({ title: "" });
    plan.levels[2]!.achievements[1]!.dependencies = ["1.1", 2, "3"];
    plan.validation_rules = { before_level_2: [1] };
    plan.version = null;
    const errors = expectSameErrors(plan);
    expect(errors.length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ["id", "achievement"],
    ["title", "achievement"],
    ["estimated_hours", "achievement"],
    ["executor", "achievement"],
    ["reason", "level"],
    ["plan_name", "plan"],
    ["version", "plan"],
  ])("counts the characters of %s as ajv does, at every length bound", (key, where) => {
    const plan = JSON.parse(examples[0]!) as {
      levels: { achievements: Record<string, unknown>[]; [key: string]: unknown }[];
      [key: string]: unknown;
    };
    const holder: Record<string, unknown> =
      where === "plan"
        ? plan
        : where === "level"
          ? plan.levels[0]!
          : plan.levels[0]!.achievements[0]!;
    let invalid = 0;
    for (const text of boundaryStrings()) {
      holder[key] = text;
      if (expectSameErrors(plan).length > 0) invalid++;
    }
    expect(invalid).toBeGreaterThan(0);
  });

  it("gives ajv's errors for a thousand randomly broken plans", () => {
    const next = random(20251114);
    const strings = boundaryStrings();
    let invalid = 0;
    let manyErrors = 0;
    for (let n = 0; n < 1000; n++) {
      const plan: unknown = JSON.parse(examples[n % examples.length]!);
      const edits = 2 + Math.floor(next() * 12);
      for (let e = 0; e < edits; e++) mutate(plan, next, strings);
      const errors = expectSameErrors(plan);
      if (errors.length > 0) invalid++;
      if (errors.length >= 5) manyErrors++;
    }
    // The edits must break most plans, and many in several places, or the comparison proves little.
    expect(invalid).toBeGreaterThan(650);
    expect(manyErrors).toBeGreaterThan(50);
  });

  it("still reports an achievement's violations in the order of its fields", () => {
    const plan = JSON.parse(layered) as { levels: { achievements: object[] }[] };
    const at =
      plan.levels[0]!.achievements.push({ id: "1", estimated_hours: -2, status: "done" }) - 1;
    const pointer = `/levels/0/achievements/${at}`;
    expect(validateParallelSchema(plan).map((v) => v.message)).toEqual([
      `${pointer}/title is required`,
      `${pointer}/id must NOT have fewer than 3 characters`,
      `${pointer}/id must look like "<major>.<minor>" (for example "3.2")`,
      `${pointer}/estimated_hours must be a number of hours or text such as "2-3 hours"`,
      `${pointer}/status must be one of "not_started", "subplan_created", "execution_created", "in_progress", "complete", "failed", "skipped"`,
    ]);
  });
});
