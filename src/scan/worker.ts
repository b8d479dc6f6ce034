/**
 * A scan worker thread (see pool.ts): parses the files it is sent and runs the planned rules.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobMessage, ResultMessage, WorkerSetup } from './pool.js';
import { Scanner, type FileScan } from './scanner.js';

const setup = workerData as WorkerSetup;
const scanner = new Scanner({ severities: setup.severities, codemods: new Set(setup.codemods) });

parentPort!.on('message', (job: JobMessage) => {
  let result: FileScan;
  try {
    result = scanner.scanCode(job.rel, job.text, { lower: job.text.toLowerCase(), rules: scanner.codeRulesById(job.rules) });
  } catch (error) {
    result = { findings: [], parsed: false, error: `internal error while scanning: ${(error as Error).message}`, suppressed: 0, unused: [] };
  }
  const message: ResultMessage = { id: job.id, result };
  parentPort!.postMessage(message);
});
