// Look-alikes of per-session paths on the local disk (trial 77A B1), moved under a handle as any
// plain state: the name of a data file the tools read from a fixed directory the server does not
// make per session, and a path under os.tmpdir() that is only shown, never made.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const DATA_DIR = path.resolve('data');

const chosenFiles = new Map<string, string>();

export function register(server: McpServer) {
  server.tool('choose_file', 'Choose a data file', { name: z.enum(['cities.json', 'rivers.json']) }, async ({ name }, extra) => {
    chosenFiles.set(extra.sessionId!, name);
    return { content: [{ type: 'text', text: `chosen; a copy would go to ${path.join(tmpdir(), name)}` }] };
  });

  server.tool('read_chosen', 'Read the chosen data file', {}, async (_args, extra) => {
    const name = chosenFiles.get(extra.sessionId!) ?? 'cities.json';
    return { content: [{ type: 'text', text: await readFile(path.join(DATA_DIR, name), 'utf8') }] };
  });
}
