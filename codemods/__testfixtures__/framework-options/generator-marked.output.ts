import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { McpModule, McpTransportType } from '@rekog/mcp-nest';

@Module({
  imports: [
    McpModule.forRoot({
      name: 'sessions',
      version: '1.0.0',
      transport: McpTransportType.STREAMABLE_HTTP,
      streamableHttp: {
        enableJsonResponse: true,
        // TODO(mcp-migrate): @rekog/mcp-nest ignores this sessionIdGenerator now that statelessMode
        // is true: no Mcp-Session-Id is issued any more. Delete it; whatever was kept or checked
        // per session id (a guard or a tool reading the mcp-session-id header) needs an explicit
        // handle instead
        // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
        // Our guard reads mcp-session-id to find the caller's workspace.
        sessionIdGenerator: () => randomUUID(),
        statelessMode: true,
      },
    }),
  ],
})
export class SessionModule {}
