import { describe, expect, it } from "@jest/globals";
import { ReplyLedger } from "../../src/github/comments/reply-ledger.js";

const BOT = { type: "Bot" };

function reply(command: string, part: number, parts: number, comment = 1): string {
  const data = { kind: "reply", command, comment, part, parts };
  return `> /parallel ${command}\n\n<!-- parallel-plans:${JSON.stringify(data).replace(/--/g, "-\\u002d")} -->\n`;
}

describe("ReplyLedger", () => {
  it("matches the n-th reply named like a command to the n-th such command", () => {
    const ledger = new ReplyLedger(
      [
        { body: reply("help", 1, 1), user: BOT },
        { body: reply("batch-executions", 1, 2), user: BOT },
      ],
      1,
    );

    expect(ledger.next("help")).toBeNull();
    expect(ledger.next("help")).toEqual(new Set());
    expect(ledger.next("batch-executions")).toEqual(new Set([1]));
  });

  it("ignores replies to other comments and markers a person wrote", () => {
    const ledger = new ReplyLedger(
      [
        { body: reply("help", 1, 1, 2), user: BOT },
        { body: reply("help", 1, 1), user: { type: "User" } },
      ],
      1,
    );

    expect(ledger.next("help")).toEqual(new Set());
  });
});
