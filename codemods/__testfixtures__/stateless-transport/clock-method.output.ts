// A session record stamped by the class's own clock (`this.now()`, trial 41B): a plain value, which
// opens nothing a per-request transport would leave open, so the dispatch is rewritten as with Date.now().
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

function buildServer() {
  const s = new McpServer({ name: "b", version: "1" });
  s.registerTool("hello", { description: "hi" }, async () => ({ content: [{ type: "text", text: "hi" }] }));
  return s;
}

interface Session { transport: StreamableHTTPServerTransport; server: McpServer; lastActive: number }

export class Host {
  private readonly clock: () => number;
  constructor(clock: () => number = Date.now) {
    this.clock = clock;
    createServer((req, res) => void this.handle(req, res)).listen(47002);
  }
  private now(): number { return this.clock(); }

  private async handle(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void> {
    const sessionId = typeof req.headers["mcp-session-id"] === "string" ? req.headers["mcp-session-id"] : undefined;
    let created!: Session;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on("close", () => {
      void transport.close();
    });
    const server = buildServer();
    created = { transport, server, lastActive: this.now() };
    await server.connect(transport);
    const session = created;
    session.lastActive = this.now();
    await session.transport.handleRequest(req, res, body);
  }
}
