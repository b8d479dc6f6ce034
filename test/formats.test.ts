/**
 * The output formats on fixture projects: golden files for every format, the SARIF log against
 * the official SARIF 2.1.0 schema, and the properties GitHub code scanning and workflow
 * annotations rely on (rule metadata, levels, relative URIs, stable fingerprints, escaping, cap,
 * job summary).
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/formats.test.ts   rewrites fixtures/report/<project>/expected/*
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { availableCodemodIds } from '../src/codemods.js';
import { allRules } from '../src/rules/index.js';
import { REPO, runCli, tempDirs, tempTree, type CliResult } from './helpers/cli.js';
import { copyProject, expectGolden, normalise, REPORT_FIXTURES, SOURCE_DATE_EPOCH } from './helpers/golden.js';

// CommonJS packages whose module.exports is also their `.default`: `.default` works under every interop.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
const SARIF_SCHEMA_FILE = path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

interface Project {
  name: string;
  /** Exit code of `scan` with the default --fail-on (error). */
  scanExit: number;
}

const PROJECTS: Project[] = [
  { name: 'bookshop-sessionful', scanExit: 1 },
  { name: 'stateless-clean', scanExit: 0 },
  { name: 'monorepo', scanExit: 1 },
];

const FORMATS = [
  { format: 'json', ext: 'json' },
  { format: 'markdown', ext: 'md' },
  { format: 'html', ext: 'html' },
  { format: 'sarif', ext: 'sarif' },
  { format: 'github', ext: 'txt' },
] as const;

const { dir: tempDir, tree } = tempDirs();

/** Runs the CLI in `cwd` (where a user would run it) with reproducible dates and no git above `cwd`. */
function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliResult {
  return runCli(args, {
    cwd,
    env: { SOURCE_DATE_EPOCH, GITHUB_STEP_SUMMARY: undefined, GIT_DIR: undefined, GIT_CEILING_DIRECTORIES: path.dirname(cwd), ...env } as NodeJS.ProcessEnv,
  });
}

// ---------------------------------------------------------------------------------------------
// Golden files
// ---------------------------------------------------------------------------------------------

