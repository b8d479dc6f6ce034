#!/usr/bin/env node
// Thin launcher: all logic lives in dist/src/cli/main.js (compiled from src/cli/main.ts).
import { main } from '../dist/src/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Last-resort guard: never show a stack trace to a user.
    process.stderr.write(`mcp-migrate: internal error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
