/**
 * The replies already posted to one comment, read back from their hidden markers, so a
 * redelivered comment gets only the replies (or parts) that are missing. Markers record the
 * command's name but not its position, so the n-th reply named `status` answers the n-th
 * `status` command: replies are posted in command order.
 */
import { readHiddenMarkers } from "../../core/hidden-marker.js";

/** The parts of one posted reply. */
export interface PostedReply {
  parts: number;
  posted: Set<number>;
}

/** A comment of the thread as the listing gives it. */
export interface ThreadComment {
  body?: string | null;
  user: { type?: string } | null;
}

interface ReplyMarkerData {
  command: string;
  part: number;
  parts: number;
}

function readReplyMarker(body: string, commentId: number): ReplyMarkerData | null {
  const v = readHiddenMarkers(body).find((m) => m.kind === "reply" && m.comment === commentId);
  if (!v || typeof v.command !== "string") return null;
  if (typeof v.part !== "number" || typeof v.parts !== "number") return null;
  return { command: v.command, part: v.part, parts: v.parts };
}

/** Replies to `commentId` per command name, in the order they were posted. */
export class ReplyLedger {
  private readonly byCommand = new Map<string, PostedReply[]>();
  private readonly seen = new Map<string, number>();

  constructor(thread: readonly ThreadComment[], commentId: number) {
    for (const comment of thread) {
      // Bots only: a person quoting a reply must not silence the app.
      if (comment.user?.type !== "Bot") continue;
      const marker = readReplyMarker(comment.body ?? "", commentId);
      if (!marker) continue;
      const replies = this.byCommand.get(marker.command) ?? [];
      const last = replies.at(-1);
      // Part 1 opens a new reply; later parts continue the last one.
      if (!last || marker.part === 1 || last.posted.has(marker.part)) {
        replies.push({ parts: marker.parts, posted: new Set([marker.part]) });
      } else {
        last.posted.add(marker.part);
      }
      this.byCommand.set(marker.command, replies);
    }
  }

  /**
   * The parts already posted for the next command named `command` (call once per command, in
   * order); empty when its reply is missing, null when it is complete.
   */
  next(command: string): ReadonlySet<number> | null {
    const index = this.seen.get(command) ?? 0;
    this.seen.set(command, index + 1);
    const reply = this.byCommand.get(command)?.[index];
    if (!reply) return new Set();
    return reply.posted.size >= reply.parts ? null : reply.posted;
  }
}
