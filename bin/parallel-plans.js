#!/usr/bin/env node
// The installed command. The logic lives in src/cli (built to dist/ by `npm ci` via `prepare`).
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv);
