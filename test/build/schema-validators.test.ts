import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
// @ts-expect-error plain JavaScript build script, without type declarations
import { generateValidator, readSchema, VALIDATORS } from "../../scripts/generate-validators.js";

interface Entry {
  schema: string;
  output: string;
}

describe("the standalone schema validators", () => {
  it.each((VALIDATORS as Entry[]).map((entry) => [entry.output, entry.schema]))(
    "%s is what %s generates now (run npm run build after editing schemas/)",
    (output, schema) => {
      const entry = (VALIDATORS as Entry[]).find((e) => e.schema === schema) as Entry;
      const checkedIn = readFileSync(new URL(`../../${output}`, import.meta.url), "utf8");
      expect(checkedIn === (generateValidator(entry) as string)).toBe(true);
    },
  );

  it("a schema edit changes the generated module, so a stale one is caught", () => {
    const entry = (VALIDATORS as Entry[])[0] as Entry;
    const schema = readSchema(entry) as { properties: { plan_name: { maxLength: number } } };
    const before = generateValidator(entry, schema) as string;
    schema.properties.plan_name.maxLength += 1;
    expect(generateValidator(entry, schema)).not.toBe(before);
  });
});
