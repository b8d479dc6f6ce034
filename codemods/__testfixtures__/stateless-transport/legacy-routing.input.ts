// Legacy routing: 2026-07-28 requests go to the modern handler; the sessionful dispatch behind the
// test is kept for 2025 clients on purpose, so stateless-transport leaves it as it is.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { NodeStreamableHTTPServerTransport, toWebRequest } from '@modelcontextprotocol/node';
import { isInitializeRequest, isLegacyRequest, type Server } from '@modelcontextprotocol/server';

const sessions: Record<string, NodeStreamableHTTPServerTransport> = {};

type Modern = (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => Promise<void>;

export async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: unknown, modern: Modern, build: () => Promise<Server>) {
  if (!(await isLegacyRequest(await toWebRequest(req, body), body))) return modern(req, res, body);
  const sid = req.headers['mcp-session-id'] as string | undefined;
  let transport: NodeStreamableHTTPServerTransport;
  if (sid && sessions[sid]) {
    transport = sessions[sid];
  } else if (!sid && isInitializeRequest(body)) {
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions[id] = transport;
      },
    });
    await (await build()).connect(transport);
  } else {
    res.writeHead(400).end();
    return;
  }
  await transport.handleRequest(req, res, body);
}
