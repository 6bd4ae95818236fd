/**
 * The production HTTP server: Probot's webhook middleware behind a body-size cap (DESIGN.md §6:
 * cap request bodies before parsing). GitHub never sends a webhook over 25 MB, so anything larger
 * is refused with 413 before a byte is parsed or a signature computed; the body is read here and
 * handed to the middleware as text (it accepts a pre-read `request.body`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createNodeMiddleware, type ApplicationFunction, type Probot } from "probot";

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookServerOptions {
  probot: Probot;
  webhooksPath: string;
  maxBodyBytes?: number;
}

/** An http.Server answering GET /ping, the webhook path (capped), and 404 elsewhere. */
export async function createWebhookServer(
  app: ApplicationFunction,
  options: WebhookServerOptions,
): Promise<Server> {
  const { probot, webhooksPath } = options;
  const maxBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BYTES;
  const middleware = await createNodeMiddleware(app, { probot, webhooksPath });
  return createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      probot.log.error({ err: error }, "webhook request failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/ping") {
      response.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      return;
    }
    if (path !== webhooksPath) {
      response.writeHead(404).end();
      return;
    }
    const body = await readCapped(request, maxBytes);
    if (body === null) {
      probot.log.warn({ path, maxBytes }, "webhook body over the size limit refused");
      response.writeHead(413, { connection: "close" }).end(`request body over ${maxBytes} bytes`);
      request.destroy();
      return;
    }
    (request as IncomingMessage & { body?: string }).body = body;
    const handled = await middleware(request, response);
    if (!handled && !response.headersSent) response.writeHead(404).end();
  }
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
