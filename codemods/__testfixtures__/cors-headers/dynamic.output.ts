import cors from 'cors';
import type { Express, Request } from 'express';

const BASE_HEADERS = ['Content-Type', 'Authorization', 'X-Api-Key'];
export const SESSION_HEADERS = ['mcp-session-id', 'mcp-protocol-version'];

export function sessionOf(req: Request): string | undefined {
  for (const name of SESSION_HEADERS) {
    const value = req.get(name);
    if (value) return value;
  }
  return undefined;
}

export function installCors(app: Express, extra: string[] = []): void {
  app.use(
    cors({
      // TODO(mcp-migrate): this CORS header list is built at run time, so it was not rewritten:
      // drop Mcp-Session-Id and make sure it lists Mcp-Method, Mcp-Name and MCP-Protocol-Version
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
      allowedHeaders: [...BASE_HEADERS, 'mcp-session-id', ...extra],
      // TODO(mcp-migrate): SESSION_HEADERS is exported, reassignable or used outside CORS lists, so
      // it was not rewritten: drop Mcp-Session-Id from this CORS list
      // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http)
      exposedHeaders: SESSION_HEADERS,
    }),
  );
}
