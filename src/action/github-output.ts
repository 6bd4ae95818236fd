/**
 * Step outputs in the `GITHUB_OUTPUT` file format: `name<<DELIMITER`, the value, the delimiter,
 * with a random delimiter that the value cannot contain (GitHub's documented multiline syntax,
 * safe for any value).
 */
import { randomBytes } from "node:crypto";

/** The text to append to the GITHUB_OUTPUT file for `outputs`. */
export function formatOutputs(outputs: Readonly<Record<string, string>>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      let delimiter = `ghadelimiter_${randomBytes(8).toString("hex")}`;
      while (value.includes(delimiter))
        delimiter = `ghadelimiter_${randomBytes(8).toString("hex")}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join("");
}

/** Read the file back (tests, and anyone checking what a step set). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = line.indexOf("<<");
    if (heredoc > 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) break;
      outputs[name] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return outputs;
}
