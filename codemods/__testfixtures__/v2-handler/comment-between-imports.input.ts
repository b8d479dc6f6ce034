#!/usr/bin/env node
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
/**
 * Tools register against one server; the transport is chosen by the caller.
 * (The official v1→v2 codemod drops a comment between the SDK imports it merges: it goes back
 * above the import that took the names of the one it was on.)
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export async function main(): Promise<void> {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  await server.connect(new StdioServerTransport());
}
