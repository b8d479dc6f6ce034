// The same node:http server, its POST test also naming the path and other routes after it (a
// health check, a 404): what follows the POST branch is not only the session's, so it stays as
// it was (review 45: all of it had become one 405).
const http = require("node:http");
const { randomUUID } = require("node:crypto");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { isInitializeRequest } = require("@modelcontextprotocol/sdk/types.js");
const { z } = require("zod");

function buildServer() {
  const server = new McpServer({ name: "cjs-http", version: "1.0.0" });
  server.registerTool("echo", { description: "Echo text", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text: `echo:${text}` }] }));
  return server;
}

const transports = {}; // session id -> transport

function readBody(req) {
  return new Promise((resolve) => {
    let d = "";
    req.on("data", (c) => (d += c));
    req.on("end", () => resolve(d ? JSON.parse(d) : undefined));
  });
}

http.createServer(async (req, res) => {
  const sessionId = req.headers["mcp-session-id"];
  if (req.method === "POST" && req.url === "/mcp") {
    const body = await readBody(req);
    let transport = sessionId ? transports[sessionId] : undefined;
    if (!transport && isInitializeRequest(body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => { transports[id] = transport; },
      });
      transport.onclose = () => { if (transport.sessionId) delete transports[transport.sessionId]; };
      await buildServer().connect(transport);
    }
    if (!transport) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "No valid session" }, id: null }));
      return;
    }
    await transport.handleRequest(req, res, body);
    return;
  }
  if (req.url === "/healthz") { res.writeHead(200).end("ok"); return; }
  if (req.url === "/mcp") {
    const transport = sessionId ? transports[sessionId] : undefined;
    if (!transport) { res.writeHead(400).end("Invalid or missing session ID"); return; }
    await transport.handleRequest(req, res);
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.env.PORT || 3000), "127.0.0.1");
