// A quiz whose wrong answers are counted against a limit, and set back to 0 when a new quiz
// starts: the count is the quiz's, so it goes under the quiz's handle with the questions.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const wrongAnswers = new Map<string, number>();
const quizzes = new Map<string, string[]>();

export function createServer() {
  const server = new McpServer({ name: 'quiz', version: '1.0.0' });
  server.registerTool('start_quiz', { inputSchema: { topic: z.string() } }, async ({ topic }, extra) => {
    quizzes.set(extra.sessionId!, [topic]);
    wrongAnswers.set(extra.sessionId!, 0);
    return { content: [{ type: 'text', text: `quiz on ${topic}` }] };
  });
  server.registerTool('answer', { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    const wrong = wrongAnswers.get(extra.sessionId!) ?? 0;
    if (wrong >= 3) return { content: [{ type: 'text', text: 'quiz over' }] };
    const right = quizzes.get(extra.sessionId!)?.includes(text) ?? false;
    if (!right) wrongAnswers.set(extra.sessionId!, wrong + 1);
    return { content: [{ type: 'text', text: right ? 'right' : 'wrong' }] };
  });
  return server;
}
