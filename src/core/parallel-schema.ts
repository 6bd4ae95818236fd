/**
 * The JSON Schema of parallel.json (`schemas/parallel.schema.json`, the source of truth), compiled
 * at build time into a standalone validator (`schema-validators/`, so ajv's compiler never runs at
 * start; scripts/generate-validators.js shapes ajv's code to cost little per achievement, with the
 * same errors), and its errors turned into located messages.
 */
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { JsonPath } from "./json-document.js";
import { validate as generatedValidator } from "./schema-validators/parallel-validator.js";

// The same relative path resolves from src/core (tests) and dist/core (the built package).
const require = createRequire(import.meta.url);
export const PARALLEL_SCHEMA: object = require("../../schemas/parallel.schema.json");

const validateSchema = generatedValidator as unknown as ValidateFunction;

/** One schema violation: where (as a JSON path) and what, naming the JSON pointer. */
export interface SchemaViolation {
  path: JsonPath;
  pointer: string;
  message: string;
}

/** Validate a parsed parallel.json against the schema. */
export function validateParallelSchema(value: unknown): SchemaViolation[] {
  if (validateSchema(value)) return [];
  return dedupe((validateSchema.errors ?? []).map(toViolation));
}

function toViolation(error: ErrorObject): SchemaViolation {
  const path = pointerToPath(error.instancePath);
  let pointer = error.instancePath || "/";
  let detail = error.message ?? "is invalid";
  if (error.keyword === "required") {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    pointer = `${error.instancePath}/${escapePointer(missing)}`;
    detail = "is required";
  } else if (
    error.keyword === "minItems" &&
    (path[path.length - 1] === "levels" || path[path.length - 1] === "achievements")
  ) {
    // An empty plan or level validates as JSON but gives nothing to execute: say what is missing.
    detail = `must hold at least one ${path[path.length - 1] === "levels" ? "level" : "achievement"}`;
  } else if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    detail = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (error.keyword === "pattern" && path[path.length - 1] === "id") {
    detail = 'must look like "<major>.<minor>" (for example "3.2")';
  } else if (error.keyword === "anyOf" && path[path.length - 1] === "estimated_hours") {
    detail = 'must be a number of hours or text such as "2-3 hours"';
  }
  return { path, pointer, message: `${pointer} ${detail}` };
}

/** anyOf failures repeat each branch's error: keep the summarising one per pointer. */
function dedupe(violations: SchemaViolation[]): SchemaViolation[] {
  const anyOf = new Set(
    violations.filter((v) => v.message.includes("must be a number of hours")).map((v) => v.pointer),
  );
  const seen = new Set<string>();
  return violations.filter((v) => {
    if (anyOf.has(v.pointer) && !v.message.includes("must be a number of hours")) return false;
    if (seen.has(v.message)) return false;
    seen.add(v.message);
    return true;
  });
}

function pointerToPath(pointer: string): JsonPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9]\d{0,8})$/.test(segment) ? Number(segment) : segment));
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
