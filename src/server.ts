/**
 * `npm start`: the Probot server with Probot's standard environment (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, WEBHOOK_PATH, GHE_HOST, `.env`).
 * Without APP_ID and PRIVATE_KEY (outside production) Probot starts its setup flow, which
 * registers the app from `app.yml`; GET /ping answers "PONG" for health checks.
 */
import { run } from "probot";
import app from "./app.js";

await run(app);
