/**
 * The unified diff `parallel-plans sync` prints for one parallel.json, built from the edits sync
 * applied rather than from the whole old and new texts. Line diffing of two whole texts (Myers)
 * costs O((N+M)·D): 80 s for a 3 MB plan whose 8,000 statuses all drift. Sync already knows where
 * the text changed, so only the lines around each group of edits are handed to the `diff`
 * library, and its hunks are moved to their place in the file: linear in the text plus the
 * edits, and for sync's edits the same patch text as `createTwoFilesPatch` over the whole texts.
 * (Edits inside a run of identical lines longer than the context could be aligned elsewhere by a
 * whole-text diff; the patch then still applies, its hunks just sit where the edits were.)
 */
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatchHunk } from "diff";
import type { TextEdit } from "../core/sync/sync-types.js";

/**
 * Lines of context around a change: the `diff` library's default, which the whole-text patch
 * printed before used.
 */
export const PATCH_CONTEXT = 4;

/** A run of old lines, first to last (0-based, inclusive), that edits touch. */
interface Region {
  first: number;
  last: number;
  /** Index of its first edit in the sorted edits, and one past its last. */
  from: number;
  to: number;
}

/**
 * The patch from `oldText` to `newText` (which must be `oldText` with `edits` applied; edits do
 * not overlap), with `--- oldName` / `+++ newName` headers, as `createTwoFilesPatch` writes it.
 */
export function editsPatch(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
  edits: readonly TextEdit[],
): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const starts = lineStarts(oldText);
  const regions = groupEdits(sorted, starts, oldText.length);
  const hunks: StructuredPatchHunk[] = [];
  let edit = 0;
  let charDelta = 0;
  let lineDelta = 0;
  for (const region of regions) {
    // The library sees the region's lines plus the context around them, so it aligns lines and
    // picks context exactly as it would inside the whole text.
    const first = Math.max(0, region.first - PATCH_CONTEXT);
    const last = Math.min(starts.length - 1, region.last + PATCH_CONTEXT);
    const oldStart = starts[first] as number;
    const oldEnd = last + 1 < starts.length ? (starts[last + 1] as number) : oldText.length;
    for (; edit < region.from; edit++)
      ({ charDelta, lineDelta } = shift(sorted, edit, oldText, charDelta, lineDelta));
    const newStart = oldStart + charDelta;
    const newFirstLine = first + lineDelta;
    for (; edit < region.to; edit++)
      ({ charDelta, lineDelta } = shift(sorted, edit, oldText, charDelta, lineDelta));
    const newEnd = oldEnd + charDelta;
    const patch = structuredPatch(
      oldName,
      newName,
      oldText.slice(oldStart, oldEnd),
      newText.slice(newStart, newEnd),
      undefined,
      undefined,
      { context: PATCH_CONTEXT },
    );
    for (const hunk of patch.hunks) {
      hunks.push({
        ...hunk,
        oldStart: hunk.oldStart + first,
        newStart: hunk.newStart + newFirstLine,
      });
    }
  }
  return formatPatch(
    {
      oldFileName: oldName,
      newFileName: newName,
      oldHeader: undefined,
      newHeader: undefined,
      hunks,
    },
    FILE_HEADERS_ONLY,
  );
}

/** Offsets and line counts after one more edit is applied. */
function shift(
  edits: readonly TextEdit[],
  index: number,
  oldText: string,
  charDelta: number,
  lineDelta: number,
): { charDelta: number; lineDelta: number } {
  const edit = edits[index] as TextEdit;
  const removed = oldText.slice(edit.offset, edit.offset + edit.length);
  return {
    charDelta: charDelta + edit.content.length - edit.length,
    lineDelta: lineDelta + newlines(edit.content) - newlines(removed),
  };
}

/**
 * Edits grouped so that no two groups are closer than twice the context: the library would join
 * their hunks, so it must see them together. Groups farther apart give hunks of their own.
 */
function groupEdits(edits: readonly TextEdit[], starts: readonly number[], size: number): Region[] {
  const regions: Region[] = [];
  let line = 0;
  const lineOf = (offset: number): number => {
    // Edits are sorted, so the line only moves forward: one pass over the line starts in all.
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
    return line;
  };
  edits.forEach((edit, index) => {
    const first = lineOf(Math.min(edit.offset, size));
    // The line holding the edit's end is changed too (text after the edit joins its content).
    const last = Math.max(first, lineOf(Math.min(edit.offset + edit.length, size)));
    const previous = regions.at(-1);
    if (previous && first - previous.last - 1 <= 2 * PATCH_CONTEXT) {
      previous.last = Math.max(previous.last, last);
      previous.to = index + 1;
    } else {
      regions.push({ first, last, from: index, to: index + 1 });
    }
  });
  return regions;
}

/** Offset where each line begins; line 0 begins at 0. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    if (at + 1 < text.length) starts.push(at + 1);
  }
  return starts;
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
