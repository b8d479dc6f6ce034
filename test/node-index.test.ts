/**
 * Rules see only the node kinds they declare (src/analysis/nodes.ts). If a rule forgot a kind it
 * looks at, it would silently miss findings; so scanning with every node offered to every rule must
 * give exactly the same findings. Checked on the fixtures and on real code with many findings:
 * the MCP SDK's own compiled sources (v1 and v2 packages) installed as dev dependencies.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeIndex } from '../src/analysis/nodes.js';
import { scan } from '../src/index.js';
import { REPO } from './helpers/cli.js';

const trees = [
  'fixtures',
  'codemods/__testfixtures__',
  'node_modules/@modelcontextprotocol/sdk/dist/esm',
  'node_modules/@modelcontextprotocol/server/dist',
  'node_modules/@modelcontextprotocol/client/dist',
];

async function findings(tree: string) {
  const result = await scan({ paths: [path.join(REPO, tree)], includeTests: true });
  return result.findings;
}

describe('node index', () => {
  afterEach(() => {
    NodeIndex.exhaustive = false;
  });

  it.each(trees)('%s: same findings when every rule sees every node', async (tree) => {
    const indexed = await findings(tree);
    NodeIndex.exhaustive = true;
    const exhaustive = await findings(tree);
    expect(indexed.length).toBeGreaterThan(10);
    expect(indexed).toEqual(exhaustive);
  });
});
