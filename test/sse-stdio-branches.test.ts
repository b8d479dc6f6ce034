/**
 * Trial 63C B1: a file that serves legacy HTTP+SSE in one branch and stdio in the other, through
 * every codemod of the 2026-07-28 target as `fix` runs them. sse-transport leaves the SSE routes
 * (a transport slot the routes share) with a marker whose advice names createMcpHandler(...), and
 * v2-handler rewrites only the stdio branch: the file makes no handler, so it must import no
 * createMcpHandler (TS6133 under noUnusedLocals) and carry no Host/Origin marker for one.
 */
import { describe, expect, it } from 'vitest';
import { fixText, selectCodemods } from '../src/fix/runner.js';
import { classifyFile } from '../src/scan/files.js';

const MIXED = `import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const notes = new McpServer({ name: 'notes', version: '2.0.1' });

if (process.env.NOTES_HTTP) {
  const web = express();
  let channel: SSEServerTransport | undefined;
  web.get('/stream', async (_req, res) => {
    channel = new SSEServerTransport('/post', res);
    await notes.connect(channel);
  });
  web.post('/post', async (req, res) => {
    if (!channel) {
      res.sendStatus(404);
      return;
    }
    await channel.handlePostMessage(req, res);
  });
  web.listen(7001);
} else {
  await notes.connect(new StdioServerTransport());
}
`;

function fix(text: string) {
  return fixText('server.ts', text, classifyFile('server.ts')!, selectCodemods('2026-07-28'), { target: '2026-07-28', allows: () => true, handleNames: {} });
}

describe('fix --target 2026-07-28 on SSE in one branch, stdio in the other (trial 63C B1)', () => {
  it('serves stdio with serveStdio, leaves the SSE routes marked, and adds no createMcpHandler nor its Host/Origin marker', () => {
    const { after } = fix(MIXED);
    expect(after).toContain('serveStdio(() => ');
    expect(after).toMatch(/TODO\(mcp-migrate\): legacy HTTP\+SSE endpoint/);
    expect(after).not.toMatch(/import \{[^}]*\bcreateMcpHandler\b[^}]*\} from '@modelcontextprotocol\/server'/);
    expect(after).not.toContain('validates neither Host nor Origin');
    // A second run changes nothing.
    expect(fix(after).after).toBe(after);
  });
});
