// A server built from what each request brings (`buildServer(tenant)`) whose tool definitions name
// it: the list differs from caller to caller, so no shared hint (trial 20B). A constant built in
// the builder (`searchSchema`) and a handler reading the parameter do not make the list vary.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

export function buildServer(tenant: string) {
  const server = new McpServer({ name: 'tenant-docs', version: '1.0.0' });
  const label = `the knowledge base of ${tenant}`;
  server.registerTool('search_docs', { description: `Search ${label}`, inputSchema: z.object({ q: z.string() }) }, async ({ q }) => ({
    content: [{ type: 'text', text: `${tenant}: ${q}` }],
  }));
  return server;
}

export function buildPublicServer(tenant: string) {
  const server = new McpServer({ name: 'public-docs', version: '1.0.0' });
  const searchSchema = z.object({ q: z.string().refine((q) => q.length > 0) });
  server.registerTool('search_public', { description: 'Search the public docs', inputSchema: searchSchema }, async ({ q }) => ({
    content: [{ type: 'text', text: `${tenant}: ${q}` }],
  }));
  return server;
}