describe.each(PROJECTS)('golden output: $name', ({ name, scanExit }) => {
  let root: string;
  beforeAll(() => {
    root = copyProject(name, tempDir());
  });

  it.each(FORMATS)('scan --format $format', ({ format, ext }) => {
    const summaryFile = path.join(path.dirname(root), `summary-${format}.md`);
    const r = run(['scan', '.', '--format', format, '--no-progress'], root, format === 'github' ? { GITHUB_STEP_SUMMARY: summaryFile } : {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(scanExit);
    expectGolden(`${name}/expected/${format}.${ext}`, normalise(r.stdout, root));
    if (format === 'github') expectGolden(`${name}/expected/github-summary.md`, normalise(fs.readFileSync(summaryFile, 'utf8'), root));
  });

  it('report -o docs/MIGRATION.md (links relative to the report)', () => {
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    const r = run(['report', '.', '-o', 'docs/MIGRATION.md', '--no-progress'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('wrote markdown to docs/MIGRATION.md');
    const text = fs.readFileSync(path.join(root, 'docs/MIGRATION.md'), 'utf8');
    expectGolden(`${name}/expected/report.md`, normalise(text, root));
    // The report is the scan's Markdown inventory with links one directory up.
    const scanMd = run(['scan', '.', '--format', 'markdown', '--no-progress'], root).stdout;
    expect(text).toBe(scanMd.replace(/\]\((?!https?:)/g, '](../'));
  });
});

describe('inventory content (Markdown and HTML) on the bookshop', () => {
  let md = '';
  let html = '';
  beforeAll(() => {
    const root = copyProject('bookshop-sessionful', tempDir());
    md = run(['scan', '.', '--format', 'markdown', '--no-progress'], root).stdout;
    html = run(['scan', '.', '--format', 'html', '--no-progress'], root).stdout;
  });

  it('proposes the basket_id handle (minted by create_basket) for the tools that use the baskets map', () => {
    for (const tool of ['add_book', 'show_basket', 'place_order']) {
      expect(md).toMatch(new RegExp(`^\\| \`${tool}\` \\| .* \\| \`basket_id\` \\(from \`create_basket\`\\) \\|`, 'm'));
      expect(html).toMatch(new RegExp(`<td><code>${tool}</code></td>.*?<td><code>basket_id</code> from <code>create_basket</code></td>`));
    }
    expect(md).toContain('| Week 2 | Explicit handles minted and documented in tool schemas | ⬜ to do | 3 tool(s) need a handle (basket_id); see "Stateful tools" above |');
  });

  it('says per tool what a dry run of `fix` actually does (rewrite, or mark for a person)', () => {
    expect(availableCodemodIds().has('explicit-handles')).toBe(true);
    expect(md).toMatch(/^\| `add_book` \|.*\| rewrites it \(explicit-handles\) \|$/m);
    // place_order elicits mid-call: fix marks it instead of rewriting it.
    expect(md).toMatch(/^\| `place_order` \|.*\| marks it for a person \|$/m);
  });

  it("says which state fix moves where a tool is left for the rest (trial 19C: the sample's add_item beside a counter)", () => {
    const sample = run(['report', 'fixtures/sample-server', '--no-progress'], REPO).stdout;
    expect(sample).toMatch(/^\| `add_item` \|.*\| moves carts under the handle \(explicit-handles\); marks the rest for a person \|$/m);
    expect(sample).toMatch(/^\| `view_cart` \|.*\| rewrites it \(explicit-handles\) \|$/m);
  });

  it('lists the file that could not be parsed, in both formats', () => {
    expect(md).toContain('| Files | 5 scanned, 3 parsed, 1 could not be read fully |');
    expect(md).toContain("### Files that could not be scanned fully\n\n- `src/drafts/resume.ts`: syntax error at 4:3: ']' expected.");
    expect(html).toContain('<tr><th>Files</th><td>5 scanned, 3 parsed, 1 could not be read fully</td></tr>');
    expect(html).toMatch(/could not be scanned fully<\/h\d>[\s\S]*?src\/drafts\/resume\.ts[\s\S]*?syntax error at 4:3/);
  });
});

describe('golden files are complete', () => {
  it('every project has exactly the expected files and nothing stale', () => {
    for (const { name } of PROJECTS) {
      const expected = path.join(REPORT_FIXTURES, name, 'expected');
      const want = [...FORMATS.map((f) => `${f.format}.${f.ext}`), 'github-summary.md', 'report.md'].sort();
      expect(fs.existsSync(expected) ? fs.readdirSync(expected).sort() : [], name).toEqual(want);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------------------------

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; endLine: number; snippet?: { text: string } } } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help?: { text?: string; markdown?: string }; helpUri?: string; defaultConfiguration?: { level: string }; shortDescription?: { text: string } }> } };
    results: SarifResult[];
  }>;
}
interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  message: string;
}

describe('SARIF', () => {
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8'));
  // The official schema's `language` pattern (`…[a-zA-Z]{2}]?$`) has a stray `]` that is only valid
  // without the regex `u` flag, so patterns are compiled as the schema's authors wrote them.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

  function sarifOf(root: string): SarifLog {
    const r = run(['scan', '.', '--format', 'sarif', '--no-progress', '--fail-on', 'none'], root);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as SarifLog;
  }
  function jsonOf(root: string): JsonFinding[] {
    return (JSON.parse(run(['scan', '.', '--format', 'json', '--no-progress', '--fail-on', 'none'], root).stdout) as { findings: JsonFinding[] }).findings;
  }

  it('uses the official SARIF 2.1.0 schema shipped by @microsoft/jest-sarif', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema.title).toMatch(/^Static Analysis Results Format \(SARIF\) Version 2\.1\.0/);
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
    // The validator really rejects a broken log.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it.each(PROJECTS.map((p) => p.name))('%s: the golden SARIF log validates against the schema', (name) => {
    const log = JSON.parse(fs.readFileSync(path.join(REPORT_FIXTURES, name, 'expected/sarif.sarif'), 'utf8'));
    const fresh = sarifOf(copyProject(name, tempDir()));
    for (const candidate of [log, fresh]) {
      const ok = validate(candidate);
      expect(ok, ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
    }
  });

  it('declares every rule with help text and helpUri; ruleIndex points at the rule; levels follow severity', () => {
    const root = copyProject('bookshop-sessionful', tempDir());
    const log = sarifOf(root);
    const findings = jsonOf(root);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { rules } = log.runs[0].tool.driver;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of allRules) {
      const d = rules.find((r) => r.id === rule.id);
      expect(d, `${rule.id} missing from tool.driver.rules`).toBeDefined();
      expect(d!.helpUri).toBe(rule.docs);
      expect(d!.helpUri).toMatch(/^https:\/\//);
      expect(d!.help?.text).toContain(rule.why);
      expect(d!.help?.text).toContain(rule.fix.manual);
      expect(d!.help?.markdown).toBeTruthy();
      expect(d!.shortDescription?.text).toBe(rule.title);
      expect(d!.defaultConfiguration?.level).toBe(LEVEL[rule.severity]);
      // Help may only send people to `mcp-migrate fix` for a codemod this version has.
      if (!rule.fix.codemod || !availableCodemodIds().has(rule.fix.codemod)) {
        expect(d!.help?.text, `${rule.id}: help names a codemod that does not exist`).not.toContain('mcp-migrate fix');
        expect(d!.help?.markdown, `${rule.id}: help names a codemod that does not exist`).not.toContain('mcp-migrate fix');
      }
    }
    const { results } = log.runs[0];
    expect(results).toHaveLength(findings.length);
    results.forEach((res, i) => {
      expect(res.ruleIndex).toBeGreaterThanOrEqual(0);
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.ruleId).toBe(findings[i].ruleId);
      expect(res.level).toBe(LEVEL[findings[i].severity]);
    });
    // The fixture lowers one rule to info in its config: the three levels all occur.
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
    // A file that could not be parsed is a tool execution notification, not a result.
    const notes = (log.runs[0] as unknown as { invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }).invocations;
    expect(notes[0].executionSuccessful).toBe(true);
    expect(notes[0].toolExecutionNotifications.map((n) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri])).toEqual([['warning', 'src/drafts/resume.ts']]);
    expect(notes[0].toolExecutionNotifications[0].message.text).toMatch(/^syntax error at 4:3/);
  });

  it('uses relative, /-separated URIs under %SRCROOT%, prefixed with the path from the git root', () => {
    const check = (uri: string) => {
      expect(uri).not.toMatch(/^\/|^[a-z][a-z0-9+.-]*:|\\|(^|\/)\.\.?\//i);
    };
    const root = copyProject('monorepo', tempDir());
    for (const res of sarifOf(root).runs[0].results) {
      const loc = res.locations[0].physicalLocation;
      check(loc.artifactLocation.uri);
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).toMatch(/^packages\/legacy-sse\/src\/index\.ts$/);
    }
    // Scanning a sub-directory of a git repository: URIs are relative to the repository root,
    // which is what code scanning resolves them against.
    const repo = tree({ 'services/shop/src/a.ts': "export const sid = (h: Record<string, string>) => h['mcp-session-id'];\n" });
    execFileSync('git', ['init', '-q', repo]);
    const sub = path.join(repo, 'services/shop');
    const r = runCli(['scan', '.', '--format', 'sarif', '--no-progress'], { cwd: sub, env: { GIT_DIR: undefined } as NodeJS.ProcessEnv });
    const uris = (JSON.parse(r.stdout) as SarifLog).runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['services/shop/src/a.ts']);
    const gh = runCli(['scan', '.', '--format', 'github', '--no-progress'], { cwd: sub, env: { GIT_DIR: undefined, GITHUB_STEP_SUMMARY: undefined } as NodeJS.ProcessEnv });
    expect(gh.stdout).toMatch(/^::error file=services\/shop\/src\/a\.ts,line=1,/m);
  });

  it('partialFingerprints survive a line shift and change when the flagged line changes', () => {
    const key = 'mcpMigrateFinding/v1';
    const byRuleAndUri = (log: SarifLog) => log.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints[key]}`).sort();
    const root = copyProject('bookshop-sessionful', tempDir());
    const before = sarifOf(root);
    for (const r of before.runs[0].results) expect(r.partialFingerprints[key]).toMatch(/^[0-9a-f]{32}:\d+$/);
    expect(new Set(before.runs[0].results.map((r) => r.partialFingerprints[key])).size).toBe(before.runs[0].results.length);

    const file = path.join(root, 'src/tools.ts');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `\n\n\n// a licence header added later\n\n${original}`);
    const shifted = sarifOf(root);
    expect(byRuleAndUri(shifted)).toEqual(byRuleAndUri(before));
    const lines = (log: SarifLog) => log.runs[0].results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/tools.ts').map((r) => r.locations[0].physicalLocation.region.startLine);
    expect(lines(shifted)).toEqual(lines(before).map((l) => l + 5));

    // Edit the flagged line of the session-state finding: that finding becomes a new one, the rest keep theirs.
    fs.writeFileSync(file, original.replace('const baskets = new Map<string, Line[]>();', 'const baskets = new Map<string, Array<Line>>();'));
    const edited = sarifOf(root);
    const fp = (log: SarifLog, ruleId: string) => log.runs[0].results.filter((r) => r.ruleId === ruleId).map((r) => r.partialFingerprints[key]);
    expect(fp(edited, 'session-state')).toHaveLength(1);
    expect(fp(edited, 'session-state')).not.toEqual(fp(before, 'session-state'));
    const others = (log: SarifLog) => byRuleAndUri(log).filter((s) => !s.startsWith('session-state '));
    expect(others(edited)).toEqual(others(before));
  });
});

