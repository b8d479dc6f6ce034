// State keyed by session that explicit-handles leaves, each marker saying what makes it so: the
// client's roots (deprecated), timers, a type declared in another module, and sets of session ids
// kept per URI.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Root } from '@modelcontextprotocol/sdk/types.js';
import type { Preferences } from './preferences.js';
import { z } from 'zod';

const rootsBySession = new Map<string, Root[]>();
const pollers = new Map<string, NodeJS.Timeout>();
const preferences = new Map<string, Preferences>();
const watchersByUri = new Map<string, Set<string>>();

export function register(server: McpServer) {
  server.tool('list_roots', 'Known roots', async (extra) => {
    const roots = rootsBySession.get(extra.sessionId!) ?? [];
    return { content: [{ type: 'text', text: roots.map((r) => r.uri).join('\n') }] };
  });
  server.tool('poll', 'Poll for changes', { every: z.number() }, async ({ every }, extra) => {
    pollers.set(extra.sessionId!, setInterval(() => void server.sendResourceListChanged(), every));
    return { content: [{ type: 'text', text: 'polling' }] };
  });
  server.tool('theme', 'Theme', async (extra) => {
    return { content: [{ type: 'text', text: preferences.get(extra.sessionId!)?.theme ?? 'light' }] };
  });
  server.tool('watch', 'Watch a resource', { uri: z.string() }, async ({ uri }, extra) => {
    const set = watchersByUri.get(uri) ?? new Set<string>();
    set.add(extra.sessionId!);
    watchersByUri.set(uri, set);
    return { content: [{ type: 'text', text: 'watching' }] };
  });
}
