// The server is built inside the creating branch, and a tool of it returns a template literal whose
// lines are data (a shell script the client runs). The branch moves out one level; the literal's
// lines stay byte for byte: only code is re-indented.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  const server = new McpServer({ name: 'installer', version: '0.3.0' });
  const script = `#!/bin/sh
set -e
    if [ -d "$HOME/.tool" ]; then
        echo "already installed"
    fi
`;
  server.registerTool('install_script', { description: 'The install script' }, async () => ({ content: [{ type: 'text', text: script }] }));
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000);
