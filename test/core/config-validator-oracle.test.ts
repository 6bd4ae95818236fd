import { createRequire } from "node:module";
import { describe, expect, it } from "@jest/globals";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
// @ts-expect-error plain JavaScript build script, without type declarations
import { VALIDATORS } from "../../scripts/generate-validators.js";
import { validate as generatedValidator } from "../../src/core/schema-validators/config-validator.js";

/**
 * The generated config validator is ajv's standalone code for config.schema.json, shaped at build
 * time to cost less (scripts/generate-validators.js). ajv compiling the schema as written is its
 * oracle, for every part of an error the config reader uses (parentSchema too, for the pattern
 * descriptions), here on strings on either side of the schema's length bounds.
 */
const require = createRequire(import.meta.url);
const entry = (VALIDATORS as { schema: string; options: object }[]).find(
  (e) => e.schema === "schemas/config.schema.json",
)!;
const oracle = new Ajv(entry.options).compile(require("../../schemas/config.schema.json"));
const generated = generatedValidator as unknown as ValidateFunction;

function errorsOf(validate: ValidateFunction, config: unknown): object[] {
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    message: e.message,
    parentSchema: e.parentSchema,
  }));
}

const pair = "\u{1F600}"; // one code point, two UTF-16 units
const lengths = [0, 1, 2, 3, 49, 50, 51, 99, 100, 101, 199, 200, 201, 399, 400, 401, 499, 500, 501];
const strings = lengths.flatMap((n) => [
  "a".repeat(n),
  pair.repeat(n),
  "\uD800".repeat(n),
  pair.repeat(Math.floor(n / 2)) + "b".repeat(n - Math.floor(n / 2)),
]);

describe("the generated config validator", () => {
  it.each([
    ["a plan glob", (text: string) => ({ plans: [text] })],
    ["the PLAN pattern", (text: string) => ({ patterns: { plan: text } })],
    ["an issue label", (text: string) => ({ assign: { labels: [text] } })],
  ])("counts the characters of %s as ajv does, at every length bound", (_name, config) => {
    let invalid = 0;
    for (const text of strings) {
      const expected = errorsOf(oracle, config(text));
      expect(errorsOf(generated, config(text))).toEqual(expected);
      if (expected.length > 0) invalid++;
    }
    expect(invalid).toBeGreaterThan(0);
    expect(invalid).toBeLessThan(strings.length);
  });
});
