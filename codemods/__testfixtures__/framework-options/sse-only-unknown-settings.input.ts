// SSE the only HTTP transport listed, and Streamable HTTP settings built elsewhere (a spread):
// putting Streamable HTTP in SSE's place could serve it with sessions, so nothing changes here
// and the finding stays for a person (read-through 53).
import { Module } from '@nestjs/common';
import { McpModule, McpTransportType } from '@rekog/mcp-nest';
import { base } from './settings';

@Module({
  imports: [
    McpModule.forRoot({
      name: 'legacy',
      version: '1.0.0',
      transport: [McpTransportType.SSE, McpTransportType.STDIO],
      streamableHttp: { ...base, sessionIdGenerator: () => 'x' },
    }),
  ],
})
export class LegacyModule {}
