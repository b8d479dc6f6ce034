// Per-session state whose values are paths of directories the server makes on its own disk
// (trial 77A B1): each session's scratch directory, made by mkdtemp under os.tmpdir(). Moved
// under a handle, the path would be shared and the directory would not: another instance finds no
// such directory. explicit-handles leaves it and says where to keep the files instead.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// TODO(mcp-migrate): scratch is keyed by the MCP session id and holds paths of files this server
// makes on its local disk (mkdtemp(path.join(tmpdir(), 'scratch-'))), which live on that one
// instance's disk: a shared store of their paths does not share the files, so explicit-handles does
// not move it under a handle; keep the files in shared storage (object storage such as S3, a shared
// volume every instance mounts, or the store itself for small contents) under an explicit handle
// the tools take, and give those tools that handle argument by hand (a call that reaches another
// instance finds no such file, and an instance that stops takes its files with it). Until then,
// every request without a session id (each 2026-07-28 request, and each request once the transport
// is stateless) reads and writes the same entry, so callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
