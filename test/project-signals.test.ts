/**
 * The inventory's transport labels: one name, createMcpHandler, belongs to two libraries, and only
 * the v2 SDK's speaks 2026-07-28.
 */
import { describe, expect, it } from 'vitest';
import { ProjectSignals } from '../src/inventory/project.js';

function transports(text: string): string[] {
  const signals = new ProjectSignals();
  signals.add(text, 'code');
  return [...signals.transports];
}

describe('ProjectSignals transports', () => {
  it("tells the v2 SDK's createMcpHandler from Vercel's mcp-handler", () => {
    expect(transports("import { createMcpHandler } from '@modelcontextprotocol/server';\nexport default createMcpHandler(build);\n")).toEqual(['2026-07-28 handler (createMcpHandler)']);
    expect(transports('import { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {});\n')).toEqual(["Vercel's mcp-handler (SDK v1: 2025 only)"]);
  });

  it('sees McpAgent subclasses under another name', () => {
    expect(transports("import { PaidMcpAgent } from '@stripe/agent-toolkit/cloudflare';\nclass Shop extends PaidMcpAgent {}\n")).toEqual(['McpAgent (Durable Object per session)']);
  });
});
