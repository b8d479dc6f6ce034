// A quiz whose wrong answers are counted against a limit, and set back to 0 when a new quiz
// starts: the count is the quiz's, so it goes under the quiz's handle with the questions.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle } from './mcp-state.js';

const wrongAnswers = handleState<number>('wrongAnswers');
const quizzes = handleState<string[]>('quizzes');

export function createServer() {
  const server = new McpServer({ name: 'quiz', version: '1.0.0' });
  server.registerTool('start_quiz', { description: 'Returns quiz_id: pass it to answer.', inputSchema: { topic: z.string() }, outputSchema: { quiz_id: z.string().describe('Pass it to answer') } }, mintingHandle([wrongAnswers, quizzes], { handle: 'quiz_id', initial: 0 }, async ({ quiz_id, topic }, _extra) => {
    quizzes.set(quiz_id, [topic]);
    wrongAnswers.set(quiz_id, 0);
    return { content: [{ type: 'text', text: `quiz on ${topic}` }] };
  }));
  server.registerTool('answer', { inputSchema: { quiz_id: z.string().describe('Handle from start_quiz'), text: z.string() } }, withHandle([wrongAnswers, quizzes], { handle: 'quiz_id', mintedBy: 'start_quiz' }, async ({ quiz_id, text }, _extra) => {
    const wrong = wrongAnswers.get(quiz_id) ?? 0;
    if (wrong >= 3) return { content: [{ type: 'text', text: 'quiz over' }] };
    const right = quizzes.get(quiz_id)?.includes(text) ?? false;
    if (!right) wrongAnswers.set(quiz_id, wrong + 1);
    return { content: [{ type: 'text', text: right ? 'right' : 'wrong' }] };
  }));
  return server;
}
