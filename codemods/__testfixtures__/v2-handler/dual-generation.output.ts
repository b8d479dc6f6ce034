// Both SDK generations on purpose: v1 for the 2025 path, v2 for the modern one. The official
// codemod would fold the v1 import into the v2 one, so the file is marked instead.
// TODO(mcp-migrate): this file imports both SDK generations: move its @modelcontextprotocol/sdk
// imports to the v2 packages by hand (the official codemod would merge them into the v2 imports)
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
import { McpServer as LegacyMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpServer as ModernMcpServer } from '@modelcontextprotocol/server';

export function build(modern: boolean) {
  return modern ? new ModernMcpServer({ name: 'dual', version: '1.0.0' }) : new LegacyMcpServer({ name: 'dual', version: '1.0.0' });
}
