// Helpers typed with v1's generic Server<Request, Notification, Result>: on the v2 packages Server
// takes no type arguments, so the uses are marked and the import move is a change to review.
import { Server } from '@modelcontextprotocol/server';
import type { Request, Notification, Result } from '@modelcontextprotocol/server';

// TODO(mcp-migrate): official v1→v2 codemod: Server takes no type arguments on the v2 packages
// (v1's took the request, notification and result types), so `Server<infer R, any, any>` stops
// compiling: drop the type arguments, and name the request and result types where they are needed
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
export type RequestOf<S> = S extends Server<infer R, any, any> ? R : never;

// TODO(mcp-migrate): official v1→v2 codemod: Server takes no type arguments on the v2 packages
// (v1's took the request, notification and result types), so `Server<Request, Notification,
// Result>` stops compiling: drop the type arguments, and name the request and result types where
// they are needed
// (https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md)
export function describe(server: Server<Request, Notification, Result>): string {
  return server.constructor.name;
}

export function plain(server: Server): string {
  return server.constructor.name;
}
