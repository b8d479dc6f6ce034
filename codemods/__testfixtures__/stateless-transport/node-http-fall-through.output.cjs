// node:http in the SDK's sessionful shape: the POST branch holds the dispatch and returns, and what
// follows it to the end of the handler serves the other methods (a session's GET stream and
// DELETE) from the map. With the dispatch per request that code only finds an empty map: it
// answers 405 (trial 43C: left, GET answered 400, and the map was taken for application state).
const http = require("node:http");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { z } = require("zod");

function buildServer() {
  const server = new McpServer({ name: "cjs-http", version: "1.0.0" });
  server.registerTool("echo", { description: "Echo text", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text: `echo:${text}` }] }));
  return server;
}

function readBody(req) {
  return new Promise((resolve) => {
    let d = "";
    req.on("data", (c) => (d += c));
    req.on("end", () => resolve(d ? JSON.parse(d) : undefined));
  });
}

http.createServer(async (req, res) => {
  if (req.url !== "/mcp") { res.writeHead(404).end(); return; }
  if (req.method === "POST") {
    const body = await readBody(req);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
    });
    res.on("close", () => {
      void transport.close();
    });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, body);
    return;
  }
  // GET (SSE stream) and DELETE (end session)
  res.writeHead(405, { "Content-Type": "application/json", Allow: "POST" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null }));
}).listen(Number(process.env.PORT || 3000), "127.0.0.1");
