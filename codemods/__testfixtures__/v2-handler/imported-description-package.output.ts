// A tool whose description and shape come from a package (a workspace's shared texts): v1 reads
// tool(name, x, y, cb) as (description, paramsSchema) or (paramsSchema, annotations) by x's value,
// which no file of this run shows. The official codemod would take x for the input schema (trial
// 31B: 13 type errors, tools/list failing), so the file stays on v1, each such call marked; a call
// whose handler takes arguments has its schema second, and is left as it is.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { PING_DESCRIPTION, SNAPSHOT_DESCRIPTION, SnapshotShape } from '@acme/tool-texts';

const server = new McpServer({ name: 'snapshots', version: '1.0.0' });
// TODO(mcp-migrate): server.tool('take_snapshot', SNAPSHOT_DESCRIPTION, SnapshotShape, ...): v1
// reads SNAPSHOT_DESCRIPTION as the description (tool(name, description, paramsSchema, cb)) or the
// input schema (tool(name, paramsSchema, annotations, cb)) by its value, which this run cannot see
// (imported from the package '@acme/tool-texts'), so the official v1→v2 codemod would guess, and a
// description taken for the input schema breaks tools/list: write
// server.registerTool('take_snapshot', { description: SNAPSHOT_DESCRIPTION, inputSchema:
// SnapshotShape }, handler), or { inputSchema: SNAPSHOT_DESCRIPTION, annotations: SnapshotShape }
// if it is a schema (SDK v1 has registerTool too), then move this file to the v2 packages
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
server.tool('take_snapshot', SNAPSHOT_DESCRIPTION, SnapshotShape, async ({ url }) => ({ content: [{ type: 'text', text: `took ${url}` }] }));
// TODO(mcp-migrate): server.tool('ping', PING_DESCRIPTION, ...): v1 reads PING_DESCRIPTION as the
// description, the input schema or the annotations (its handler does not show it takes arguments)
// by its value, which this run cannot see (imported from the package '@acme/tool-texts'), so the
// official v1→v2 codemod would guess, and a description taken for the input schema breaks
// tools/list: write server.registerTool('ping', { description: PING_DESCRIPTION }, handler), or {
// inputSchema: PING_DESCRIPTION } if it is a schema, { annotations: PING_DESCRIPTION } if
// annotations (SDK v1 has registerTool too), then move this file to the v2 packages
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
server.tool('ping', PING_DESCRIPTION, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
server.tool('list_snapshots', SnapshotShape, async ({ url }) => ({ content: [{ type: 'text', text: url }] }));
await server.connect(new StdioServerTransport());
