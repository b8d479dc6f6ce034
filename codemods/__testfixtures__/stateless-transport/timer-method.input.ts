// The same record stamped by a method typed to return a number that also starts a timer (review of
// trial 41B's mend): its type says nothing of what it opens, so the dispatch is left, marked.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";

function buildServer() {
  const s = new McpServer({ name: "b", version: "1" });
  s.registerTool("hello", { description: "hi" }, async () => ({ content: [{ type: "text", text: "hi" }] }));
  return s;
}

interface Session { transport: StreamableHTTPServerTransport; server: McpServer; lastActive: number }

export class Host {
  private readonly sessions = new Map<string, Session>();
  private readonly clock: () => number;
  constructor(clock: () => number = Date.now) {
    this.clock = clock;
    createServer((req, res) => void this.handle(req, res)).listen(47002);
  }
  private now(): number { return this.clock(); }
  private readonly timers: NodeJS.Timeout[] = [];
  private sweep(): void {}
  private watch(): number { this.timers.push(setInterval(() => this.sweep(), 1000)); return this.clock(); }

  private async handle(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void> {
    const sessionId = typeof req.headers["mcp-session-id"] === "string" ? req.headers["mcp-session-id"] : undefined;
    let session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) {
      if (sessionId || !isInitializeRequest(body)) { res.writeHead(400).end(); return; }
      let created!: Session;
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (id) => { this.sessions.set(id, created); },
      });
      const server = buildServer();
      created = { transport, server, lastActive: this.watch() };
      await server.connect(transport);
      session = created;
    }
    session.lastActive = this.now();
    await session.transport.handleRequest(req, res, body);
  }
}
