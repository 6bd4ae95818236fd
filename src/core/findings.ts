/**
 * Collects the findings of one plan, capping each rule so a pathological file cannot flood a report.
 * Findings about JSON values are positioned lazily: their paths are resolved in one pass per file
 * when the list is asked for, and only if there are any.
 */
import type { JsonDocument, JsonPath } from "./json-document.js";
import { RULES, type Finding, type Position, type RuleCode } from "./types.js";
import { holdShape } from "./held-shapes.js";

/** Messages quote values from untrusted files: keep them readable whatever the input. */
const MAX_MESSAGE = 1000;

/** Where a finding points: a known position, or a value of a parsed JSON document. */
export type Location = Position | { document: JsonDocument; path: JsonPath };

interface Pending {
  rule: RuleCode;
  file: string;
  location: Location;
  message: string;
  achievements: string[];
}

export class FindingCollector {
  private readonly pending: Pending[] = [];
  private readonly counts = new Map<RuleCode, number>();
  private readonly overflow = new Map<
    RuleCode,
    { count: number; file: string; location: Location }
  >();

  constructor(private readonly maxPerRule: number) {}

  add(
    rule: RuleCode,
    file: string,
    location: Location,
    message: string,
    achievements: string[] = [],
  ): void {
    const count = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, count);
    if (count > this.maxPerRule) {
      const over = this.overflow.get(rule);
      if (over) over.count++;
      else this.overflow.set(rule, { count: 1, file, location });
      return;
    }
    const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
    this.pending.push({ rule, file, location, message: text, achievements });
  }

  /** Findings sorted by file and position, with one closing finding per capped rule. */
  list(): Finding[] {
    const all = [...this.pending];
    for (const [rule, { count, file, location }] of this.overflow) {
      all.push({
        rule,
        file,
        location,
        message: `${count} more ${rule} findings not shown (limit ${this.maxPerRule} per rule)`,
        achievements: [],
      });
    }
    const positions = resolveLocations(all.map((entry) => entry.location));
    return all
      .map((entry, index): Finding => {
        const { line, column } = positions[index] as Position;
        return {
          rule: entry.rule,
          severity: RULES[entry.rule],
          file: entry.file,
          line,
          column,
          message: entry.message,
          achievements: entry.achievements,
        };
      })
      .sort(
        (a, b) =>
          compare(a.file, b.file) ||
          a.line - b.line ||
          a.column - b.column ||
          compare(a.rule, b.rule),
      );
  }
}

/** Positions for every location, with one locating pass per JSON document. */
function resolveLocations(locations: readonly Location[]): Position[] {
  const byDocument = new Map<JsonDocument, number[]>();
  const positions: (Position | null)[] = locations.map((location, index) => {
    if ("line" in location) return location;
    const indices = byDocument.get(location.document);
    if (indices) indices.push(index);
    else byDocument.set(location.document, [index]);
    return null;
  });
  for (const [document, indices] of byDocument) {
    const found = document.locateAll(
      indices.map((index) => (locations[index] as { path: JsonPath }).path),
    );
    indices.forEach((index, at) => (positions[index] = found[at] as Position));
  }
  return positions as Position[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

holdShape(new FindingCollector(1));