// ---------------------------------------------------------------------------------------------
// GitHub annotations and job summary
// ---------------------------------------------------------------------------------------------

describe('GitHub workflow commands', () => {
  const ANNOTATION = /^::(error|warning|notice) file=([^,:]+),line=(\d+),endLine=(\d+),col=\d+,endColumn=\d+,title=([^,:]+)::(.+)$/;
  const SESSION_READ = (n: number) => `export const sid${n} = (req: { headers: Record<string, string> }) => req.headers['mcp-session-id'];`;

  it('prints one annotation per finding in the ::level file=…,line=…,endLine=…,title=…::message form', () => {
    const root = copyProject('bookshop-sessionful', tempDir());
    const findings = (JSON.parse(run(['scan', '.', '--format', 'json'], root).stdout) as { findings: JsonFinding[] }).findings;
    const r = run(['scan', '.', '--format', 'github', '--no-progress'], root, { GITHUB_STEP_SUMMARY: path.join(path.dirname(root), 's.md') });
    const lines = r.stdout.split('\n');
    const annotations = lines.filter((l) => l.startsWith('::') && !l.includes('title=mcp-migrate could not scan::'));
    expect(annotations).toHaveLength(findings.length);
    // Files that could not be scanned are warnings on the file, after the findings.
    expect(lines).toContain("::warning file=src/drafts/resume.ts,title=mcp-migrate could not scan::syntax error at 4:3: ']' expected. (findings in this file may be incomplete)");
    for (const line of annotations) expect(line).toMatch(ANNOTATION);
    const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;
    for (const f of findings) {
      const line = annotations.find((a) => a.includes(`file=${f.file},line=${f.line},`) && a.includes(`title=mcp-migrate ${f.ruleId}::`));
      expect(line, `${f.file}:${f.line} ${f.ruleId}`).toBeDefined();
      expect(line!.startsWith(`::${COMMAND[f.severity]} `)).toBe(true);
    }
    // Most severe first.
    const order = annotations.map((a) => ['error', 'warning', 'notice'].indexOf(ANNOTATION.exec(a)![1]));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('escapes %, CR, LF in messages and also : and , in properties', () => {
    const name = 'src/promo:50%,off.ts';
    const root = tree({
      [name]: [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'const claimed = new Map<string, boolean>();',
        "const server = new McpServer({ name: 'promo', version: '1.0.0' });",
        "server.tool('50%: off,\\nnow', 'Claim the offer', async (extra) => {",
        '  claimed.set(extra.sessionId!, true);',
        "  return { content: [{ type: 'text', text: 'ok' }] };",
        '});',
        '',
      ].join('\n'),
    });
    const r = run(['scan', '.', '--format', 'github', '--no-progress'], root);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(a).toMatch(ANNOTATION);
      expect(a).toContain('file=src/promo%3A50%25%2Coff.ts,');
    }
    const tool = annotations.find((a) => a.includes('title=mcp-migrate stateful-tool::'));
    expect(tool, r.stdout).toBeDefined();
    // In the message (data) only %, CR and LF are escaped; the tool name's real newline becomes %0A.
    expect(tool).toContain('50%25: off,%0Anow');
    expect(tool).not.toMatch(/\r|\n/);
  });

  it('caps annotations at 50, most severe first, and says how many were left out', () => {
    const files: Record<string, string> = { 'src/headers.ts': `${Array.from({ length: 55 }, (_, i) => SESSION_READ(i)).join('\n')}\n` };
    for (let i = 0; i < 3; i++) files[`deploy/lb${i}.conf`] = `upstream app${i} {\n    ip_hash;\n    server 10.0.0.${i + 1}:80;\n}\n`;
    const root = tree(files);
    const r = run(['scan', '.', '--format', 'github', '--no-progress'], root);
    const lines = r.stdout.trimEnd().split('\n');
    const annotations = lines.filter((l) => ANNOTATION.test(l));
    expect(annotations).toHaveLength(50);
    expect(annotations.every((a) => a.startsWith('::error '))).toBe(true);
    expect(lines).toContain('::notice title=mcp-migrate::8 more finding(s) not annotated (cap 50); see the job summary or run mcp-migrate scan locally');
    expect(lines.at(-1)).toBe('mcp-migrate: 58 finding(s) (55 error(s), 3 warning(s), 0 info) in 4 file(s)');
    expect(lines).toHaveLength(52);
  });

  it('appends a Markdown job summary to $GITHUB_STEP_SUMMARY when it is set, and writes none when it is not', () => {
    const root = copyProject('bookshop-sessionful', tempDir());
    const summary = path.join(path.dirname(root), 'step-summary.md');
    fs.writeFileSync(summary, '## an earlier step\n\n');
    const r = run(['scan', '.', '--format', 'github', '--no-progress'], root, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text.startsWith('## an earlier step\n\n## mcp-migrate: 13 finding(s)\n')).toBe(true);
    expect(text).toContain('| Category | Findings |');
    expect(text).toContain('| Session-keyed application state (`session-state`) | 1 |');
    expect(text).toContain('| `src/tools.ts:11` | error |');
    expect(r.stdout).not.toContain('## mcp-migrate'); // the summary does not leak into the log

    const clean = copyProject('stateless-clean', tempDir());
    const cleanSummary = path.join(path.dirname(clean), 'step-summary.md');
    run(['scan', '.', '--format', 'github', '--no-progress'], clean, { GITHUB_STEP_SUMMARY: cleanSummary });
    expect(fs.readFileSync(cleanSummary, 'utf8')).toBe('## mcp-migrate: no stateful assumptions\n\n');

    const before = fs.readdirSync(path.dirname(root)).sort();
    run(['scan', '.', '--format', 'github', '--no-progress'], root);
    expect(fs.readdirSync(path.dirname(root)).sort()).toEqual(before);
  });
});

describe('pretty "How to fix"', () => {
  it('names the codemods the findings carry, and for how many when not for all', () => {
    const json = JSON.parse(runCli(['scan', 'fixtures/scan/stateful-tool', '--format', 'json', '--fail-on', 'none'], { cwd: REPO }).stdout);
    // Info findings ask for nothing (a request kept on the 2025 path): not counted there.
    const all = json.findings.filter((f: { ruleId: string }) => f.ruleId === 'stateful-tool');
    const tool = all.filter((f: { severity: string }) => f.severity !== 'info');
    expect(tool.length).toBeLessThan(all.length);
    const fixable = tool.filter((f: { fix?: string }) => f.fix);
    // The fixtures hold both: tools explicit-handles rewrites and ones it leaves to a person.
    expect(fixable.length).toBeGreaterThan(0);
    expect(fixable.length).toBeLessThan(tool.length);
    const pretty = runCli(['scan', 'fixtures/scan/stateful-tool', '--fail-on', 'none', '--no-color'], { cwd: REPO }).stdout;
    expect(pretty).toContain(`stateful-tool ×${tool.length}: `);
    expect(pretty).toContain(`(mcp-migrate fix tries: explicit-handles, for ${fixable.length} of ${tool.length})`);
  });

  it("gives the part of a rule's advice its findings share, and each part, counted, when they differ", () => {
    const dir = tempTree({
      'cors.ts': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'x', version: '1' });\nexport const cors = { allowedHeaders: ['Content-Type', 'Mcp-Session-Id'] };\n",
    });
    const one = runCli(['scan', '.', '--fail-on', 'none', '--no-color'], { cwd: dir }).stdout;
    expect(one).toMatch(/^ {2}session-header ×1: Drop it from the list, and list Mcp-Method, Mcp-Name and MCP-Protocol-Version/m);
    fs.writeFileSync(path.join(dir, 'read.ts'), "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'x', version: '1' });\nexport const sid = (req: { headers: Record<string, string> }) => server && lookup(req.headers['mcp-session-id']);\ndeclare function lookup(id: string): void;\n");
    const two = runCli(['scan', '.', '--fail-on', 'none', '--no-color'], { cwd: dir }).stdout;
    expect(two).toMatch(/^ {2}session-header ×2: \(mcp-migrate fix tries: cors-headers, stateless-transport\) https:\S+\n {6}×1: Drop it from the list, and list Mcp-Method, Mcp-Name and MCP-Protocol-Version.*\n {6}×1: Remove the header handling and replace what it looked up with an explicit handle argument/m);
  });

  // A stdio server's own initialize handler and a client's handshake each get the part that is
  // theirs, not the whole advice, which speaks of HTTP transports (trial 59B).
  it("gives each part of a rule's advice, counted, where its findings each get one of their own", () => {
    const dir = tempTree({
      'server.ts': "import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nimport { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';\nimport { InitializeRequestSchema } from '@modelcontextprotocol/sdk/types.js';\nconst server = new Server({ name: 'db', version: '1.0.0' }, { capabilities: {} });\nserver.setRequestHandler(InitializeRequestSchema, async () => ({ protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'db', version: '1.0.0' } }));\nawait server.connect(new StdioServerTransport());\n",
      'client.ts': "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nconst client = new Client({ name: 'probe', version: '1.0.0' });\nexport const hello = () => client.request({ method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } }, {} as never);\n",
    });
    const pretty = runCli(['scan', '.', '--fail-on', 'none', '--no-color'], { cwd: dir }).stdout;
    expect(pretty).toMatch(/^ {2}initialize-request ×2: https:\S+\n {6}×1: Ask the server with server\/discover first.*\n {6}×1: Read the client's identity and capabilities from each request's _meta envelope/m);
    expect(pretty).not.toContain('Serve every POST with a fresh stateless transport');
  });

  it('is left out when every finding is info', () => {
    const pretty = runCli(['scan', 'fixtures/scan/session-header/proxy-cors.ts', '--fail-on', 'none', '--no-color'], { cwd: REPO }).stdout;
    expect(pretty).toMatch(/info +CORS allowHeaders lists Mcp-Session-Id: this code proxies/);
    expect(pretty).not.toMatch(/How to fix/);
  });
});
