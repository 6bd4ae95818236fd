/** Bytes to text: strict UTF-8 (a bad byte is reported, never replaced silently), BOM removed. */
import type { Position } from "./types.js";

export type DecodedText =
  { ok: true; text: string } | { ok: false; message: string; position: Position };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeText(content: Uint8Array | string): DecodedText {
  if (typeof content === "string") {
    return { ok: true, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  }
  try {
    return { ok: true, text: decoder.decode(content) };
  } catch {
    return { ok: false, ...locateInvalidUtf8(content) };
  }
}

/**
 * The first byte that is not valid UTF-8. Prefix validity is monotonic (streaming decode allows an
 * incomplete last sequence), so a binary search finds it with O(log n) native decodes.
 */
function locateInvalidUtf8(bytes: Uint8Array): { message: string; position: Position } {
  let lo = 0; // longest prefix known valid
  let hi = bytes.length; // shortest prefix known invalid
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (isValidUtf8Prefix(bytes.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  const offset = hi - 1;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset)).length + 1;
  const byte = (bytes[offset] ?? 0).toString(16).padStart(2, "0");
  return {
    message: `file is not valid UTF-8 (byte 0x${byte} at offset ${offset})`,
    position: { line, column },
  };
}

function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
