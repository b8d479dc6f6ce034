#!/usr/bin/env node
import { McpServer } from '@modelcontextprotocol/server';
/**
 * Tools register against one server; the transport is chosen by the caller.
 * (The official v1→v2 codemod drops a comment between the SDK imports it merges: it goes back
 * above the import that took the names of the one it was on.)
 */
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

export async function main(): Promise<void> {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  // TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
  // with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the
  // factory runs per connection, and once more for a server/discover probe: keep process-wide
  // set-up, a port it listens on or a process it starts, out of it)
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
  await server.connect(new StdioServerTransport());
}
