// An xmcp tool file: the tool is the default export, registered by xmcp under the file's name.
// explicit-handles does not rewrite it; it marks the state.
import { z } from 'zod';
import type { InferSchema, ToolExtraArguments, ToolMetadata } from 'xmcp';

export const drafts = new Map<string, string>();
export const schema = { text: z.string() };
export const metadata: ToolMetadata = { name: 'save-draft', description: 'Save a draft' };

export default async function saveDraft({ text }: InferSchema<typeof schema>, extra: ToolExtraArguments) {
  drafts.set(extra.sessionId ?? 'default', text);
  return 'saved';
}
