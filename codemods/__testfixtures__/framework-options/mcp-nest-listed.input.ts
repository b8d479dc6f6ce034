import { Module } from '@nestjs/common';
import { McpModule, McpTransportType as Transport } from '@rekog/mcp-nest';

const HTTP = [Transport.SSE];

@Module({
  imports: [
    McpModule.forRoot({
      name: 'notes',
      version: '1.0.0',
      transport: [Transport.STREAMABLE_HTTP, Transport.SSE],
      streamableHttp: { enableJsonResponse: true, statelessMode: false },
    }),
    McpModule.forRoot({ name: 'legacy', version: '1.0.0', transport: Transport.SSE }),
    McpModule.forRoot({ name: 'shared', version: '1.0.0', transport: HTTP, streamableHttp: { enableJsonResponse: true } }),
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
