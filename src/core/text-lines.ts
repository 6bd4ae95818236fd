/** Offsets to 1-based line/column, with the line starts computed once per text. */
import type { Position } from "./types.js";
import { holdShape } from "./held-shapes.js";

export class LineIndex {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  /** 1-based line and column (in UTF-16 code units, as editors and GitHub count) of an offset. */
  position(offset: number): Position {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (starts[lo] as number) + 1 };
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let at = this.text.indexOf("\n");
    while (at !== -1) {
      starts.push(at + 1);
      at = this.text.indexOf("\n", at + 1);
    }
    this.starts = starts;
    return starts;
  }
}

holdShape(new LineIndex(""));
