// A node:http server in CommonJS whose guard refuses what is not a POSTed initialize with 400
// "initialize first" (trial 39C): the initialize test goes, the method test stays, and its branch
// answers 405 with Allow: POST, as a sessionless endpoint answers GET and DELETE.
"use strict";
const http = require("node:http");
const { randomUUID } = require("node:crypto");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { isInitializeRequest } = require("@modelcontextprotocol/sdk/types.js");

const open = new Map();

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
  const sid = req.headers["mcp-session-id"];
  const payload = req.method === "POST" ? await bodyOf(req) : undefined;
  if (sid && open.has(sid)) {
    await open.get(sid).handleRequest(req, res, payload);
    return;
  }
  // Anything else must be the handshake.
  if (req.method !== "POST" || !isInitializeRequest(payload)) {
    res.statusCode = 400;
    res.setHeader("content-type", "text/plain");
    res.end("initialize first");
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => open.set(id, transport),
  });
  await notesServer().connect(transport);
  await transport.handleRequest(req, res, payload);
}).listen(8080);
