/** Types of hostile-comments.js (plain JS so benches run it without a build). */
export declare const MAX_COMMENT_CHARS: number;
export declare function hostileComments(
  count?: number,
  seed?: number,
): { name: string; body: string }[];
