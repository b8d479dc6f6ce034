// Next.js' headers() config writes each header as { key, value }: CORS lists there are CORS lists
// that cors-headers mends like any other.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export const server = new McpServer({ name: 'next-mcp', version: '1.0.0' });

export const MCP_CORS_HEADERS = [
  { key: 'Access-Control-Allow-Origin', value: '*' },
  {
    key: 'Access-Control-Allow-Headers',
    value: 'Content-Type, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Session-Id',
  },
  { key: 'Access-Control-Expose-Headers', value: 'Mcp-Session-Id' },
];
