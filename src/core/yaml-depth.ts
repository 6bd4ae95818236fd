/**
 * How deep a YAML text nests, read in one linear pass before the YAML parser sees it: the yaml
 * library recurses per level, so a config nested 10,000 deep ends in "Maximum call stack size
 * exceeded" (or worse, a crash) instead of a sentence. Flow collections (`[`, `{` outside quotes
 * and comments) and block nesting (indentation levels, `- ` sequence entries) both count. An
 * estimate that errs towards deeper, which is harmless: real configs nest four levels.
 */

/** Where the text first nests deeper than `limit`, as a 0-based offset, or -1 when it never does. */
export function firstTooDeep(text: string, limit: number): number {
  let flow = 0;
  const indents: number[] = [];
  let offset = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    let i = 0;
    while (line[i] === " ") i++;
    const content = line[i];
    if (flow === 0 && content !== undefined && content !== "#") {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= i) indents.pop();
      indents.push(i);
      // "- - - x" opens one sequence per dash on the same line.
      let dashes = 0;
      for (let j = i; line[j] === "-" && (line[j + 1] === " " || j + 1 === line.length); j += 2) {
        dashes++;
        while (line[j + 2] === " ") j++;
      }
      if (indents.length + dashes > limit) return offset + i;
    }
    let quote: string | null = null;
    for (let j = i; j < line.length; j++) {
      const c = line[j];
      if (quote !== null) {
        if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "#" && (j === 0 || line[j - 1] === " ")) break;
      else if (c === "[" || c === "{") {
        if (++flow + indents.length > limit) return offset + j;
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    offset += line.length + 1;
  }
  return -1;
}
