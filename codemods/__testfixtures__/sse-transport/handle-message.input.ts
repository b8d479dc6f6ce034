// The POST half by the SSE transport's handleMessage, the stream opened in another module: marked.
import Fastify from 'fastify';
import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { findStream } from './streams';

const app = Fastify();

app.post('/messages', async (req, reply) => {
  const { sessionId } = req.query as { sessionId?: string };
  const stream: SSEServerTransport | undefined = sessionId ? findStream(sessionId) : undefined;
  if (!stream) return reply.code(404).send();
  await stream.handleMessage(req.body);
  return reply.code(202).send();
});
