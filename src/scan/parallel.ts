/**
 * Reading and checking a run's files on more than one thread.
 *
 * A file's outcome depends only on its bytes, its path, the run's configuration and the run's
 * other code files (the modules its imports reach; see cache.ts), never on which files were
 * checked before it. So the files can be shared out: the main thread and worker threads each take
 * the next chunk of files from a shared counter, read and check them with their own parser and
 * their own modules of the run, and the main thread puts the outcomes back in the walk's order,
 * where the run handles them as if it had made them itself (errors, the result cache, counts).
 *
 * Each worker loads its own compiler (about 70 MB and a tenth of a second, on its own core while
 * the main thread has started on the files), so small runs stay on one thread (PARALLEL_MIN_FILES).
 * A worker that cannot start or that fails leaves its files to the main thread: the run's results
 * are the same either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileMeta, FileOutcome } from './cache.js';
import type { DiscoveredFile } from './files.js';
import type { Severity } from '../model.js';

/** What reading and checking one file gave: its outcome (and the metadata it was read with, for the cache), or why it could not be read. */
export type Evaluated = { ok: true; outcome: FileOutcome; stat?: FileMeta; replayed?: true } | { ok: false; reason: string };

/** The part of the scan's options a worker needs to check files as the main thread does (plain data). */
export interface WorkerOptions {
  maxFileBytes?: number;
  codemods: string[];
  severities?: Record<string, Severity | 'off'>;
  prefilter?: boolean;
}

/** What a worker is started with. */
export interface WorkerData {
  options: WorkerOptions;
  root: string;
  /** The run's code files (ScanOptions: the modules imports may reach). */
  runCode: string[];
  files: DiscoveredFile[];
  /** Read each file's metadata too (the result cache records it). */
  withStat: boolean;
  chunk: number;
  /** Int32Array: [next chunk to take, files the workers have finished]. */
  counter: SharedArrayBuffer;
}

/** A worker's message: the outcomes of one chunk (undefined for a file whose check threw: the main thread does it again). */
export interface ChunkMessage {
  chunk: number;
  results: Array<Evaluated | undefined>;
}

/** Below this many files to read, one thread does the run: a worker's start-up would cost more than it saves. */
export const PARALLEL_MIN_FILES = 1500;
/** Threads used when the options do not say: the machine's, up to this many (each costs its own compiler's memory). */
const MAX_AUTO_JOBS = 4;
/** Files per chunk: small enough that the threads finish together, though MCP code clusters in a few folders. */
const CHUNK = 16;

/** How many threads a run of `files` files uses: `jobs` when given, else the machine's cores (at most MAX_AUTO_JOBS) for a large run. */
export function threadsFor(files: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(1, Math.floor(jobs));
  return files >= PARALLEL_MIN_FILES ? Math.max(1, Math.min(os.availableParallelism(), MAX_AUTO_JOBS)) : 1;
}

/** The compiled worker script beside this module (absent when the sources run without a build: then one thread). */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Reads and checks `files` on `threads` threads (this one and threads - 1 workers). `local` does
 * one file on this thread. The outcomes, in the order of `files` (undefined where a worker's
 * check threw: the caller does that file itself, as a one-thread run would), and how many of them
 * the workers sent. Undefined when no worker could be started: the caller does them all.
 */
export async function evaluateInParallel(
  files: DiscoveredFile[],
  threads: number,
  setup: Omit<WorkerData, 'files' | 'chunk' | 'counter'>,
  local: (file: DiscoveredFile) => Evaluated,
  onProgress?: (done: number) => void,
): Promise<{ results: Array<Evaluated | undefined>; fromWorkers: number } | undefined> {
  const script = workerScript();
  if (!script || threads < 2 || files.length === 0) return undefined;
  const counter = new SharedArrayBuffer(8);
  const shared = new Int32Array(counter);
  const chunks = Math.ceil(files.length / CHUNK);
  const results = new Array<Evaluated | undefined>(files.length);
  const received = new Uint8Array(chunks);
  const workers: Worker[] = [];
  let fromWorkers = 0;
  const failed = new Set<Worker>();
  let wake: (() => void) | undefined;
  const data: WorkerData = { ...setup, files, chunk: CHUNK, counter };
  for (let n = 1; n < threads; n++) {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data, stdout: true, stderr: true });
    } catch {
      break;
    }
    worker.on('message', (message: ChunkMessage) => {
      const start = message.chunk * CHUNK;
      message.results.forEach((result, i) => (results[start + i] = result));
      received[message.chunk] = 1;
      fromWorkers += message.results.length;
      wake?.();
    });
    // A worker that fails (or ends before its chunks came back) leaves them to this thread.
    // (It never ends on its own: it waits to be terminated.)
    const fail = () => {
      failed.add(worker);
      wake?.();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    workers.push(worker);
  }
  if (workers.length === 0) return undefined;
  try {
    let mine = 0;
    for (let chunk = Atomics.add(shared, 0, 1); chunk < chunks; chunk = Atomics.add(shared, 0, 1)) {
      const start = chunk * CHUNK;
      for (let i = start; i < Math.min(start + CHUNK, files.length); i++) results[i] = local(files[i]);
      received[chunk] = 1;
      mine += Math.min(CHUNK, files.length - start);
      onProgress?.(mine + Atomics.load(shared, 1));
    }
    // Every chunk is taken: the ones not back yet are a worker's, under way.
    while (received.includes(0) && failed.size < workers.length) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      onProgress?.(mine + Atomics.load(shared, 1));
    }
    // (A worker that failed: its chunks, here.)
    for (let chunk = 0; chunk < chunks; chunk++) {
      if (received[chunk]) continue;
      const start = chunk * CHUNK;
      for (let i = start; i < Math.min(start + CHUNK, files.length); i++) results[i] = local(files[i]);
    }
    return { results, fromWorkers };
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}
