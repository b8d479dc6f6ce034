// One module-level server connected to stdio only (once per process), in a function that also
// serves HTTP with servers of its own per connection: it stays as it is.
import http from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new Server({ name: 'tides', version: '1.0.0' }, { capabilities: { tools: {} } });

export async function run() {
  if (process.env.MODE === 'stdio') {
    await server.connect(new StdioServerTransport());
    return;
  }
  http.createServer(async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await new Server({ name: 'tides', version: '1.0.0' }, { capabilities: { tools: {} } }).connect(transport);
    await transport.handleRequest(req, res);
  }).listen(3000);
}
