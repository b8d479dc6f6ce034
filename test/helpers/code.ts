/**
 * Lines of server code the tests build inline, written once: an Express `POST /mcp` route that
 * serves each request on the server `server` builds and a new stateless transport (what a
 * migrated route looks like, and what many tests put beside the shape they judge).
 */
export function statelessExpressRoute(server: string, indent = ''): string[] {
  return [
    "app.post('/mcp', async (req, res) => {",
    `  const server = ${server};`,
    '  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });',
    '  await server.connect(transport);',
    '  await transport.handleRequest(req, res, req.body);',
    '});',
  ].map((line) => `${indent}${line}`);
}
