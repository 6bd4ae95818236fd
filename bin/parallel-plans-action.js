#!/usr/bin/env node
// The GitHub Action's entry (action.yml runs it). The logic lives in src/action (built to dist/).
// CommonJS like every file of bin/ (bin/package.json); the action's code is an ES module.
"use strict";
import("../dist/action/run-action.js")
  .then(({ runAction }) =>
    runAction({
      env: process.env,
      stdout: (text) => process.stdout.write(text),
    }),
  )
  .then((exitCode) => {
    process.exitCode = exitCode;
  });
