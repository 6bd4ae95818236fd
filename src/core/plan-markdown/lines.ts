/** Line breaks and blank lines as CommonMark counts them, shared by the chunker and the readers. */

/** Any of the three line endings CommonMark accepts. */
export const LINE_END_RE = /\r\n|\r|\n/;

/** True for a line of spaces and tabs only: CommonMark's blank line. */
export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}
