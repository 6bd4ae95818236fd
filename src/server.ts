/**
 * `npm start`: the app with Probot's standard environment (and a `.env` file), behind our own
 * server: acknowledge at once, work from a queue (src/server/main.ts).
 */
import { existsSync } from "node:fs";
import app, { createApp } from "./app.js";
import { main } from "./server/main.js";

if (existsSync(".env")) process.loadEnvFile(".env");
await main(process.env, () => createApp(), app);
