// One named handler serves POST, GET and DELETE on /mcp, in double quotes: GET and DELETE get a
// 405 arrow of their own, written in double quotes like the file.
import { Hono, type Context } from "hono";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";

function createMcpServer() {
  return new McpServer({ name: "hono-server", version: "1.0.0" });
}

async function handleMcp(c: Context) {
  const body = c.req.method === "POST" ? await c.req.json() : undefined;
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  await createMcpServer().connect(transport);
  return transport.handleRequest(c.req.raw, { parsedBody: body });
}

const app = new Hono();
app.post("/mcp", handleMcp);
app.get("/mcp", (c) => c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null }, 405, { Allow: "POST" }));
app.delete("/mcp", (c) => c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null }, 405, { Allow: "POST" }));

export default app;
