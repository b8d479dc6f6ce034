// A class of the application's own built on McpServer registers its tools with this.tool(): the
// official codemod leaves those calls, and the v2 McpServer has no tool(), so the file stays on v1.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export class Toolkit extends McpServer {
  constructor(names: string[]) {
    super({ name: 'toolkit', version: '1.0.0' });
    for (const name of names) {
      // TODO(mcp-migrate): the official v1→v2 codemod could not convert this tool() call, and the
      // v2 McpServer has no tool(): rewrite it as registerTool(name, { description, inputSchema },
      // handler), then move this file to the v2 packages
      // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
      this.tool(name, { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
    }
  }
}
