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
 * Where the first sequence that is not valid UTF-8 starts. Prefix validity is monotonic (streaming
 * decode allows an incomplete last sequence), so a binary search finds the byte where decoding
 * fails with O(log n) native decodes. That byte may only reveal the fault: after a Latin-1 "é"
 * (0xE9, the lead of a 3-byte sequence) it is the byte that follows, so the offset reported is
 * the lead byte's, where the bad sequence starts.
 */
function locateInvalidUtf8(bytes: Uint8Array): { message: string; position: Position } {
  let lo = 0; // longest prefix known valid
  let hi = bytes.length; // shortest prefix known invalid
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (isValidUtf8Prefix(bytes.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  const offset = sequenceStart(bytes, hi - 1);
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

/**
 * The start of the sequence that `failing` (the byte where decoding fails) belongs to: the lead
 * byte of a character still open before it, else `failing` itself. The bytes before `failing`
 * decode as a stream, so when they do not decode as a whole, they end in an open character: a
 * lead byte (0xC0 and up) among the last three, then continuation bytes.
 */
function sequenceStart(bytes: Uint8Array, failing: number): number {
  if (isValidUtf8(bytes.subarray(0, failing))) return failing;
  for (let i = failing - 1; i >= Math.max(0, failing - 3); i--) {
    if ((bytes[i] ?? 0) >= 0xc0) return i;
  }
  return failing;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
