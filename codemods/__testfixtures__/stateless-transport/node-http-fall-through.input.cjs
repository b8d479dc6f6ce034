// node:http in the SDK's sessionful shape: the POST branch holds the dispatch and returns, and what
// follows it to the end of the handler serves the other methods (a session's GET stream and
// DELETE) from the map. With the dispatch per request that code only finds an empty map: it
// answers 405 (trial 43C: left, GET answered 400, and the map was taken for application state).
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
  if (req.url !== "/mcp") { res.writeHead(404).end(); return; }
  const sessionId = req.headers["mcp-session-id"];
  if (req.method === "POST") {
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
  // GET (SSE stream) and DELETE (end session)
  const transport = sessionId ? transports[sessionId] : undefined;
  if (!transport) { res.writeHead(400).end("Invalid or missing session ID"); return; }
  await transport.handleRequest(req, res);
}).listen(Number(process.env.PORT || 3000), "127.0.0.1");
