// Per-session state whose values are paths of directories the server makes on its own disk
// (trial 77A B1): each session's scratch directory, made by mkdtemp under os.tmpdir(). Moved
// under a handle, the path would be shared and the directory would not: another instance finds no
// such directory. explicit-handles leaves it and says where to keep the files instead.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const scratch = new Map<string, string>();

async function scratchFor(sessionId: string): Promise<string> {
  let dir = scratch.get(sessionId);
  if (!dir) {
    dir = await mkdtemp(path.join(tmpdir(), 'scratch-'));
    scratch.set(sessionId, dir);
  }
  return dir;
}

export function register(server: McpServer) {
  server.tool('put_text', 'Write a text file', { name: z.string(), text: z.string() }, async ({ name, text }, extra) => {
    const dir = await scratchFor(extra.sessionId!);
    await writeFile(path.join(dir, path.basename(name)), text, 'utf8');
    return { content: [{ type: 'text', text: 'written' }] };
  });

  server.tool('get_text', 'Read a text file', { name: z.string() }, async ({ name }, extra) => {
    const dir = await scratchFor(extra.sessionId!);
    return { content: [{ type: 'text', text: await readFile(path.join(dir, path.basename(name)), 'utf8') }] };
  });

  server.tool('list_texts', 'List the text files', {}, async (_args, extra) => {
    const dir = await scratchFor(extra.sessionId!);
    return { content: [{ type: 'text', text: (await readdir(dir)).join('\n') }] };
  });
}
