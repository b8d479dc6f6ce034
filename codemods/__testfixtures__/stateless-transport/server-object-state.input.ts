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

const transports: Record<string, StreamableHTTPServerTransport> = {};

http
  .createServer(async (req, res) => {
    const sid = req.headers['mcp-session-id'] as string | undefined;
    let transport = sid ? transports[sid] : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport!;
        },
      });
      await new TaskServer().server.connect(transport);
    }
    await transport.handleRequest(req, res);
  })
  .listen(3000);
