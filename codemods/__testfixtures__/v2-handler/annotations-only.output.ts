// v1's tool(name, annotations, cb): an object none of whose values is a zod type is the tool's
// annotations, not its input schema. The official codemod would make it the input schema (every
// tools/list then fails), so the file stays on v1, marked (trial 21A).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'library', version: '1.0.0' });
server.tool('list_shelves', async () => ({ content: [{ type: 'text', text: 'a, b' }] }));
// TODO(mcp-migrate): v1 takes { readOnlyHint: true, title: 'Read a shelf' } here as the tool's
// annotations (no value of it is a zod type), which the official v1→v2 codemod would turn into its
// input schema, breaking tools/list: write registerTool(name, { description, annotations: {
// readOnlyHint: true, title: 'Read a shelf' } }, handler) by hand (the handler then takes the
// context as its only argument), then move this file to the v2 packages
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
server.tool('read_shelf', 'Reads one shelf', { readOnlyHint: true, title: 'Read a shelf' }, async () => ({ content: [{ type: 'text', text: 'book' }] }));
await server.connect(new StdioServerTransport());
