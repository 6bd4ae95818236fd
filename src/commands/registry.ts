/**
 * Every `/parallel` command: what it does, its arguments, who may use it by default, an example,
 * and whether it is available yet. `help`, docs/commands.md (checked by a test) and the parser
 * all read this one table, so they cannot disagree.
 */
import { DEFAULT_CONFIG, type CommandName, type Permission } from "../core/config.js";

/** The options a command may take (`--plan NAME`, `--level N`, `--dry-run`, `--force`). */
export type CommandOption = "plan" | "level" | "dry-run" | "force";

/** What a command takes besides options. */
export type Positionals =
  /** nothing */
  | "none"
  /** one optional command name (help) */
  | "topic"
  /** achievement ids and `@user` logins (assign) */
  | "ids-and-users"
  /** one achievement id, or none on the achievement's own issue (claim, unclaim) */
  | "one-id";

/** One command as the registry describes it. */
export interface CommandSpec {
  name: CommandName;
  /** One sentence: what the command answers with. */
  summary: string;
  /** The command line with its arguments, e.g. `/parallel status [--plan NAME]`. */
  usage: string;
  options: readonly CommandOption[];
  positionals: Positionals;
  /** A realistic invocation. */
  example: string;
  /** Null when available; otherwise the sentence the reply gives instead of acting. */
  unavailable: string | null;
}

const PLAN = "[--plan NAME]";

/** The registry, in the order of `COMMANDS` in core/config.ts (a test keeps them equal). */
export const REGISTRY: readonly CommandSpec[] = [
  {
    name: "help",
    summary: "Lists the commands, who may use them and an example of each.",
    usage: "/parallel help [COMMAND]",
    options: [],
    positionals: "topic",
    example: "/parallel help batch-subplans",
    unavailable: null,
  },
  {
    name: "status",
    summary:
      "Shows the plan's progress table: levels, statuses (files first), executors, what is ready and the time figures.",
    usage: `/parallel status ${PLAN}`,
    options: ["plan"],
    positionals: "none",
    example: "/parallel status --plan PARALLEL-EXECUTION-AUTOMATION",
    unavailable: null,
  },
  {
    name: "next",
    summary:
      "Lists what can be done with the plan now, each with its command and time figures: SUBPLANs and EXECUTIONs to create per level, a level to execute (sequential against parallel time), blocked levels and what they wait for, and retry / skip / go-sequential for each failed achievement.",
    usage: `/parallel next ${PLAN}`,
    options: ["plan"],
    positionals: "none",
    example: "/parallel next --plan RELEASE-PIPELINE",
    unavailable: null,
  },
  {
    name: "validate",
    summary:
      "Runs the parallel-plans check on the pull request's head (the default branch in an issue) and replies with its result.",
    usage: `/parallel validate ${PLAN}`,
    options: ["plan"],
    positionals: "none",
    example: "/parallel validate",
    unavailable: null,
  },
  {
    name: "discover",
    summary:
      "Replies with the parallel discovery prompt: the PLAN's achievement inventory, the analysis framework and the parallel.json schema.",
    usage: `/parallel discover ${PLAN} [--dry-run]`,
    options: ["plan", "dry-run"],
    positionals: "none",
    example: "/parallel discover --plan PARALLEL-EXECUTION-AUTOMATION",
    unavailable: null,
  },
  {
    name: "batch-subplans",
    summary:
      "Replies with the batch SUBPLAN creation prompt for a level (default: the next ready level with achievements lacking a SUBPLAN).",
    usage: `/parallel batch-subplans ${PLAN} [--level N] [--dry-run] [--force]`,
    options: ["plan", "level", "dry-run", "force"],
    positionals: "none",
    example: "/parallel batch-subplans --level 3 --dry-run",
    unavailable: null,
  },
  {
    name: "batch-executions",
    summary:
      "Replies with the batch EXECUTION creation prompt for a level, from each SUBPLAN's objective, approach and deliverables; achievements without a SUBPLAN are named, not dropped silently.",
    usage: `/parallel batch-executions ${PLAN} [--level N] [--dry-run] [--force]`,
    options: ["plan", "level", "dry-run", "force"],
    positionals: "none",
    example: "/parallel batch-executions --level 3",
    unavailable: null,
  },
  {
    name: "assign",
    summary:
      'Opens one issue per achievement of a level (default: the first ready level lacking issues), as sub-issues of a level issue with "blocked by" links; `--dry-run` lists what it would create. With `ID… @user…` it assigns those people to those achievements\' issues.',
    usage: `/parallel assign ${PLAN} [--level N] [--dry-run] [ID... @user...]`,
    options: ["plan", "level", "dry-run"],
    positionals: "ids-and-users",
    example: "/parallel assign --level 3 --dry-run",
    unavailable: null,
  },
  {
    name: "claim",
    summary:
      "Assigns the commenter to the achievement's issue (opened by `/parallel assign`; on that issue the ID can be left out); says so plainly when GitHub cannot assign them.",
    usage: `/parallel claim [ID] ${PLAN}`,
    options: ["plan"],
    positionals: "one-id",
    example: "/parallel claim 3.1",
    unavailable: null,
  },
  {
    name: "unclaim",
    summary:
      "Removes the commenter from the assignees of the achievement's issue (on that issue the ID can be left out).",
    usage: `/parallel unclaim [ID] ${PLAN}`,
    options: ["plan"],
    positionals: "one-id",
    example: "/parallel unclaim 3.1",
    unavailable: null,
  },
  {
    name: "sync",
    summary:
      "Syncs parallel.json statuses to the files on the default branch now: opens or updates the status pull request (or says all is in sync).",
    usage: `/parallel sync ${PLAN}`,
    options: ["plan"],
    positionals: "none",
    example: "/parallel sync",
    unavailable: null,
  },
];

const BY_NAME = new Map(REGISTRY.map((spec) => [spec.name, spec]));

/** The spec of a command name, or undefined for an unknown name. */
export function findCommand(name: string): CommandSpec | undefined {
  return BY_NAME.get(name as CommandName);
}

/** The permission a command needs when the repository config says nothing. */
export function defaultPermission(name: CommandName): Permission {
  return DEFAULT_CONFIG.commands.min_permission[name];
}
