/**
 * Worker threads that parse and check MCP code files while the main thread goes on reading.
 *
 * Parsing and the rules are nearly all of a scan's CPU on a tree with much MCP code, and each file
 * is independent, so they spread over the cores. Each worker loads the compiler and the rules once
 * and is given a larger young generation than Node's default: parsing allocates many short-lived
 * objects, and the default makes the garbage collector copy each tree several times.
 *
 * A job is one file: its path, text and the ids of the rules its keywords selected. Results carry
 * plain findings, so the output does not depend on which worker scanned which file. When a worker
 * dies, its files get an error line and the rest go on (in this process when no worker is left).
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Severity } from '../model.js';
import type { FileScan } from './scanner.js';

export interface WorkerSetup {
  severities?: Record<string, Severity | 'off'>;
  codemods: string[];
}

export interface ParseJob {
  rel: string;
  text: string;
  rules: string[];
}

export type JobMessage = ParseJob & { id: number };
export type ResultMessage = { id: number; result: FileScan };

/** Young generation per worker, in MB (Node's default is 16 MB of semi-space; see the module comment). */
const YOUNG_GENERATION_MB = 96;
/** Jobs handed to one worker at a time: one running, one waiting, so it never idles between messages. */
const IN_FLIGHT = 2;

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/** Threads a scan may use: the CPUs, at most 4 (more only adds start-up cost on typical trees). */
export function defaultWorkerCount(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.min(cpus, 4);
}

/** Workers need the compiled worker script next to this module (absent when running the TypeScript sources). */
export function workersAvailable(): boolean {
  return WORKER_SCRIPT.protocol === 'file:' && fs.existsSync(fileURLToPath(WORKER_SCRIPT));
}

interface Pending {
  id: number;
  job: ParseJob;
  resolve: (result: FileScan) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Pending>;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    setup: WorkerSetup,
    /** Runs a job in this process when no worker is left. */
    private readonly fallback: (job: ParseJob) => FileScan,
  ) {
    for (let i = 0; i < size; i++) this.spawn(setup);
  }

  private spawn(setup: WorkerSetup): void {
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, running: new Map() };
    this.slots.push(slot);
    worker.on('message', (message: ResultMessage) => {
      const pending = slot.running.get(message.id);
      if (!pending) return;
      slot.running.delete(message.id);
      pending.resolve(message.result);
      this.pump();
    });
    const fail = (reason: string) => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      this.slots.splice(index, 1);
      for (const pending of slot.running.values()) {
        pending.resolve({ findings: [], parsed: false, error: `not scanned: the scan worker stopped (${reason})`, suppressed: 0, unused: [] });
      }
      slot.running.clear();
      this.pump();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => {
      if (!this.closed) fail(`exit code ${code}`);
    });
  }

  /** Scans one file on a worker thread. */
  run(job: ParseJob): Promise<FileScan> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.slots.length === 0) {
      // Every worker is gone: finish here rather than lose files.
      for (const pending of this.queue.splice(0)) pending.resolve(this.fallback(pending.job));
      return;
    }
    for (;;) {
      const pending = this.queue[0];
      if (!pending) return;
      let slot = this.slots[0];
      for (const s of this.slots) if (s.running.size < slot.running.size) slot = s;
      if (slot.running.size >= IN_FLIGHT) return;
      this.queue.shift();
      slot.running.set(pending.id, pending);
      const message: JobMessage = { id: pending.id, ...pending.job };
      slot.worker.postMessage(message);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
