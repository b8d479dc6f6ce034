import { Module } from '@nestjs/common';
import * as mcp from '@rekog/mcp-nest';

@Module({
  imports: [mcp.McpModule.forRoot({ name: 'notes', version: '1.0.0', streamableHttp: { enableJsonResponse: true, statelessMode: true }, transport: [mcp.McpTransportType.STREAMABLE_HTTP, mcp.McpTransportType.STDIO] })],
})
export class NamespaceModule {}
