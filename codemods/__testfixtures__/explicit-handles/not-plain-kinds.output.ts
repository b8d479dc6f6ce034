// State keyed by session that explicit-handles leaves, each marker saying what makes it so: the
// client's roots (deprecated), timers, a type declared in another module, and sets of session ids
// kept per URI.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Root } from '@modelcontextprotocol/sdk/types.js';
import type { Preferences } from './preferences.js';
import { z } from 'zod';

// TODO(mcp-migrate): rootsBySession keeps the client's roots per MCP session (Root[]): 2026-07-28
// has no session to keep them under, and Roots is deprecated (SEP-2577). Take the directories or
// files a tool needs as its arguments (or from the server's config) and drop this map
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const rootsBySession = new Map<string, Root[]>();
// TODO(mcp-migrate): pollers holds timers (NodeJS.Timeout) per MCP session: a timer lives in one
// process and cannot be stored, and 2026-07-28 has no session for what it does later to reach. Make
// that work something the client asks for (a tool call taking a handle the starting tool returned),
// or run it in a scheduler every instance shares
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
const pollers = new Map<string, NodeJS.Timeout>();
// TODO(mcp-migrate): preferences holds values of type Preferences, declared outside this file:
// explicit-handles cannot see whether that is plain JSON, so it leaves it. If it is data, key it by
// an explicit handle in a shared store by hand; if it holds live objects, keep the live object on
// one instance and route each call by its handle, not by session (x-mcp-header on the handle
// argument lets a gateway do that). Until then, every request without a session id (each 2026-07-28
// request, and each request once the transport is stateless) reads and writes the same entry, so
// callers see each other's state
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
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
    // TODO(mcp-migrate): the sets watchersByUri keeps under its own keys hold MCP session ids
    // (taken out here as set): 2026-07-28 requests carry no session id to record, and
    // explicit-handles cannot move membership into a shared store. Record what each entry needs by
    // a handle the client passes (one the tool that adds it returns), in a store every instance
    // reaches (a Redis set, say)
    // (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
    const set = watchersByUri.get(uri) ?? new Set<string>();
    set.add(extra.sessionId!);
    watchersByUri.set(uri, set);
    return { content: [{ type: 'text', text: 'watching' }] };
  });
}
