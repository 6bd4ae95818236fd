/** Types of seeds-plan.js (plain JS so benches run it without a build). */
export type SeedsEntryWriter = (index: number, id: string) => string[];
export declare const SEEDS_FORMS: Record<
  "bold items" | "bold paragraphs" | "heading",
  SeedsEntryWriter
>;
export declare function seedsAchievementId(index: number): string;
export declare function seedsPlanMarkdown(
  size: number,
  options?: { forms?: (keyof typeof SEEDS_FORMS)[] },
): string;
