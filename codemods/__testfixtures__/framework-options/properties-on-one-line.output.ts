// Two properties on the last line of a multi-line object: the added one takes that line's indent,
// not the space between them (read-through 53).
import { Module } from '@nestjs/common';
import { McpModule, McpTransportType } from '@rekog/mcp-nest';

@Module({
  imports: [
    McpModule.forRoot({
      streamableHttp: { enableJsonResponse: true, statelessMode: true },
      name: 'notes', version: '1.0.0',
      transport: [McpTransportType.STREAMABLE_HTTP, McpTransportType.STDIO]
    }),
  ],
})
export class OneLineModule {}
