/**
 * A worker thread of a scan (parallel.ts): takes chunks of the run's files from the shared
 * counter, reads and checks them with a scanner of the run's configuration, and sends each
 * chunk's outcomes back. It then waits to be terminated.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChunkMessage, Evaluated, WorkerData } from './parallel.js';
import { Scanner } from './scanner.js';

const data = workerData as WorkerData;
const scanner = new Scanner({ ...data.options, codemods: new Set(data.options.codemods) });
const evaluate = scanner.evaluator(data.root, new Set(data.runCode), data.withStat);
const shared = new Int32Array(data.counter);
const chunks = Math.ceil(data.files.length / data.chunk);
for (let chunk = Atomics.add(shared, 0, 1); chunk < chunks; chunk = Atomics.add(shared, 0, 1)) {
  const start = chunk * data.chunk;
  const results: Array<Evaluated | undefined> = [];
  for (let i = start; i < Math.min(start + data.chunk, data.files.length); i++) {
    try {
      results.push(evaluate(data.files[i]));
    } catch {
      // (The main thread checks the file again, and fails on it as a one-thread run would.)
      results.push(undefined);
    }
    Atomics.add(shared, 1, 1);
  }
  parentPort!.postMessage({ chunk, results } satisfies ChunkMessage);
}
parentPort!.on('message', () => {});
