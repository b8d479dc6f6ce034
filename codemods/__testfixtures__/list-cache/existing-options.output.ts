// Options already set (with a prompts/list hint), tools registered through a helper and a fixed list.
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";

const GREETINGS = [
  { name: "hello", text: "Hello!" },
  { name: "goodbye", text: "Goodbye!" },
] as const;

function registerGreetings(server: McpServer) {
  for (const greeting of GREETINGS) {
    server.registerTool(greeting.name, { description: `Says ${greeting.text}` }, async () => ({ content: [{ type: "text", text: greeting.text }] }));
  }
}

const build = () => {
  const server = new McpServer(
    { name: "greeter", version: "1.0.0" },
    {
      instructions: "Greets people.",
      cacheHints: {
        "prompts/list": { ttlMs: 60_000, cacheScope: "public" },
        "tools/list": { ttlMs: 300_000, cacheScope: "public" },
      },
    },
  );
  registerGreetings(server);
  server.registerTool("shout", { description: "Greets loudly" }, async () => ({ content: [{ type: "text", text: "HELLO!" }] }));
  return server;
};

const handle = serveStdio(build);
process.on("SIGINT", () => void handle.close());
