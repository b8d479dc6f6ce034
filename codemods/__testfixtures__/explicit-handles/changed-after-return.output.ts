import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { handleState, withHandle, mintingHandle, mintHandle } from './mcp-state.js';

interface Job {
  progress: number;
  done: boolean;
}

// TODO(mcp-migrate): jobs is keyed by the MCP session id, and the tool start_job leaves work
// running that changes its entries after the call returns (setInterval(…)): under explicit handles
// a handle's value is saved to the shared store once, when the handler returns, so what that work
// changes later would never reach the store (a job polled there would stay as the handler left it),
// and explicit-handles leaves it. Have that work write the shared store under the handle itself (or
// finish it within the call), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// A job a timer advances after start_job returns: the store would keep only what the handler left.
const jobs = new Map<string, Job>();
// Notes a tool changes within its call, through a callback it runs there and then.
const notes = handleState<string[]>('notes');

// TODO(mcp-migrate): exportsBySession is keyed by the MCP session id, and the tool start_export
// leaves work running that reaches it after the call returns (finish(entry)): under explicit
// handles the shared store keeps what a handler left when it returned, so changes made later would
// never reach it (and reads made later would not see the handle's entry), and explicit-handles
// leaves it. Have that work read and write the shared store under the handle itself (or finish it
// within the call), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// An export an async function finishes after start_export returns, its promise only caught (read-through 68).
const exportsBySession = new Map<string, { status: string }>();

async function finish(entry: { status: string }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  entry.status = 'done';
}

// TODO(mcp-migrate): reports is keyed by the MCP session id, and the tool start_report leaves work
// running that reaches it after the call returns (buildReport(sid, topic)): under explicit handles
// the shared store keeps what a handler left when it returned, so changes made later would never
// reach it (and reads made later would not see the handle's entry), and explicit-handles leaves it.
// Have that work read and write the shared store under the handle itself (or finish it within the
// call), then give the tools a handle argument by hand
// (https://modelcontextprotocol.io/specification/2026-07-28/server/tools)
// A report an async function of the file sets itself once it is built, started and not awaited (trial 57A B1).
const reports = new Map<string, { status: string; result?: string }>();

async function buildReport(sid: string, topic: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  reports.set(sid, { status: 'done', result: `report on ${topic}` });
}

// Statuses an audit call reads after the tool returns, changing nothing (review 74): rewritten.
const statuses = handleState<string>('statuses');

async function audit(sid: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  console.error(`status ${statuses.get(sid) ?? 'none'}`);
}

async function tidy(texts: string[]): Promise<string[]> {
  return texts.map((text) => text.toLowerCase());
}

export function buildServer(): McpServer {
  const server = new McpServer({ name: 'jobs', version: '1.0.0' });

  server.tool('start_job', 'Start a background job', {}, async (_args, extra) => {
    const job: Job = { progress: 0, done: false };
    jobs.set(extra.sessionId!, job);
    const timer = setInterval(() => {
      job.progress += 25;
      if (job.progress >= 100) {
        job.done = true;
        clearInterval(timer);
      }
    }, 200);
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.tool('job_status', 'Status of the job', {}, async (_args, extra) => {
    const job = jobs.get(extra.sessionId!);
    if (!job) return { isError: true, content: [{ type: 'text', text: 'no job' }] };
    return { content: [{ type: 'text', text: `progress=${job.progress} done=${job.done}` }] };
  });

  server.tool('start_export', 'Start an export', {}, async (_args, extra) => {
    const entry = { status: 'running' };
    exportsBySession.set(extra.sessionId!, entry);
    finish(entry).catch(() => undefined);
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.tool('export_status', 'Status of the export', {}, async (_args, extra) => ({ content: [{ type: 'text', text: exportsBySession.get(extra.sessionId!)?.status ?? 'none' }] }));

  server.tool('start_report', 'Start a report', { topic: z.string() }, async ({ topic }, extra) => {
    const sid = extra.sessionId!;
    reports.set(sid, { status: 'running' });
    buildReport(sid, topic);
    return { content: [{ type: 'text', text: 'started' }] };
  });

  server.tool('report_status', 'Status of the report', {}, async (_args, extra) => ({ content: [{ type: 'text', text: reports.get(extra.sessionId!)?.status ?? 'none' }] }));

  server.tool('set_status', 'Set the status. Returns status_id: pass it to get_status.', { status: z.string() }, mintingHandle(statuses, { handle: 'status_id', initial: '' }, async ({ status_id, status }, _extra) => {
    const sid = status_id;
    statuses.set(sid, status);
    audit(sid);
    return { content: [{ type: 'text', text: 'set' }] };
  }));

  server.tool('get_status', 'Get the status', { status_id: z.string().describe('Handle from set_status') }, withHandle(statuses, { handle: 'status_id', mintedBy: 'set_status' }, async ({ status_id }, _extra) => ({ content: [{ type: 'text', text: statuses.get(status_id) ?? 'none' }] })));

  server.tool('create_note', 'Create a new note and return its note_id. Pass note_id to add_notes, list_notes. One note_id holds a whole list: call create_note once, not once per item. It expires after 24 hours without use.', async (extra) => mintHandle(notes, { handle: 'note_id', initial: [], description: 'Created note.' }, extra));

  server.tool('add_notes', 'Add notes', { note_id: z.string().describe('Handle from create_note'), texts: z.array(z.string()) }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id, texts }, _extra) => {
    const list = notes.get(note_id) ?? [];
    texts.forEach((text) => list.push(text.trim()));
    // Work the handler waits for before it returns (review 67): within the call.
    await tidy(texts).then((clean) => clean.forEach((text) => list.push(text)));
    await new Promise<void>((resolve) => setTimeout(() => { list.sort(); resolve(); }, 10));
    notes.set(note_id, list);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  }));

  server.tool('list_notes', 'List notes', { note_id: z.string().describe('Handle from create_note') }, withHandle(notes, { handle: 'note_id', mintedBy: 'create_note' }, async ({ note_id }, _extra) => ({ content: [{ type: 'text', text: (notes.get(note_id) ?? []).join('\n') }] })));

  return server;
}
