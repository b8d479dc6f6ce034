// A low-level server in a double-quoted file: the official codemod turns request schemas into
// method strings, which it writes in single quotes; they take the file's double quotes.
import { Server } from "@modelcontextprotocol/server";

export function buildServer(): Server {
  const server = new Server({ name: "calc", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler("tools/list", async () => ({ tools: [{ name: "add", inputSchema: { type: "object" } }] }));
  server.setRequestHandler("tools/call", async (request) => ({ content: [{ type: "text", text: request.params.name }] }));
  return server;
}
