// A class of the application's own built on McpServer registers its tools with this.tool() under
// names it is handed: the official codemod leaves a call whose name is no literal, and the v2
// McpServer has no tool(); the name handed to it as a literal and put back, the call moves to
// this.registerTool() like any other.
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
