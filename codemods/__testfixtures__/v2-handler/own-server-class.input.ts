// A class of the application's own built on McpServer registers its tools with this.tool(): the
// official codemod leaves those calls, and the v2 McpServer has no tool(), so the file stays on v1.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export class Toolkit extends McpServer {
  constructor(names: string[]) {
    super({ name: 'toolkit', version: '1.0.0' });
    for (const name of names) {
      this.tool(name, { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
    }
  }
}
