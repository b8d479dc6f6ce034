// Two states of FastMCP addTool() tools, the second also left for values that are not plain JSON
// (a Date): each tool gets one marker asking for a handle, the first state's, not a second one
// under another name; the second state's own marker says what it needs.
import { FastMCP } from 'fastmcp';
import { z } from 'zod';

const counters = new Map<string, number>();
const seen = new Map<string, { at: Date }>();
const server = new FastMCP({ name: 'counter', version: '1.0.0' });

server.addTool({
  name: 'increment',
  parameters: z.object({}),
  execute: async (_args, { sessionId }) => {
    const n = (counters.get(sessionId ?? '') ?? 0) + 1;
    counters.set(sessionId ?? '', n);
    seen.set(sessionId ?? '', { at: new Date() });
    return String(n);
  },
});

server.addTool({
  name: 'show',
  parameters: z.object({}),
  execute: async (_args, { sessionId }) => `${counters.get(sessionId ?? '') ?? 0} since ${seen.get(sessionId ?? '')?.at.toISOString() ?? 'never'}`,
});

server.start({ transportType: 'httpStream', httpStream: { port: 8080, stateless: true } });
