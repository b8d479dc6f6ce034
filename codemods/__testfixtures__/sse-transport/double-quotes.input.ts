// Double quotes throughout: the new route, its close hook, the 500 and 410 answers come out in double quotes too.
import express, { type Request, type Response } from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";

const buildServer = (tenant: string) => new McpServer({ name: `files-${tenant}`, version: "0.3.0" });

const live = new Map<string, SSEServerTransport>();

const app = express();
app.use(express.json());

app.get("/events", async (req: Request, res: Response) => {
  console.log("SSE stream requested");
  try {
    const transport = new SSEServerTransport("/rpc", res);
    live.set(transport.sessionId, transport);
    transport.onclose = () => {
      live.delete(transport.sessionId);
    };
    const tenant = String(res.locals.tenant ?? req.headers["x-tenant"] ?? "default");
    const server = buildServer(tenant);
    await server.connect(transport);
    console.log(`stream ${transport.sessionId} open`);
  } catch (error) {
    console.error("Error establishing SSE stream:", error);
    if (!res.headersSent) res.status(500).send("Error establishing SSE stream");
  }
});

app.post("/rpc", async (req: Request, res: Response) => {
  const id = String(req.query.sessionId);
  const transport = live.get(id);
  if (!transport) {
    res.status(404).send("No stream for this session");
    return;
  }
  await transport.handlePostMessage(req, res, req.body);
});

process.on("SIGINT", async () => {
  for (const transport of live.values()) await transport.close();
  process.exit(0);
});

app.listen(8080);
