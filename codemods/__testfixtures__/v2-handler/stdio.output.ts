#!/usr/bin/env node
// A stdio server: the official codemod moves its imports, but StdioServerTransport on the v2
// packages still speaks 2025 only, so the connection is marked for serveStdio.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

function buildServer() {
  return new McpServer({ name: 'dice', version: '1.2.0' });
}

// TODO(mcp-migrate): StdioServerTransport speaks 2025 only, also on the v2 packages: serve stdio
// with serveStdio(() => buildServer()) of the @modelcontextprotocol/server/stdio module (the
// factory runs per connection, and once more for a server/discover probe: keep process-wide set-up,
// a port it listens on or a process it starts, out of it)
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/stdio)
await buildServer().connect(new StdioServerTransport());
