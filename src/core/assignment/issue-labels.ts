/**
 * The labels the assignment puts on its issues, with the colour and description each gets when
 * the app has to create it. GitHub caps label names at 50 characters.
 */

/** A label as the app creates it. */
export interface LabelSpec {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

/** The label every issue of the app carries; the app lists its issues by it. */
export const APP_LABEL = "parallel-plans";
/** Added when an achievement's status is `failed`. */
export const FAILED_LABEL = "failed";

const MAX_NAME = 50;

function clip(name: string): string {
  return Array.from(name).slice(0, MAX_NAME).join("");
}

/** `plan:<NAME>`, clipped to GitHub's 50 characters. */
export function planLabel(plan: string): string {
  return clip(`plan:${plan}`);
}

/** `level:<N>`. */
export function levelLabel(level: number): string {
  return `level:${level}`;
}

/** The labels of one plan level's issues (the app's own first, then the config's extra ones). */
export function levelLabels(plan: string, level: number, extra: readonly string[]): LabelSpec[] {
  const specs: LabelSpec[] = [
    {
      name: APP_LABEL,
      color: "5319e7",
      description: "Opened and kept in step by the parallel-plans app",
    },
    { name: planLabel(plan), color: "0e8a16", description: clip(`Achievements of plan ${plan}`) },
    {
      name: levelLabel(level),
      color: "1d76db",
      description: `Achievements of level ${level} of a plan`,
    },
  ];
  for (const name of extra) {
    const clipped = clip(name.trim());
    if (clipped !== "" && !specs.some((s) => s.name === clipped))
      specs.push({ name: clipped, color: "ededed", description: "Added by parallel-plans config" });
  }
  return specs;
}
