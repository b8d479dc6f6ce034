// A stdio↔HTTP proxy: the stdio transport is a pipe handed to a relay helper, no server is
// connected to it. It speaks what the remote server answers, so serveStdio has nothing to serve.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mcpProxy } from './relay.js';

const local = new StdioServerTransport();
const remote = new StreamableHTTPClientTransport(new URL(process.argv[2]));
mcpProxy({ transportToClient: local, transportToServer: remote });
await remote.start();
await local.start();
