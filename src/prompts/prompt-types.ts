/**
 * The batch prompts of the methodology : what a caller
 * asks for and what comes back. The CLI and the app build prompts through the same pure function
 * (`buildPrompt`), so a prompt printed locally is the prompt posted in a comment.
 */
import type { PlanReport } from "../core/model.js";
import type { NamingPatterns } from "../core/options.js";

/** The three prompts: parallel discovery, batch SUBPLAN creation, batch EXECUTION creation. */
export const PROMPT_KINDS = ["discover", "batch-subplans", "batch-executions"] as const;
/** One of {@link PROMPT_KINDS}. */
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** A mustache template and where it came from (named in error messages). */
export interface TemplateSource {
  text: string;
  /** "default" or the repository path of an override. */
  origin: string;
  /** Why the template cannot be used (an override GitHub could not give as text). */
  problem?: string;
}

/** One template per prompt. */
export type PromptTemplates = Record<PromptKind, TemplateSource>;

/** What a caller asks `buildPrompt` for. */
export interface PromptRequest {
  kind: PromptKind;
  /** The level to prepare; null: the next ready level with work left (batch prompts only). */
  level: number | null;
  /** Preview what would be created instead of rendering the prompt. */
  dryRun: boolean;
  /**
   * Build a batch prompt even though the plan has validation errors (its levels and statuses
   * may be wrong); without it a plan with errors gets a refusal. The outcome says it was used.
   */
  force?: boolean;
}

/** Everything a prompt is built from: no I/O happens past this point. */
export interface PromptInput {
  plan: PlanReport;
  /** SUBPLAN texts by their path in the report (`files.subplan`). */
  subplans: ReadonlyMap<string, string>;
  templates: PromptTemplates;
  patterns: NamingPatterns;
  request: PromptRequest;
}

/** A sentence for the person asking, optionally pointing at the prompt to run next. */
export interface PromptNote {
  text: string;
  next?: { kind: PromptKind; level: number | null };
}

/** What `buildPrompt` decided. Exactly one of `prompt`, `preview` and `problem` is set. */
export interface PromptOutcome {
  kind: PromptKind;
  plan: { name: string; dir: string };
  /** The level prepared (batch prompts), null for discovery or when none could be chosen. */
  level: number | null;
  /** One line naming what the prompt covers, e.g. "Batch SUBPLAN creation: level 3 of X (3 achievements)". */
  title: string;
  /** Ids the prompt (or preview) covers, in order. */
  covered: string[];
  /** The prompt text to paste into an LLM. */
  prompt: string | null;
  /** The dry-run preview. */
  preview: string | null;
  /** Why no prompt could be built (nothing to do, level blocked, bad template…). */
  problem: PromptNote | null;
  /** Partial success and warnings: said, never silent. */
  notes: PromptNote[];
}
