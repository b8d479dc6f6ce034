// A stdio server whose file ends with the connect's promise handed to a .catch (trial 66C): served
// with serveStdio from a factory, the .catch going with the connect (serveStdio returns a handle).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

function buildServer(): McpServer {
  return new McpServer({ name: 'caught', version: '1.0.0' });
}

buildServer().connect(new StdioServerTransport()).catch((error) => {
  console.error(error);
  process.exit(1);
});
