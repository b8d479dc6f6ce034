// A stdio server over streams of its own (a socket a supervisor hands it): serveStdio takes that
// transport as its `transport` option, or it would read the process's own stdio instead.
import net from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

function buildServer() {
  return new McpServer({ name: 'socket-notes', version: '1.0.0' });
}

const socket = net.connect(Number(process.env.SUPERVISOR_PORT));
// The supervisor speaks MCP over this socket.
const transport = new StdioServerTransport(socket, socket);
await buildServer().connect(transport);
