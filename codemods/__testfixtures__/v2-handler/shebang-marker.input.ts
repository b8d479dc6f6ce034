#!/usr/bin/env node

// A shebang and the blank line after it survive the move, and the marker the official codemod
// writes stands above the registerTool call it is about.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { schema } from "./schema.js";

const server = new McpServer({ name: "sb", version: "1.0.0" });
server.registerTool("echo", { inputSchema: schema }, async () => ({ content: [] }));
