// A node:http server in CommonJS whose guard refuses what is not a POSTed initialize with 400
// "initialize first" (trial 39C): the initialize test goes, the method test stays, and its branch
// answers 405 with Allow: POST, as a sessionless endpoint answers GET and DELETE.
"use strict";
const http = require("node:http");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");

function notesServer() {
  const server = new McpServer({ name: "notes", version: "0.3.0" });
  return server;
}

async function bodyOf(req) {
  let raw = "";
  for await (const piece of req) raw += piece;
  return raw ? JSON.parse(raw) : undefined;
}

http.createServer(async (req, res) => {
  const payload = req.method === "POST" ? await bodyOf(req) : undefined;
  // Only POST carries MCP requests: GET and DELETE answer 405 (2026-07-28 has no stream to open or session to end).
  if (req.method !== "POST") {
    res.writeHead(405, { "Content-Type": "application/json", Allow: "POST" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null }));
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on("close", () => {
    void transport.close();
  });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res, payload);
}).listen(8080);
