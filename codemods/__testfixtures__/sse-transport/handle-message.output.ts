// The POST half by the SSE transport's handleMessage, the stream opened in another module: marked.
import Fastify from 'fastify';
import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { findStream } from './streams';

const app = Fastify();

app.post('/messages', async (req, reply) => {
  const { sessionId } = req.query as { sessionId?: string };
  const stream: SSEServerTransport | undefined = sessionId ? findStream(sessionId) : undefined;
  if (!stream) return reply.code(404).send();
  // TODO(mcp-migrate): handleMessage hands a POST to the legacy HTTP+SSE transport: remove it
  // together with the SSE stream endpoint, and serve Streamable HTTP on one POST endpoint instead
  // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
  await stream.handleMessage(req.body);
  return reply.code(202).send();
});
