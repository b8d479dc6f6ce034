// Moving to the v2 packages rewrites this server's tool() registration (a change to review):
// under --safe-only the whole move is left out, and the file says so once.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'echo', version: '1.0.0' });
server.tool('echo', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));

await server.connect(new StdioServerTransport());
