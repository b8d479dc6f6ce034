/**
 * stateful-tool judges what a register function keeps for the tools it registers by who hands it
 * the server (review 76 point 4): the project fixtures say which findings there are; this says
 * what they are. A server built per request is the error it was; one whose every caller serves
 * stdio alone is the stdio demotion (info), named for those callers' files, not the function's own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/scan/stateful-tool');

async function statefulFindings(project: string) {
  const result = await scan({ paths: [path.join(FIXTURES, project)], cache: false });
  return result.findings.filter((f) => f.ruleId === 'stateful-tool').map((f) => ({ file: f.file, severity: f.severity, message: f.message }));
}

describe('stateful-tool: state of a function handed the server, by its callers', () => {
  it('demotes to info where every caller serves stdio alone, naming the callers', async () => {
    const found = await statefulFindings('project-registration-stdio-module-server');
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('tally.ts');
    expect(found[0].severity).toBe('info');
    expect(found[0].message).toContain('made for each server handed to registerTally()');
    expect(found[0].message).toContain('(every file that hands it the server serves stdio only: one process serves one client');
  });

  it('keeps the error where a route builds the server for each request', async () => {
    const found = await statefulFindings('project-registration-http-module-server');
    expect(found).toEqual([expect.objectContaining({ file: 'notes.ts', severity: 'error' })]);
    expect(found[0].message).not.toContain('stdio');
  });
});
