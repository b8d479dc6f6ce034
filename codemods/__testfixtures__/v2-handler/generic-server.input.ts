// Helpers typed with v1's generic Server<Request, Notification, Result>: on the v2 packages Server
// takes no type arguments, so the uses are marked and the import move is a change to review.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Request, Notification, Result } from '@modelcontextprotocol/sdk/types.js';

export type RequestOf<S> = S extends Server<infer R, any, any> ? R : never;

export function describe(server: Server<Request, Notification, Result>): string {
  return server.constructor.name;
}

export function plain(server: Server): string {
  return server.constructor.name;
}
