// An application's own dispatcher, named after the SDK method, in a Streamable HTTP server with no
// SSE transport: its handlePostMessage is not the POST half of HTTP+SSE, so nothing is marked.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

class Dispatcher {
  async handlePostMessage(req: express.Request, res: express.Response): Promise<void> {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await new McpServer({ name: 'flows', version: '1.0.0' }).connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}

const dispatcher = new Dispatcher();
const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => dispatcher.handlePostMessage(req, res));
app.listen(3000);
