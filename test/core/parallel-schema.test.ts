import { createRequire } from "node:module";
import { describe, expect, it } from "@jest/globals";
import { Ajv } from "ajv";
import { PARALLEL_SCHEMA, validateParallelSchema } from "../../src/core/parallel-schema.js";

const require = createRequire(import.meta.url);

describe("schemas/parallel.schema.json", () => {
  it("has an $id editors can use through $schema", () => {
    expect(PARALLEL_SCHEMA).toMatchObject({
      $id: "https://parallel-plans.dev/schemas/parallel.schema.json",
    });
  });

  it("is bounded enough for ajv's secure meta-schema", () => {
    const secure = new Ajv({ allErrors: true, strict: false }).compile(
      require("ajv/lib/refs/json-schema-secure.json"),
    );
    expect(secure(PARALLEL_SCHEMA)).toBe(true);
    expect(secure.errors ?? []).toEqual([]);
  });

  it.each([
    "not_started",
    "subplan_created",
    "execution_created",
    "in_progress",
    "complete",
    "failed",
    "skipped",
  ])("accepts the status %s", (status) => {
    const plan = {
      plan_name: "P",
      version: "1.0.0",
      levels: [
        {
          level: 1,
          can_parallelize: true,
          max_parallelism: 2,
          achievements: [{ id: "1.1", title: "T", status }],
        },
      ],
    };
    expect(validateParallelSchema(plan)).toEqual([]);
  });

  it("accepts every field of DESIGN.md §2 and the optional top-level sections", () => {
    const plan = {
      $schema: "../../schemas/parallel.schema.json",
      plan_name: "P",
      version: "1.0.0",
      parallelization_strategy: { note: "level 3 in parallel" },
      execution_instructions: { level_3: "three executors" },
      validation_rules: { before_level_2: ["All Level 1 achievements must be complete"] },
      success_metrics: { time_saved: "4-6 hours" },
      levels: [
        {
          level: 1,
          can_parallelize: true,
          max_parallelism: 3,
          reason: "independent",
          description: "Polish",
          achievements: [
            {
              id: "1.1",
              title: "T",
              estimated_hours: "2-3 hours",
              dependencies: [],
              optional_dependencies: [],
              blocks: [],
              status: "complete",
              subplan_path: "subplans/SUBPLAN_P_11.md",
              execution_paths: ["execution/EXECUTION_TASK_P_11_01.md"],
              executor: "Executor A",
              assigned_at: "2025-11-14T09:30:00Z",
              started_at: "2025-11-14T10:00:00Z",
              completed_at: null,
              actual_hours: 2.5,
              notes: "extra fields are allowed",
            },
          ],
        },
      ],
    };
    expect(validateParallelSchema(plan)).toEqual([]);
  });

  it("names the JSON pointer of each violation", () => {
    const plan = {
      plan_name: "P",
      version: "1",
      levels: [{ level: 1, can_parallelize: true, achievements: [{ id: "x", title: "" }] }],
    };
    expect(
      validateParallelSchema(plan)
        .map((v) => v.message)
        .sort(),
    ).toEqual([
      "/levels/0/achievements/0/id must NOT have fewer than 3 characters",
      '/levels/0/achievements/0/id must look like "<major>.<minor>" (for example "3.2")',
      "/levels/0/achievements/0/title must NOT have fewer than 1 characters",
    ]);
  });
});
