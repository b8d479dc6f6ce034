// Tab-indented: the handler of a call the official codemod writes on one line goes back to its
// statement's indent in tabs too, and zod imported under another name wraps the shape.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as zod from 'zod';

const appSchema = zod.object({ app: zod.string() });

export function registerAppTools(server: McpServer): void {
	server.tool(
		'report',
		'Reports on the app. ' + 'Lists its dynos.',
		appSchema.shape,
		async (options) => {
			const text = `app: ${options.app}
dynos: none`;
			return { content: [{ type: 'text', text }] };
		},
	);
}
