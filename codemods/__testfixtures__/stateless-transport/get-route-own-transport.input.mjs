// A GET route that builds a Streamable HTTP transport of its own for the stream (a session's,
// its generator minting the id) and connects a server to it: serving the stream is all it does,
// so it answers 405, and what the rewrite would have done inside it goes with the body (trial
// 43B: it was marked as doing other work, its randomUUID(), while that very line was rewritten).
import express from "express";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

function buildServer() {
  return new McpServer({ name: "g", version: "1.0.0" });
}

const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.get("/mcp/sse", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res);
});
app.listen(3000);
