import { Module } from '@nestjs/common';
import { McpModule, McpTransportType as Transport } from '@rekog/mcp-nest';

const HTTP = [Transport.STREAMABLE_HTTP];

@Module({
  imports: [
    McpModule.forRoot({
      name: 'notes',
      version: '1.0.0',
      transport: [Transport.STREAMABLE_HTTP],
      streamableHttp: { enableJsonResponse: true, statelessMode: true },
    }),
    McpModule.forRoot({ name: 'legacy', version: '1.0.0', transport: Transport.STREAMABLE_HTTP }),
    McpModule.forRoot({ name: 'shared', version: '1.0.0', transport: HTTP, streamableHttp: { enableJsonResponse: true, statelessMode: true } }),
  ],
})
export class ListedTransportsModule {}

@Module({
  imports: [
    // Stateless already, and no SSE: nothing to change.
    McpModule.forRoot({
      name: 'done',
      version: '1.0.0',
      transport: [Transport.STREAMABLE_HTTP, Transport.STDIO],
      streamableHttp: { enableJsonResponse: true, statelessMode: true },
    }),
  ],
})
export class DoneModule {}
