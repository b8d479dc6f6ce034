/**
 * Every link to the MCP site that a finding, a marker, SARIF or the README gives leads to a page
 * that exists. The pages are those of the site's navigation (docs/docs.json of
 * github.com/modelcontextprotocol/modelcontextprotocol at b0f60ba, the commit the reference cites);
 * `index` pages are served at their folder. 2026-07-28 has no lifecycle page (no handshake) and
 * moved progress under basic/patterns; the extensions live at /extensions/..., not /docs/...
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';

const PAGES = `
extensions/apps/build extensions/apps/overview extensions/auth/enterprise-managed-authorization
extensions/auth/oauth-client-credentials extensions/auth/overview extensions/client-matrix
extensions/overview extensions/tasks/overview specification/2026-07-28/architecture/index
specification/2026-07-28/basic/authorization/authorization-server-discovery
specification/2026-07-28/basic/authorization/client-registration
specification/2026-07-28/basic/authorization/index
specification/2026-07-28/basic/authorization/security-considerations specification/2026-07-28/basic/index
specification/2026-07-28/basic/patterns/cancellation specification/2026-07-28/basic/patterns/index
specification/2026-07-28/basic/patterns/mrtr specification/2026-07-28/basic/patterns/progress
specification/2026-07-28/basic/patterns/subscriptions specification/2026-07-28/basic/transports/index
specification/2026-07-28/basic/transports/stdio specification/2026-07-28/basic/transports/streamable-http
specification/2026-07-28/basic/versioning specification/2026-07-28/changelog
specification/2026-07-28/client/elicitation specification/2026-07-28/client/roots
specification/2026-07-28/client/sampling specification/2026-07-28/deprecated specification/2026-07-28/index
specification/2026-07-28/schema specification/2026-07-28/server/discover specification/2026-07-28/server/index
specification/2026-07-28/server/prompts specification/2026-07-28/server/resources
specification/2026-07-28/server/tools specification/2026-07-28/server/utilities/caching
specification/2026-07-28/server/utilities/completion specification/2026-07-28/server/utilities/logging
specification/2026-07-28/server/utilities/pagination
`
  .trim()
  .split(/\s+/)
  .map((page) => page.replace(/\/index$/, ''));

const SITE = 'https://modelcontextprotocol.io/';
const REPO = path.resolve(__dirname, '..');

/** Whether a link to the MCP site names a page of it (a fragment is not checked). */
function known(url: string): boolean {
  return PAGES.includes(url.slice(SITE.length).replace(/#.*$/, '').replace(/\/$/, ''));
}

/** The site links written in the sources, the README and the expected outputs. */
function linksIn(dir: string, files: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) linksIn(full, files);
    else if (/\.(ts|md|sarif|html|json|js|mjs)$/.test(entry.name)) files.push(full);
  }
  return files;
}

describe('links to the MCP site', () => {
  it("every rule's docs link is a page of the site", () => {
    const broken = allRules.filter((rule) => !known(rule.docs)).map((rule) => `${rule.id}: ${rule.docs}`);
    expect(broken).toEqual([]);
  });

  it('every link in the sources, the README, the codemod fixtures and the report goldens is a page of the site', () => {
    const files = [path.join(REPO, 'README.md'), ...linksIn(path.join(REPO, 'src')), ...linksIn(path.join(REPO, 'codemods')), ...linksIn(path.join(REPO, 'fixtures/report'))];
    const broken = new Set<string>();
    for (const file of files) {
      // A template (`${SPEC}/...`) is checked through the rules above; literal links here.
      for (const [url] of fs.readFileSync(file, 'utf8').matchAll(/https:\/\/modelcontextprotocol\.io\/[\w/#.-]*[\w/]/g)) {
        if (!known(url)) broken.add(`${path.relative(REPO, file)}: ${url}`);
      }
    }
    expect([...broken]).toEqual([]);
  });
});
