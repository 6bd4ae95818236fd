/**
 * `npm start`: the app with Probot's standard environment (and a `.env` file), behind our own
 * server: acknowledge at once, work from a queue (src/server/main.ts).
 */
import { existsSync } from "node:fs";
import app from "./app.js";
import { main } from "./server/main.js";
import { productionApp } from "./server/production-app.js";

if (existsSync(".env")) process.loadEnvFile(".env");
await main(process.env, productionApp, app);
