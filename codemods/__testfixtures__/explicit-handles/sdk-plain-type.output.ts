// State whose values are a type of the SDK that is plain JSON (trial 76B B4: LoggingLevel, the
// SDK's string union): explicit-handles takes it as such and gives it a handle, where a type
// imported from a package it cannot read is left as unseen.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const alertThresholds = handleState<LoggingLevel>('alertThresholds');

export function register(server: McpServer) {
  server.registerTool('set_threshold', { description: 'Alert from this severity on. Returns threshold_id: pass it to should_alert.', inputSchema: { level: z.enum(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']) }, outputSchema: { threshold_id: z.string().describe('Pass it to should_alert') } }, mintingHandle(alertThresholds, { handle: 'threshold_id', initial: {} }, async ({ threshold_id, level }, _extra) => {
    alertThresholds.set(threshold_id, level);
    return { content: [{ type: 'text', text: `alerting from ${level}` }] };
  }));
  server.registerTool('should_alert', { description: 'Whether an event of this severity alerts', inputSchema: { threshold_id: z.string().describe('Handle from set_threshold'), level: z.enum(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']) } }, withHandle(alertThresholds, { handle: 'threshold_id', mintedBy: 'set_threshold' }, async ({ threshold_id, level }, _extra) => {
    const from = alertThresholds.get(threshold_id) ?? 'warning';
    return { content: [{ type: 'text', text: String(LEVELS.indexOf(level) >= LEVELS.indexOf(from)) }] };
  }));
}
