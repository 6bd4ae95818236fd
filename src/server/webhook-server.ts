/**
 * The HTTP side of the app: acknowledge, then work. A webhook delivery is capped (GitHub never
 * sends more than 25 MB; DESIGN.md §6: cap before parsing), its signature verified with Probot's
 * own verifier, and it is queued under its `X-GitHub-Delivery` id and answered 202 at once; a
 * worker runs the app later. GitHub allows 10 s for an answer and does not redeliver a failure
 * by itself, so no GitHub request ever happens inside this handler.
 *
 * Also: `GET /ping` (liveness), `GET /ready` (readiness: the queue can take deliveries, Redis
 * answers), `GET /metrics` (Prometheus). While draining, deliveries get 503 so GitHub shows the
 * failure and a maintainer can redeliver.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { Metrics } from "../ops/metrics.js";
import { QueueFullError, type DeliveryQueue } from "../queue/delivery-queue.js";

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/**
 * A delivery id as GitHub sends it (a UUID); anything else is refused before it becomes a key.
 * All digits is refused too: BullMQ reserves integer ids for its own.
 */
const DELIVERY_ID = /^(?!\d+$)[A-Za-z0-9-]{1,100}$/;

export interface WebhookServerOptions {
  /** Verifies signatures (Probot's webhooks, with the app's secret) and logs. */
  probot: Probot;
  queue: DeliveryQueue;
  metrics: Metrics;
  webhooksPath: string;
  maxBodyBytes?: number;
}

/** The HTTP server and the switch that makes it refuse new deliveries. */
export interface WebhookServer {
  server: Server;
  /** From now on answer deliveries (and `/ready`) with 503. */
  drain(): void;
  /**
   * Deliveries are arriving: one is being received, or one was within the last 250 ms (a burst
   * has gaps between its requests that must not count as its end).
   */
  receiving(): boolean;
}

/** How long after a delivery the server still counts as receiving a burst. */
const BURST_GAP_MS = 250;

/** An http.Server for the webhook path, /ping, /ready and /metrics; 404 elsewhere. */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { probot, queue, metrics, webhooksPath } = options;
  const maxBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BYTES;
  let draining = false;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      probot.log.error({ err: error }, "webhook request failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  let inFlight = 0;
  let lastAt = 0;
  return {
    server,
    drain: () => {
      draining = true;
    },
    receiving: () => inFlight > 0 || performance.now() - lastAt < BURST_GAP_MS,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/ping") return text(response, 200, "PONG");
    if (request.method === "GET" && path === "/ready") {
      const ready = !draining && (await queue.ready());
      return text(response, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
    }
    if (request.method === "GET" && path === "/metrics") {
      const { contentType, body } = await metrics.text();
      response.writeHead(200, { "content-type": contentType }).end(body);
      return;
    }
    if (path !== webhooksPath || request.method !== "POST") {
      response.writeHead(404).end();
      return;
    }
    inFlight++;
    try {
      await receiveDelivery(request, response);
    } finally {
      inFlight--;
      lastAt = performance.now();
    }
  }

  async function receiveDelivery(request: IncomingMessage, response: ServerResponse) {
    const event = header(request, "x-github-event") ?? "";
    const id = header(request, "x-github-delivery") ?? "";
    const signature = header(request, "x-hub-signature-256") ?? "";
    if (draining) {
      metrics.delivery(event, "draining");
      request.resume();
      return text(response, 503, "shutting down: redeliver to another instance\n", true);
    }
    const body = await readCapped(request, maxBytes);
    if (body === null) {
      metrics.delivery(event, "too_large");
      probot.log.warn({ id, event, maxBytes }, "webhook body over the size limit refused");
      text(response, 413, `request body over ${maxBytes} bytes\n`, true);
      request.destroy();
      return;
    }
    const problem = badHeaders(request, event, id, signature);
    if (problem) {
      metrics.delivery(event, "bad_request");
      return text(response, 400, `${problem}\n`);
    }
    if (!(await probot.webhooks.verify(body, signature))) {
      metrics.delivery(event, "bad_signature");
      probot.log.warn({ id, event }, "webhook signature does not match the secret");
      return text(response, 400, "signature does not match the webhook secret\n");
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      metrics.delivery(event, "bad_request");
      return text(response, 400, "body is not JSON\n");
    }
    try {
      const outcome = await queue.enqueue({ id, name: event, payload, receivedAt: Date.now() });
      metrics.delivery(event, outcome);
      text(response, 202, outcome === "queued" ? "queued\n" : "already received\n");
    } catch (error) {
      metrics.delivery(event, "unavailable");
      if (error instanceof QueueFullError) probot.log.warn({ id, event }, error.message);
      else probot.log.error({ err: error, id, event }, "delivery could not be queued");
      text(response, 503, "queue unavailable: redeliver later\n");
    }
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why the delivery's headers are not a GitHub webhook's, or undefined. */
function badHeaders(
  request: IncomingMessage,
  event: string,
  id: string,
  signature: string,
): string | undefined {
  if (!/^\s*application\/json\s*(;|$)/.test(header(request, "content-type") ?? ""))
    return "content-type must be application/json";
  if (!event || !signature || !id)
    return "x-github-event, x-github-delivery and x-hub-signature-256 are required";
  if (!/^[a-z_]{1,64}$/.test(event)) return "x-github-event is not an event name";
  if (!DELIVERY_ID.test(id)) return "x-github-delivery is not a delivery id";
  return undefined;
}

function text(response: ServerResponse, status: number, body: string, close = false): void {
  const headers: Record<string, string> = { "content-type": "text/plain" };
  if (close) headers.connection = "close";
  response.writeHead(status, headers).end(body);
}

/** The body as text, or null as soon as it is known to exceed `maxBytes` (declared or streamed). */
function readCapped(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners("data");
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(size > maxBytes ? null : new TextDecoder().decode(Buffer.concat(chunks))),
    );
    request.on("error", reject);
  });
}
