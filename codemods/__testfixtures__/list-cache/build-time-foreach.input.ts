// A named helper handed to a synchronous forEach while the server is built: its registrations run
// before the server serves (no run-time marker); the list it walks is the caller's, so no hint.
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

interface Endpoint {
  name: string;
  url: string;
}

export function registerEndpoints(server: McpServer, endpoints: Endpoint[]): void {
  const registerEndpoint = (endpoint: Endpoint): void => {
    server.registerTool(endpoint.name, { inputSchema: z.object({}) }, async () => ({ content: [{ type: 'text', text: endpoint.url }] }));
  };
  endpoints.forEach(registerEndpoint);
}

export function buildServer(endpoints: Endpoint[]): McpServer {
  const server = new McpServer({ name: 'endpoints', version: '1.0.0' });
  registerEndpoints(server, endpoints);
  return server;
}
