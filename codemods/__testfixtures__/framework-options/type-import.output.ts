// McpTransportType imported for its type only: the edits need its value (review 52), and the
// generator's marker stays at its own line although a line above it went.
import { Module } from '@nestjs/common';
import { McpModule } from '@rekog/mcp-nest';
import { McpTransportType } from '@rekog/mcp-nest';

const SSE_TOO: McpTransportType[] = [];

@Module({
  imports: [
    McpModule.forRoot({
      name: 'a',
      version: '1.0.0',
      streamableHttp: {
        enableJsonResponse: true,
        // TODO(mcp-migrate): @rekog/mcp-nest ignores this sessionIdGenerator now that statelessMode
        // is true: no Mcp-Session-Id is issued any more. Delete it; whatever was kept or checked
        // per session id (a guard or a tool reading the mcp-session-id header) needs an explicit
        // handle instead
        // (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)
        sessionIdGenerator: () => 'x',
        statelessMode: true,
      },
      transport: [McpTransportType.STREAMABLE_HTTP, McpTransportType.STDIO],
    }),
    McpModule.forRoot({ name: 'b', version: '1.0.0', transport: [], streamableHttp: { enableJsonResponse: true } }),
  ],
})
export class TypeImportModule {}
void SSE_TOO;
