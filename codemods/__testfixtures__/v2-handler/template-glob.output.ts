// A template literal that ends in a glob: `/**` inside it is no comment, so nothing is "lost"
// and the file migrates like any other.
import { McpServer } from '@modelcontextprotocol/server';

const root = process.cwd();
export const pattern = `${root}/**`;

export function buildServer() {
  return new McpServer({ name: 'files', version: '1.0.0' });
}
