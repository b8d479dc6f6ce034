// A notes server over stdio.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

// Request schemas and the shapes of what the server lists
import {
  ListToolsRequestSchema,
  // what a client gets from tools/list
  type Tool, // the tools this server lists
  type Resource /* none yet */,
} from '@modelcontextprotocol/sdk/types.js';

// One server per process
const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
const tools: Tool[] = [];
const resources: Resource[] = [];
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
await server.connect(new StdioServerTransport());
export { resources };
