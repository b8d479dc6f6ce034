// @rekog/mcp-nest 1.x: forRoot's defaults serve SSE, and a streamableHttp object of the
// module's own replaces the default one (statelessMode: true) whole.
import { Module } from '@nestjs/common';
import { McpModule } from '@rekog/mcp-nest';
import { NotesTool } from './notes.tool';

@Module({
  imports: [
    McpModule.forRoot({
      name: 'notes',
      version: '1.0.0',
      streamableHttp: {
        enableJsonResponse: true, // answers as JSON, not a stream
      },
    }),
  ],
  providers: [NotesTool],
})
export class DefaultTransportsModule {}
