// Tab-indented: the handler of a call the official codemod writes on one line goes back to its
// statement's indent in tabs too, and zod imported under another name wraps the shape.
import { McpServer } from '@modelcontextprotocol/server';
import * as zod from 'zod';

const appSchema = zod.object({ app: zod.string() });

export function registerAppTools(server: McpServer): void {
	server.registerTool(
		'report',
		{
			description: 'Reports on the app. ' + 'Lists its dynos.',
			inputSchema: zod.object(appSchema.shape),
		},
		async (options) => {
			const text = `app: ${options.app}
dynos: none`;
			return { content: [{ type: 'text', text }] };
		},
	);
}
