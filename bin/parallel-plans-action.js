#!/usr/bin/env node
// The GitHub Action's entry (action.yml runs it). The logic lives in src/action (built to dist/).
const { runAction } = await import("../dist/action/run-action.js");
process.exitCode = await runAction({
  env: process.env,
  stdout: (text) => process.stdout.write(text),
});
