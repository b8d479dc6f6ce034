// A check of the request that answers before any stream is opened (a missing Authorization header)
// comes along to the POST handler that replaces the SSE endpoints, as it was.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import express from "express";

const app = express();
const sessions: Record<string, SSEServerTransport> = {};

app.get("/sse", (req, res) => {
  const token = req.header("Authorization");
  if (!token) {
    res.status(400).send("Bearer auth not provided");
    return;
  }
  const transport = new SSEServerTransport("/messages", res);
  const server = new McpServer({ name: "guarded", version: "1.0.0" });
  sessions[transport.sessionId] = transport;
  server.connect(transport);
});

app.post("/messages", (req, res) => {
  const t = sessions[req.query.sessionId as string];
  if (t) t.handlePostMessage(req, res);
  else res.status(400).send("No transport found for sessionId");
});

app.listen(3000);
