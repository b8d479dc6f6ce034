// One named handler serves POST, GET and DELETE on /mcp, in double quotes: GET and DELETE get a
// 405 arrow of their own, written in double quotes like the file.
import { Hono, type Context } from "hono";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";

const transports = new Map<string, WebStandardStreamableHTTPServerTransport>();

function createMcpServer() {
  return new McpServer({ name: "hono-server", version: "1.0.0" });
}

async function handleMcp(c: Context) {
  const sessionId = c.req.header("mcp-session-id");
  const body = c.req.method === "POST" ? await c.req.json() : undefined;
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (!transport) {
    if (!isInitializeRequest(body)) {
      return c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Bad Request: No valid session ID provided" }, id: null }, 400);
    }
    transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) => {
        transports.set(id, transport!);
      },
    });
    await createMcpServer().connect(transport);
  }
  return transport.handleRequest(c.req.raw, { parsedBody: body });
}

const app = new Hono();
app.post("/mcp", handleMcp);
app.get("/mcp", handleMcp);
app.delete("/mcp", handleMcp);

export default app;
