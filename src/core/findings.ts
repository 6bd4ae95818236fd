/** Collects the findings of one plan, capping each rule so a pathological file cannot flood a report. */
import { RULES, type Finding, type Position, type RuleCode } from "./types.js";

/** Messages quote values from untrusted files: keep them readable whatever the input. */
const MAX_MESSAGE = 1000;

export class FindingCollector {
  private readonly findings: Finding[] = [];
  private readonly counts = new Map<RuleCode, number>();
  private readonly overflow = new Map<
    RuleCode,
    { count: number; file: string; position: Position }
  >();

  constructor(private readonly maxPerRule: number) {}

  add(
    rule: RuleCode,
    file: string,
    position: Position,
    message: string,
    achievements: string[] = [],
  ): void {
    const count = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, count);
    if (count > this.maxPerRule) {
      const over = this.overflow.get(rule);
      if (over) over.count++;
      else this.overflow.set(rule, { count: 1, file, position });
      return;
    }
    this.findings.push({
      rule,
      severity: RULES[rule],
      file,
      line: position.line,
      column: position.column,
      message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
      achievements,
    });
  }

  /** Findings sorted by file and position, with one closing finding per capped rule. */
  list(): Finding[] {
    const all = [...this.findings];
    for (const [rule, { count, file, position }] of this.overflow) {
      all.push({
        rule,
        severity: RULES[rule],
        file,
        line: position.line,
        column: position.column,
        message: `${count} more ${rule} findings not shown (limit ${this.maxPerRule} per rule)`,
        achievements: [],
      });
    }
    return all.sort(
      (a, b) =>
        compare(a.file, b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        compare(a.rule, b.rule),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
