// The early-return dispatch through a variable (the session's transport looked up first, then
// tested), a gate that also refuses an unknown session id, and the map kept up to date when the
// transport closes: all of it goes, the transport is built per request and closed with it.
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildLibraryServer } from './library.js';

export const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    void transport.close();
  });
  await buildLibraryServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
