#!/usr/bin/env node

// A shebang and the blank line after it survive the move, and the marker the official codemod
// writes stands above the registerTool call it is about.
import { McpServer } from "@modelcontextprotocol/server";
import { schema } from "./schema.js";

const server = new McpServer({ name: "sb", version: "1.0.0" });
// TODO(mcp-migrate): official v1→v2 codemod: Could not verify `inputSchema` is a schema object. Raw
// shapes are deprecated in v2 — pass a Standard Schema object (e.g. z.object({ … })); no change is
// needed if it already is one.
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
server.registerTool("echo", { inputSchema: schema }, async () => ({ content: [] }));
