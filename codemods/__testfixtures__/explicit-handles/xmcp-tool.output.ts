// An xmcp tool file: the tool is the default export, registered by xmcp under the file's name.
// explicit-handles does not rewrite it; it marks the state.
import { z } from 'zod';
import type { InferSchema, ToolExtraArguments, ToolMetadata } from 'xmcp';

// TODO(mcp-migrate): drafts is keyed by the MCP session id in an xmcp tool (this file's default
// export), which explicit-handles does not rewrite: give the tool a required handle argument in its
// schema by hand (one a tool mints and returns), read that instead of extra.sessionId, and keep
// drafts under the handle in a store every instance reaches
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
export const drafts = new Map<string, string>();
export const schema = { text: z.string() };
export const metadata: ToolMetadata = { name: 'save-draft', description: 'Save a draft' };

export default async function saveDraft({ text }: InferSchema<typeof schema>, extra: ToolExtraArguments) {
  drafts.set(extra.sessionId ?? 'default', text);
  return 'saved';
}
