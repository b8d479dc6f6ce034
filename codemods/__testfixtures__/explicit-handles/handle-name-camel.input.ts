// The jobs a session started, and a tool that takes the job it reports on as `jobId` (trial 78A
// B6): a handle named job_id beside jobId would be mixed up by the model, so the handle gets a
// name of its own, as where the tool takes job_id itself (handle-name-taken).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const jobs = new Map<string, string[]>();

export function register(server: McpServer) {
  server.tool('start_job', 'Start an export job', { name: z.string() }, async ({ name }, extra) => {
    const list = jobs.get(extra.sessionId!) ?? [];
    list.push(name);
    jobs.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: `job ${list.length - 1}` }] };
  });

  server.tool('job_status', 'Report on one job', { jobId: z.number().describe('The number start_job gave') }, async ({ jobId }, extra) => {
    const name = (jobs.get(extra.sessionId!) ?? [])[jobId];
    return { content: [{ type: 'text', text: name ? `${name}: done` : `no job ${jobId}` }] };
  });
}
