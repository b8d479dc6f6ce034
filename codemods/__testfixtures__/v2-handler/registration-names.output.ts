// Registration names held in a table or a constant, not written as string literals (trial 28B,
// azure-devops-mcp's `server.tool(CORE_TOOLS.list_project_teams, ...)`): the official codemod
// recognises only a literal, so each is handed to it as one and put back after it ran. The calls
// move to registerTool and registerPrompt with their names as they were written.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const BOARD_TOOLS = { list_boards: 'list_boards', get_board: 'get_board' } as const;
const SUMMARY_PROMPT = 'board_summary';

export function registerBoards(server: McpServer): void {
  server.registerTool(BOARD_TOOLS.list_boards, { description: 'Lists the boards of a project', inputSchema: z.object({ project: z.string() }) }, async ({ project }) => ({
    content: [{ type: 'text', text: `boards of ${project}` }],
  }));
  server.registerTool(BOARD_TOOLS.get_board, { description: 'Gets one board', inputSchema: z.object({ id: z.string() }) }, async ({ id }) => ({ content: [{ type: 'text', text: id }] }));
  server.registerPrompt(SUMMARY_PROMPT, { description: 'Summarises a board', argsSchema: z.object({ id: z.string() }) }, ({ id }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Summarise board ${id}` } }],
  }));
}
