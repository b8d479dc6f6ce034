#!/usr/bin/env node
// A stdio server: the official codemod moves its imports, but StdioServerTransport on the v2
// packages still speaks 2025 only, so a server a factory builds is served with serveStdio from
// that factory, which answers both eras.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

function buildServer() {
  return new McpServer({ name: 'dice', version: '1.2.0' });
}

serveStdio(() => buildServer());
