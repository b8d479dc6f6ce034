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
        // Our guard reads mcp-session-id to find the caller's workspace.
        sessionIdGenerator: () => randomUUID(),
      },
    }),
  ],
})
export class SessionModule {}
