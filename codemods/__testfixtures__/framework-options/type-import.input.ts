// McpTransportType imported for its type only: the edits need its value (review 52), and the
// generator's marker stays at its own line although a line above it went.
import { Module } from '@nestjs/common';
import { McpModule } from '@rekog/mcp-nest';
import type { McpTransportType } from '@rekog/mcp-nest';

const SSE_TOO: McpTransportType[] = [];

@Module({
  imports: [
    McpModule.forRoot({
      name: 'a',
      version: '1.0.0',
      streamableHttp: {
        enableJsonResponse: true,
        sessionIdGenerator: () => 'x',
      },
    }),
    McpModule.forRoot({ name: 'b', version: '1.0.0', transport: [], streamableHttp: { enableJsonResponse: true } }),
  ],
})
export class TypeImportModule {}
void SSE_TOO;
