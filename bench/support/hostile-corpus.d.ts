/** Types of hostile-corpus.js (plain JS so benches run it without a build). */
export declare const COMMANDS: string[][];
export declare function argsFor(command: string[], target: string): string[];
export declare function writeHostileCorpus(
  root: string,
  bytes: number,
): Promise<{ name: string; dir: string }[]>;
