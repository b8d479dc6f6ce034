// Look-alikes of per-session paths on the local disk (trial 77A B1), moved under a handle as any
// plain state: the name of a data file the tools read from a fixed directory the server does not
// make per session, and a path under os.tmpdir() that is only shown, never made.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const DATA_DIR = path.resolve('data');

const chosenFiles = handleState<string>('chosenFiles');

export function register(server: McpServer) {
  server.tool('choose_file', 'Choose a data file. Returns file_id: pass it to read_chosen.', { name: z.enum(['cities.json', 'rivers.json']) }, mintingHandle(chosenFiles, { handle: 'file_id', initial: '' }, async ({ file_id, name }, _extra) => {
    chosenFiles.set(file_id, name);
    return { content: [{ type: 'text', text: `chosen; a copy would go to ${path.join(tmpdir(), name)}` }] };
  }));

  server.tool('read_chosen', 'Read the chosen data file', { file_id: z.string().describe('Handle from choose_file') }, withHandle(chosenFiles, { handle: 'file_id', mintedBy: 'choose_file' }, async ({ file_id }, _extra) => {
    const name = chosenFiles.get(file_id) ?? 'cities.json';
    return { content: [{ type: 'text', text: await readFile(path.join(DATA_DIR, name), 'utf8') }] };
  }));
}
