import { SPEC, type ConfigRule } from '../types.js';
import { gatewayCommands } from './stdio-gateways.js';

/**
 * supergateway's `--outputTransport streamableHttp --stateful` (trial 72B B6): the gateway's
 * sessionful mode, the stateful-mode-option of a stdio server served over HTTP. Without
 * `--stateful` it serves each POST with a process of its own and no session: nothing reported.
 */
export const statefulGateway: ConfigRule = {
  target: 'config',
  kinds: ['dockerfile', 'yaml', 'shell'],
  id: 'stateful-gateway',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Gateway serves a stdio server over Streamable HTTP with sessions',
  why:
    "supergateway's `--stateful` gives each client a session: it wants initialize first, mints Mcp-Session-Id, keeps the session's " +
    'server process in this instance\'s memory and refuses a request that brings no session id, which every 2026-07-28 request is.',
  fix: {
    manual: 'Drop `--stateful`: supergateway then serves each POST with a process of its own and no session.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['--stateful'],
  check(file, report) {
    for (const gateway of gatewayCommands(file)) {
      if (!gateway.statefulAt) continue;
      const [start, end] = gateway.statefulAt;
      report({ start, end, message: `supergateway --stateful serves the stdio server \`${gateway.stdio}\` over Streamable HTTP with a session per client: it wants initialize first, keeps each session's process in this instance's memory and refuses a request without Mcp-Session-Id, which every 2026-07-28 request is; drop --stateful` });
    }
  },
};
