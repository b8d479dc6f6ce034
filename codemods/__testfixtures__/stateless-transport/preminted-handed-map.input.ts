// The map is declared once at module level and handed to the route function, which mints the id
// up front and files the transport under it (the shape of browserbase's src/transport.ts). Handing
// the map on is not a read of it: the route is rewritten as in method-guard, its parameter becomes
// _transports, and the map, still declared and handed on, is marked for removal.
import http from "node:http";
import crypto from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

function weatherServer() {
  const server = new McpServer({ name: "weather", version: "1.2.0" });
  server.registerTool("forecast", { description: "Tomorrow's weather" }, async () => ({ content: [{ type: "text", text: "sunny" }] }));
  return server;
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  transports: Map<string, StreamableHTTPServerTransport>,
) {
  const sessionId = req.headers["mcp-session-id"] as string | undefined;
  if (sessionId) {
    const existing = transports.get(sessionId);
    if (!existing) {
      res.statusCode = 404;
      res.end("No such session");
      return;
    }
    return await existing.handleRequest(req, res);
  }

  if (req.method === "POST") {
    const sessionId = crypto.randomUUID();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
    });
    transports.set(sessionId, transport);
    transport.onclose = () => {
      if (transport.sessionId) transports.delete(transport.sessionId);
    };
    await weatherServer().connect(transport);
    return await transport.handleRequest(req, res);
  }

  res.statusCode = 400;
  res.end("Bad request");
}

const transports = new Map<string, StreamableHTTPServerTransport>();
http.createServer((req, res) => void route(req, res, transports)).listen(4000);
