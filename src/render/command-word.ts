/**
 * A path or plan name as one word of the commands the tools print (`parallel-plans prompt … PATH`,
 * `/parallel … --plan NAME`), so that pasting the command runs it on that path. Scripts run the
 * `command` of `next --format json` as well, and a folder may be called `$(…)`: the word must stay
 * text for the shell.
 */

/** Characters no POSIX shell reads specially, anywhere in a word: such a word is left as is. */
const PLAIN_WORD = /^[A-Za-z0-9._/-]+$/;

/**
 * `word` as a POSIX shell reads it back as one word: as is when it is plain (what plan paths
 * usually are, so the commands look as they always did), else in single quotes, inside which
 * nothing is special; a `'` itself is closed, given in double quotes and reopened (`'"'"'`).
 * The slash-command parser reads the same quoting (parse-command.ts).
 */
export function commandWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
