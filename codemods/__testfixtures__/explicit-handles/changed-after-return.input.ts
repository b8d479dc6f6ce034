import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

interface Job {
  progress: number;
  done: boolean;
}

// A job a timer advances after start_job returns: the store would keep only what the handler left.
const jobs = new Map<string, Job>();
// Notes a tool changes within its call, through a callback it runs there and then.
const notes = new Map<string, string[]>();

// An export an async function finishes after start_export returns, its promise only caught (read-through 68).
const exportsBySession = new Map<string, { status: string }>();

async function finish(entry: { status: string }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  entry.status = 'done';
}

// A report an async function of the file sets itself once it is built, started and not awaited (trial 57A B1).
const reports = new Map<string, { status: string; result?: string }>();

async function buildReport(sid: string, topic: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  reports.set(sid, { status: 'done', result: `report on ${topic}` });
}

// Statuses an audit call reads after the tool returns, changing nothing (review 74): rewritten.
const statuses = new Map<string, string>();

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

  server.tool('set_status', 'Set the status', { status: z.string() }, async ({ status }, extra) => {
    const sid = extra.sessionId!;
    statuses.set(sid, status);
    audit(sid);
    return { content: [{ type: 'text', text: 'set' }] };
  });

  server.tool('get_status', 'Get the status', {}, async (_args, extra) => ({ content: [{ type: 'text', text: statuses.get(extra.sessionId!) ?? 'none' }] }));

  server.tool('add_notes', 'Add notes', { texts: z.array(z.string()) }, async ({ texts }, extra) => {
    const list = notes.get(extra.sessionId!) ?? [];
    texts.forEach((text) => list.push(text.trim()));
    // Work the handler waits for before it returns (review 67): within the call.
    await tidy(texts).then((clean) => clean.forEach((text) => list.push(text)));
    await new Promise<void>((resolve) => setTimeout(() => { list.sort(); resolve(); }, 10));
    notes.set(extra.sessionId!, list);
    return { content: [{ type: 'text', text: `${list.length} notes` }] };
  });

  server.tool('list_notes', 'List notes', {}, async (_args, extra) => ({ content: [{ type: 'text', text: (notes.get(extra.sessionId!) ?? []).join('\n') }] }));

  return server;
}
