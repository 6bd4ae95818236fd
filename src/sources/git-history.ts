/**
 * The commit dates of a folder's files from the local git repository (`git log`), for measured
 * times. Without git, outside a repository, or in a shallow clone, it says so in one sentence
 * (the caller prints it as a note) and gives what it has: times then come from parallel.json.
 */
import { execFile } from "node:child_process";

/** Dates (ISO 8601 author dates) per file path, relative to the folder asked about. */
export interface GitHistory {
  files: Map<string, string[]>;
  /** Why history is missing or partial, as a sentence; null when complete. */
  problem: string | null;
}

/** Larger logs than this are not plan histories. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** Separates commits in the log: a byte no date or path holds. */
const COMMIT_MARK = "\u001e";

type Run = (args: readonly string[], cwd: string) => Promise<string>;

/** `git ARGS` in `cwd`, its stdout; rejects with the child_process error. */
const runGit: Run = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(
      "git",
      [...args],
      { cwd, maxBuffer: MAX_LOG_BYTES, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
      (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
    );
  });

/**
 * Every commit date of every file under `folder` (paths relative to it), oldest first. `label`
 * names the folder in sentences. `run` is injectable so tests can simulate a missing git.
 */
export async function readGitHistory(
  folder: string,
  label: string,
  run: Run = runGit,
): Promise<GitHistory> {
  let shallow: boolean;
  try {
    shallow = (await run(["rev-parse", "--is-shallow-repository"], folder)).trim() === "true";
  } catch (error) {
    return { files: new Map(), problem: describeGitError(error, label) };
  }
  let log: string;
  try {
    log = await run(
      [
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--no-renames",
        `--format=${COMMIT_MARK}%aI`,
        "--name-only",
        "--relative",
        "--",
        ".",
      ],
      folder,
    );
  } catch (error) {
    return { files: new Map(), problem: describeGitError(error, label) };
  }
  const files = new Map<string, string[]>();
  for (const block of log.split(COMMIT_MARK)) {
    const [date, ...paths] = block.split("\n");
    if (!date) continue;
    for (const file of paths) {
      if (file === "") continue;
      const dates = files.get(file);
      if (dates) dates.push(date.trim());
      else files.set(file, [date.trim()]);
    }
  }
  return {
    files,
    problem: shallow
      ? `${label} is in a shallow clone: commits before its depth are missing, so older times come from parallel.json (run "git fetch --unshallow" for all of them)`
      : null,
  };
}

function describeGitError(error: unknown, label: string): string {
  const code = (error as { code?: unknown }).code;
  const stderr = String((error as { stderr?: unknown }).stderr ?? "");
  if (code === "ENOENT") {
    return "git is not installed (or not on PATH): times come from parallel.json only";
  }
  if (/not a git repository/i.test(stderr)) {
    return `${label} is not in a git repository: times come from parallel.json only`;
  }
  if (/does not have any commits/i.test(stderr)) {
    return `${label} has no commits yet: times come from parallel.json only`;
  }
  const first = stderr.split("\n").find((line) => line.trim() !== "") ?? String(error);
  return `git log failed for ${label} (${first.replace(/^fatal: /, "").trim()}): times come from parallel.json only`;
}
