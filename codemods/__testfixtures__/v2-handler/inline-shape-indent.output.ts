// A raw shape written inline in a registerTool config, several levels deep and with a comment:
// the official codemod wraps it in z.object(...); its lines keep their indentation (no formatter
// runs here), so the diff is the wrap alone.
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

export function registerSiteTools(server: McpServer) {
  server.registerTool(
    "sites",
    {
      description: "Sites",
      inputSchema: z.object({
        actions: z.array(
          z.object({
            // GET /sites
            list_sites: z.object({}).optional(),
          }),
        ),
      }),
    },
    async ({ actions }) => ({ content: [{ type: "text", text: String(actions.length) }] }),
  );
}
