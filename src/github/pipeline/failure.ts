/** One sentence about a failure, for check runs and logs: never a stack trace. */

/** "GitHub answered 502: Bad Gateway" for API errors, the first line of the message otherwise. */
export function describeFailure(error: unknown): string {
  const { status, message } = (error ?? {}) as { status?: unknown; message?: unknown };
  const text =
    typeof message === "string" ? (message.split("\n", 1)[0] ?? "").trim() : String(error);
  if (typeof status === "number") return `GitHub answered ${status}${text ? `: ${text}` : ""}`;
  return text || "unknown error";
}
