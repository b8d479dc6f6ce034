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
      allowedHeaders: [...BASE_HEADERS, 'mcp-session-id', ...extra],
      exposedHeaders: SESSION_HEADERS,
    }),
  );
}
