// A tool registered with its name and description in constants and its shape from another module:
// the official codemod leaves this server.tool() as it is, and the v2 McpServer has no tool(), so
// moving the import alone would crash the server at startup. The file stays on v1, marked.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SEARCH_DESCRIPTION, SEARCH_NAME, SearchShape } from './schemas.js';

export function setupServer(server: McpServer) {
  // TODO(mcp-migrate): the official v1→v2 codemod could not convert this tool() call, and the v2
  // McpServer has no tool(): rewrite it as registerTool(name, { description, inputSchema },
  // handler), then move this file to the v2 packages
  // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
  server.tool(SEARCH_NAME, SEARCH_DESCRIPTION, SearchShape, async ({ query }) => ({ content: [{ type: 'text', text: String(query) }] }));
}
