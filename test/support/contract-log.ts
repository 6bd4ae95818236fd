/**
 * Which documented operations the tests' mocked requests exercised, for coverage questions
 * ("did any test send `PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}`?").
 *
 * Jest gives every test file its own module registry, so the in-memory list covers the current
 * file only. Set `PARALLEL_PLANS_CONTRACT_LOG=/some/file.jsonl` to also append one JSON line per
 * checked request across all files and workers (appends of one short line are atomic enough
 * for a coverage report; nothing in the suite depends on that file).
 */
import { appendFileSync } from "node:fs";

/** One request checked against the OpenAPI description. */
export interface ContractLogEntry {
  method: string;
  /** The OpenAPI path template, or the request path when no route matched. */
  template: string;
  /** How many contract violations the request had. */
  violations: number;
  /** A GraphQL request's operation, e.g. `query ParallelPlansSnapshot`. */
  operation?: string;
}

const entries: ContractLogEntry[] = [];

/** Records a checked request (called by `GitHubMock.done()`). */
export function logCheckedRequest(entry: ContractLogEntry): void {
  entries.push(entry);
  const file = process.env.PARALLEL_PLANS_CONTRACT_LOG;
  if (file) appendFileSync(file, `${JSON.stringify({ ...entry, pid: process.pid })}\n`);
}

/** The requests checked so far in this test file, in order. */
export function checkedRequests(): readonly ContractLogEntry[] {
  return entries;
}

/** `METHOD template` of every operation checked so far in this test file, sorted, unique. */
export function checkedOperations(): string[] {
  return [...new Set(entries.map((e) => `${e.method} ${e.template}`))].sort();
}
