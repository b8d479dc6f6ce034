// The jobs a session started, and a tool that takes the job it reports on as `jobId` (trial 78A
// B6): a handle named job_id beside jobId would be mixed up by the model, so the handle gets a
// name of its own, as where the tool takes job_id itself (handle-name-taken).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintHandle } from './mcp-state.js';

const jobs = handleState<string[]>('jobs');

export function register(server: McpServer) {
  server.tool('create_job_list', 'Create a new job list and return its job_list_id. Pass job_list_id to start_job, job_status. One job_list_id holds a whole list: call create_job_list once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(jobs, { handle: 'job_list_id', initial: [], description: 'Created job list.' }, extra));

  server.tool('start_job', 'Start an export job', { job_list_id: z.string().describe('Handle from create_job_list'), name: z.string() }, withHandle(jobs, { handle: 'job_list_id', mintedBy: 'create_job_list' }, async ({ job_list_id, name }, _extra) => {
    const list = jobs.get(job_list_id) ?? [];
    list.push(name);
    jobs.set(job_list_id, list);
    return { content: [{ type: 'text', text: `job ${list.length - 1}` }] };
  }));

  server.tool('job_status', 'Report on one job', { job_list_id: z.string().describe('Handle from create_job_list'), jobId: z.number().describe('The number start_job gave') }, withHandle(jobs, { handle: 'job_list_id', mintedBy: 'create_job_list' }, async ({ job_list_id, jobId }, _extra) => {
    const name = (jobs.get(job_list_id) ?? [])[jobId];
    return { content: [{ type: 'text', text: name ? `${name}: done` : `no job ${jobId}` }] };
  }));
}
