// The server is a field of an object of the file's own class, made with each session's transport,
// and its handlers keep a task map in another field (trial 29C): built per request after the
// rewrite, that map lasts one request, and the constructor's sweep timer starts on every request.
// The rewrite is to review, and a marker at the object says so.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

class TaskServer {
  server = new Server({ name: 'tasks', version: '1.0.0' }, { capabilities: { tools: {} } });
  private tasks = new Map<string, string>();

  constructor() {
    setInterval(() => this.tasks.clear(), 3_600_000);
    this.server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const args = request.params.arguments as { text?: string; task_id?: string };
      if (request.params.name === 'start_task') {
        const id = randomUUID();
        this.tasks.set(id, String(args.text));
        return { content: [{ type: 'text', text: id }] };
      }
      return { content: [{ type: 'text', text: this.tasks.get(String(args.task_id)) ?? 'no such task' }] };
    });
  }
}

http
  .createServer(async (req, res) => {
    if (req.method !== 'POST') { res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })); return; }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on('close', () => {
      void transport.close();
    });
    // TODO(mcp-migrate): new TaskServer() now runs for every request (it ran once per session), so
    // this.tasks, which its handlers change, now lasts one request: a later call finds it empty.
    // Keep that state in a shared store under a handle the tools take (or build this object once
    // and hand each request's server what it needs); its constructor's setInterval(…) now also
    // starts on every request and is never stopped
    // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
    await new TaskServer().server.connect(transport);
    await transport.handleRequest(req, res);
  })
  .listen(3000);
