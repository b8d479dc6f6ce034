import { SPEC, type ConfigRule } from '../types.js';
import { gatewayCommands } from './stdio-gateways.js';

/**
 * A stdio server that the deployment serves over the legacy HTTP+SSE transport through a gateway
 * (trial 72B B6): supergateway's default output (`--stdio "node dist/index.js" --port 8000`), and
 * mcp-proxy's `/sse` endpoint, which it serves beside its Streamable HTTP one unless told
 * `--server stream` (the README says so of FastMCP's httpStream, which mcp-proxy serves).
 */
export const sseGateway: ConfigRule = {
  target: 'config',
  kinds: ['dockerfile', 'yaml', 'shell'],
  id: 'sse-gateway',
  category: 'sse-legacy',
  severity: 'error',
  title: 'Gateway serves a stdio server over the legacy HTTP+SSE transport',
  why:
    'A stdio-to-HTTP gateway that serves HTTP+SSE (GET /sse plus POST /message?sessionId=...) is sessionful by design: the POST ' +
    'must reach the instance holding the stream, and the process behind it keeps what the tools leave between calls. HTTP+SSE has ' +
    'been deprecated since 2025-03-26 and can never serve 2026-07-28.',
  fix: {
    manual: "Serve Streamable HTTP without sessions: supergateway's `--outputTransport streamableHttp` without `--stateful`; mcp-proxy's `--server stream` (with `--stateless` where your version has it); or the server's own stateless Streamable HTTP transport.",
  },
  docs: `${SPEC}/basic/transports`,
  keywords: ['supergateway', 'mcp-proxy'],
  check(file, report) {
    for (const gateway of gatewayCommands(file)) {
      if (!gateway.sse) continue;
      const how = gateway.gateway === 'supergateway' ? "the legacy HTTP+SSE transport (supergateway's default output)" : 'the legacy HTTP+SSE transport at its SSE endpoint, beside its Streamable HTTP one';
      report({ start: gateway.start, end: gateway.end, message: `${gateway.gateway} serves the stdio server \`${gateway.stdio}\` over ${how}: sessionful, its message POSTs must reach the instance holding the stream, and 2026-07-28 clients cannot use it` });
    }
  },
};
