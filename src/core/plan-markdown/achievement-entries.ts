/**
 * The achievements read so far, one per id. An id may appear twice: once in the Achievement
 * Index (a bare list item) and once in detail; the index entry is kept only when no detailed
 * entry exists, and achievements come out in the order they appear in the text.
 */
import type { PlanAchievement } from "../model.js";

interface Entry {
  achievement: PlanAchievement;
  offset: number;
  /** Written as a heading or bold entry, or as an index item that has sections of its own. */
  detailed: boolean;
}

/** One entry per achievement id, a detailed entry winning over an index one. */
export class AchievementEntries {
  private readonly entries = new Map<string, Entry>();

  /**
   * Records `achievement`, introduced at `offset`, unless an entry with its id is already kept
   * that is detailed, or neither is (then the first index entry wins).
   */
  add(achievement: PlanAchievement, offset: number, detailed: boolean): void {
    const existing = this.entries.get(achievement.id);
    if (existing && (existing.detailed || !detailed)) return;
    this.entries.set(achievement.id, { achievement, offset, detailed });
  }

  /** The achievements kept, in the order of their position in the text. */
  list(): PlanAchievement[] {
    const entries = [...this.entries.values()].sort((a, b) => a.offset - b.offset);
    return entries.map((entry) => entry.achievement);
  }
}
