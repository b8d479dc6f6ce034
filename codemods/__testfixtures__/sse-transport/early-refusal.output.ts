// A check of the request that answers before any stream is opened (a missing Authorization header)
// comes along to the POST handler that replaces the SSE endpoints, as it was.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";

const app = express();

// Streamable HTTP: a new transport and server for every request (replaces the HTTP+SSE endpoints).
app.post("/mcp", async (req, res) => {
  const token = req.header("Authorization");
  if (!token) {
    res.status(400).send("Bearer auth not provided");
    return;
  }
  const server = new McpServer({ name: "guarded", version: "1.0.0" });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  server.connect(transport);
  await transport.handleRequest(req, res);
});
// No sessions: no GET stream to open, no session to DELETE.
app.get("/mcp", (_req, res) => {
  res.status(405).set("Allow", "POST").json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
});
app.delete("/mcp", (_req, res) => {
  res.status(405).set("Allow", "POST").json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
});

app.get("/sse", (_req, res) => {
  res.status(410).json({ jsonrpc: "2.0", error: { code: -32000, message: "This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp" }, id: null });
});

app.post("/messages", (_req, res) => {
  res.status(410).json({ jsonrpc: "2.0", error: { code: -32000, message: "This server no longer serves the deprecated HTTP+SSE transport: use Streamable HTTP at POST /mcp" }, id: null });
});

app.listen(3000);
