/**
 * Details of the deployment-config rules that the fixtures' line-level expectations cannot see:
 * where a finding starts, how it names what it found, and the YAML helpers behind them.
 */
import { describe, expect, it } from 'vitest';
import { configLines, flowMapping, reportYamlLine } from '../src/rules/config/text.js';
import { stickyGateway } from '../src/rules/config/sticky-gateway.js';
import { stickyK8s } from '../src/rules/config/sticky-k8s.js';
import type { ConfigRule, Report } from '../src/rules/types.js';

function run(rule: ConfigRule, text: string): Report[] {
  const reports: Report[] = [];
  rule.check({ path: 'x.yaml', text, lower: text.toLowerCase(), kind: 'yaml' }, (r) => reports.push(r));
  return reports;
}

describe('config rules', () => {
  it('start a YAML finding at its key, also after a dash followed by several spaces', () => {
    const text = 'spec:\n  sessionAffinity:\n    -   type: CLIENT_IP\n';
    const [report] = run(stickyK8s, text);
    expect(text.slice(report.start, report.end)).toBe('type: CLIENT_IP');
  });

  it('name a header as written, whatever the case of the keys around it', () => {
    const [report] = run(stickyGateway, 'route:\n  hashPolicy: [{ header: { headerName: MySessionId } }]\n');
    expect(report.message).toBe('Envoy hash_policy on the MySessionId header, pinning each session to one upstream host');
  });

  it('cover the block a reported key opens', () => {
    const text = 'hash_policy:\n  - cookie:\n      name: mcp-session-id\n      ttl: 0s\nother: 1\n';
    const [report] = run(stickyGateway, text);
    expect(text.slice(report.start, report.end)).toBe('cookie:');
    expect(text.slice(report.start, report.covers)).toBe('cookie:\n      name: mcp-session-id\n      ttl: 0s');
    const plain: Report[] = [];
    reportYamlLine(configLines({ path: 'y.yaml', text: 'a: 1\nb: 2\n' }), 0, (r) => plain.push(r), 'm');
    expect(plain[0].covers).toBeUndefined();
  });

  it('read one-line flow mappings, keeping nested ones as written', () => {
    const code = "route: { cluster: 'mcp', hash_policy: [{ connection_properties: { source_ip: true } }], timeout: 1s }";
    expect([...flowMapping(code, code.indexOf('{'))]).toEqual([
      ['cluster', 'mcp'],
      ['hash_policy', '[{ connection_properties: { source_ip: true } }]'],
      ['timeout', '1s'],
    ]);
  });
});
