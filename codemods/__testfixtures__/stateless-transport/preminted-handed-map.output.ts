// The map is declared once at module level and handed to the route function, which mints the id
// up front and files the transport under it (the shape of browserbase's src/transport.ts). Handing
// the map on is not a read of it: the route is rewritten as in method-guard, its parameter becomes
// _transports, and the map, still declared and handed on, is marked for removal.
import http from "node:http";
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
  _transports: Map<string, StreamableHTTPServerTransport>,
) {
  if (req.method === "POST") {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on("close", () => {
      void transport.close();
    });
    await weatherServer().connect(transport);
    return await transport.handleRequest(req, res);
  }

  res.statusCode = 400;
  res.end("Bad request");
}

// TODO(mcp-migrate): transports is still used elsewhere, but with per-request transports it stays
// empty: remove the remaining uses and this map
// (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
const transports = new Map<string, StreamableHTTPServerTransport>();
http.createServer((req, res) => void route(req, res, transports)).listen(4000);
