// State whose values are a type of the SDK that is plain JSON (trial 76B B4: LoggingLevel, the
// SDK's string union): explicit-handles takes it as such and gives it a handle, where a type
// imported from a package it cannot read is left as unseen.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const alertThresholds = new Map<string, LoggingLevel>();

export function register(server: McpServer) {
  server.registerTool('set_threshold', { description: 'Alert from this severity on', inputSchema: { level: z.enum(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']) } }, async ({ level }, extra) => {
    alertThresholds.set(extra.sessionId!, level);
    return { content: [{ type: 'text', text: `alerting from ${level}` }] };
  });
  server.registerTool('should_alert', { description: 'Whether an event of this severity alerts', inputSchema: { level: z.enum(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']) } }, async ({ level }, extra) => {
    const from = alertThresholds.get(extra.sessionId!) ?? 'warning';
    return { content: [{ type: 'text', text: String(LEVELS.indexOf(level) >= LEVELS.indexOf(from)) }] };
  });
}
