// Already stateless and without SSE: framework-options changes nothing.
import { Module } from '@nestjs/common';
import { McpModule, McpTransportType } from '@rekog/mcp-nest';

@Module({
  imports: [
    McpModule.forRoot({
      name: 'done',
      version: '1.0.0',
      transport: [McpTransportType.STREAMABLE_HTTP],
      streamableHttp: { enableJsonResponse: true, statelessMode: true, sessionIdGenerator: () => 'ignored' },
    }),
  ],
})
export class DoneModule {}
