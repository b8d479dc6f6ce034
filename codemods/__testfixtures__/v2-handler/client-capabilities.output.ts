// A client's capabilities declared on servers (trial 34B): they meant nothing there, and the v2
// ServerCapabilities type has no sampling, roots or elicitation, so the options stop compiling.
// Removed where the key shares its line with another member; on a line of its own, marked.
import { McpServer, Server } from '@modelcontextprotocol/server';

export const inline = new McpServer({ name: 'inline', version: '1.0.0' }, { capabilities: { tools: {} } });

export const first = new Server({ name: 'first', version: '1.0.0' }, { capabilities: { tools: {} } });

export const multiLine = new McpServer(
  { name: 'multi', version: '1.0.0' },
  {
    capabilities: {
      tools: {},
      // TODO(mcp-migrate): "elicitation" is a client's capability, which means nothing on a server,
      // and the v2 ServerCapabilities type does not have it (the server's options stop compiling):
      // remove it
      // (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
      // The client may ask for input mid-call.
      elicitation: {},
    },
  },
);

// Held by a variable (another server, or a proxy's upstream client, may use it too): left as it is.
const shared = { tools: {}, sampling: {} };
export const held = new McpServer({ name: 'held', version: '1.0.0' }, { capabilities: shared });

// A server's own capabilities only: nothing to drop.
export const plain = new McpServer({ name: 'plain', version: '1.0.0' }, { capabilities: { tools: {}, logging: {} } });
