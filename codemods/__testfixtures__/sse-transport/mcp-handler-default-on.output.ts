// mcp-handler serves its legacy HTTP+SSE endpoints unless told disableSse: true (trial 28B: a
// Next.js route with no config at all). The option is added where the config is written out or
// missing (after a spread of shared options, so that theirs cannot undo it); mcp-handler 2.x's
// two-argument call has no SSE and stays as it is.
import { createMcpHandler } from 'mcp-handler';
import { z } from 'zod';

export const notes = createMcpHandler(
  (server) => {
    server.tool('add_note', 'Adds a note', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  },
  { capabilities: { tools: {} } },
  {
    disableSse: true,
    basePath: '/api/notes',
    maxDuration: 60,
  },
);

export const ping = createMcpHandler((server) => {
  server.tool('ping', 'Answers pong', {}, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
}, {}, { disableSse: true });

export const modern = createMcpHandler((server) => {
  server.tool('echo', 'Echoes', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
}, { basePath: '/api' });

const shared = { basePath: '/api', verboseLogs: true };
export const reports = createMcpHandler((server) => {
  server.tool('report', 'Reports', {}, async () => ({ content: [] }));
}, {}, { ...shared, maxDuration: 30, disableSse: true });
