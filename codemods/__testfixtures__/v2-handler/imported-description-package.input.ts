// A tool whose description and shape come from a package (a workspace's shared texts): v1 reads
// tool(name, x, y, cb) as (description, paramsSchema) or (paramsSchema, annotations) by x's value,
// which no file of this run shows. The official codemod would take x for the input schema (trial
// 31B: 13 type errors, tools/list failing), so the file stays on v1, each such call marked; a call
// whose handler takes arguments has its schema second, and is left as it is.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { PING_DESCRIPTION, SNAPSHOT_DESCRIPTION, SnapshotShape } from '@acme/tool-texts';

const server = new McpServer({ name: 'snapshots', version: '1.0.0' });
server.tool('take_snapshot', SNAPSHOT_DESCRIPTION, SnapshotShape, async ({ url }) => ({ content: [{ type: 'text', text: `took ${url}` }] }));
server.tool('ping', PING_DESCRIPTION, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
server.tool('list_snapshots', SnapshotShape, async ({ url }) => ({ content: [{ type: 'text', text: url }] }));
await server.connect(new StdioServerTransport());
