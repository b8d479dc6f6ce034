/**
 * Gateways that serve a stdio MCP server over HTTP, as a deployment config runs them (trial 72B
 * B6): supergateway (`--stdio "node dist/index.js"`; its default output is the legacy HTTP+SSE
 * transport, `--outputTransport streamableHttp` is stateless unless `--stateful`) and mcp-proxy
 * (`mcp-proxy --port 8080 -- node dist/index.js`, which serves the legacy `/sse` endpoint beside
 * its Streamable HTTP one unless `--server stream`). Read from a Dockerfile's instructions, a
 * compose or Kubernetes `command:` / `args:` / `entrypoint:`, and a deployment script's lines.
 * The sse-gateway and stateful-gateway rules report what the gateway serves; the scanner matches
 * the stdio command to the run's code (servedScript, gatewayScriptCandidates), so that a file
 * serving stdio alone is not told "one process serves one client" while the gateway serves it.
 */
import type { ConfigFile } from '../types.js';
import { commandEnd, commandStart, configLines, indentOf, yamlEntry, type ConfigLine } from './text.js';

/** A gateway's name as a command token: a bare name, a path to its bin, or a pinned package (`supergateway@3.4.0`). */
const GATEWAY_TOKEN = /^(?:.*\/)?(supergateway|mcp-proxy)(?:@[\w.^~-]+)?$/;
/** A mention of a gateway in a line of config, before any tokenizing. */
export const GATEWAY_MENTION = /\b(supergateway|mcp-proxy)\b/;

export interface GatewayCommand {
  gateway: 'supergateway' | 'mcp-proxy';
  /** The stdio command it runs (`node dist/index.js`). */
  stdio: string;
  /** It serves the legacy HTTP+SSE transport (supergateway's default output; mcp-proxy's `/sse`). */
  sse: boolean;
  /** supergateway's `--stateful`: Streamable HTTP with a session (and a process) per client. */
  stateful: boolean;
  /** 1-based line of the gateway's name. */
  line: number;
  /** Offsets of the gateway's name in the file, and of its `--stateful` where it has one. */
  start: number;
  end: number;
  statefulAt?: [number, number];
}

/** Words of a shell command line, with quotes taken off (no expansions). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)/g)) {
    const word = match[1] ?? match[2] ?? match[3].replace(/\\(.)/g, '$1');
    // Adjacent pieces (`--stdio="node x"`) belong to one word.
    const glued = match.index! > 0 && !/\s/.test(command[match.index! - 1]) && words.length > 0;
    if (glued) words[words.length - 1] += word;
    else words.push(word);
  }
  return words;
}

/** The items of a JSON or YAML flow list (`["npx", "-y", 'supergateway']`), or undefined when the text is not one. */
function flowList(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
  } catch {
    // (YAML's own quoting: read item by item.)
  }
  const inner = trimmed.slice(1, -1);
  return [...inner.matchAll(/\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,]+)\s*(?:,|$)/g)].map((m) => m[1].trim().replace(/^"(.*)"$|^'(.*)'$/s, (_all, d: string | undefined, s: string | undefined) => d ?? s ?? '')).filter((item) => item !== '');
}

/** A command's words, where a list item or an argument of `sh -c` holds a whole command line of its own. */
function commandWords(words: string[]): string[] {
  if (words.some((w) => GATEWAY_TOKEN.test(w))) return words;
  const line = words.find((w) => GATEWAY_MENTION.test(w) && /\s/.test(w));
  return line ? shellWords(line) : words;
}

/** mcp-proxy's options that take no value (the TypeScript proxy's and the Python one's). */
const PROXY_FLAGS = new Set(['--debug', '--shell', '--stateless', '--pass-environment', '--no-pass-environment', '--help', '-h', '--version']);

/** What the gateway in `words` serves, or undefined where it serves no stdio command over HTTP (a client bridge, a WebSocket output). */
function readGateway(words: string[]): Omit<GatewayCommand, 'line' | 'start' | 'end' | 'statefulAt'> | undefined {
  const at = words.findIndex((w) => GATEWAY_TOKEN.test(w));
  if (at < 0) return undefined;
  const gateway = GATEWAY_TOKEN.exec(words[at])![1] as GatewayCommand['gateway'];
  const rest = words.slice(at + 1);
  const option = (name: string): string | undefined => {
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === name) return rest[i + 1];
      if (rest[i].startsWith(`${name}=`)) return rest[i].slice(name.length + 1);
    }
    return undefined;
  };
  if (gateway === 'supergateway') {
    // (`--sse URL`, `--streamableHttp URL`: a client's bridge to a remote server, which serves nothing.)
    const stdio = option('--stdio');
    if (!stdio) return undefined;
    const output = (option('--outputTransport') ?? 'sse').toLowerCase();
    if (output === 'sse') return { gateway, stdio, sse: true, stateful: false };
    if (output !== 'streamablehttp') return undefined;
    const stateful = rest.includes('--stateful') || /^true$/i.test(option('--stateful') ?? '');
    return { gateway, stdio, sse: false, stateful };
  }
  // mcp-proxy: options, then the command (after `--`, or at the first word that is no option).
  let i = 0;
  while (i < rest.length && rest[i] !== '--' && rest[i].startsWith('-')) i += rest[i].includes('=') || PROXY_FLAGS.has(rest[i]) ? 1 : 2;
  if (rest[i] === '--') i++;
  const command = rest.slice(i);
  // (A URL: the Python proxy's client mode, a bridge from stdio to a remote server.)
  if (command.length === 0 || /^https?:\/\//i.test(command[0])) return undefined;
  return { gateway, stdio: command.join(' '), sse: option('--server') !== 'stream', stateful: false };
}

/** The lines of one command: a Dockerfile instruction or a script's line continued with `\`. */
export function shellCommand(lines: readonly ConfigLine[], index: number, dockerfile: boolean): { from: number; to: number; words: string[] } {
  const from = commandStart(lines, index);
  let to = commandEnd(lines, from);
  // (A Dockerfile's comment lines inside an instruction go: the instruction goes on after them.)
  while (dockerfile && to < lines.length && lines[to - 1].code.trim() === '' && to - 1 > from) to = commandEnd(lines, to);
  const text = lines.slice(from, to).map((line) => line.code.replace(/\\\s*$/, '')).join(' ');
  // A Dockerfile instruction's own word, and its exec form (a JSON list).
  const body = text.replace(/^\s*(?:RUN|CMD|ENTRYPOINT)\s+(?:--\S+\s+)*/i, '');
  return { from, to, words: commandWords(flowList(body) ?? shellWords(body)) };
}

/** The items of a YAML block list below line `index` (`command:` over `- npx`, `- supergateway` ...), and the line after it. */
function blockItems(lines: readonly ConfigLine[], index: number): { items: string[]; to: number } {
  const items: string[] = [];
  const keyIndent = indentOf(lines[index].code);
  let i = index + 1;
  for (; i < lines.length; i++) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    const item = /^\s*-\s+(.*)$/.exec(code);
    if (!item || indentOf(code) < keyIndent) break;
    items.push(item[1].trim().replace(/^"(.*)"$|^'(.*)'$/, (_all, d: string | undefined, s: string | undefined) => d ?? s ?? ''));
  }
  return { items, to: i };
}

/** A YAML `command:` / `args:` / `entrypoint:` value: a string, a flow list or a block list below. */
export function yamlCommandValue(lines: readonly ConfigLine[], index: number): { words: string[]; to: number } | undefined {
  const entry = yamlEntry(lines[index].code);
  if (!entry || !/^(command|args|entrypoint)$/.test(entry.key)) return undefined;
  // (The raw value: yamlEntry takes the quotes off a scalar, and a flow list's items keep theirs.)
  const raw = /:\s*(.*)$/.exec(lines[index].code)![1].trim();
  if (raw === '' || raw === '|' || raw === '>' || /^[|>][-+]?$/.test(raw)) {
    const { items, to } = blockItems(lines, index);
    if (items.length > 0) return { words: commandWords(items), to };
    // A block scalar: the command line on the lines below it.
    let end = index + 1;
    while (end < lines.length && (lines[end].code.trim() === '' || indentOf(lines[end].code) > indentOf(lines[index].code))) end++;
    return { words: commandWords(shellWords(lines.slice(index + 1, end).map((l) => l.code).join(' '))), to: end };
  }
  return { words: commandWords(flowList(raw) ?? shellWords(entry.value)), to: index + 1 };
}

/**
 * The YAML key line whose command holds line `index` (the line itself, or the `command:` above a
 * list item), and its words together with a Kubernetes container's `args:` beside its `command:`.
 */
function yamlCommand(lines: readonly ConfigLine[], index: number): { from: number; to: number; words: string[] } | undefined {
  let key = index;
  while (key >= 0 && !yamlEntry(lines[key].code) && (/^\s*-\s/.test(lines[key].code) || lines[key].code.trim() === '' || key === index)) key--;
  const value = key >= 0 ? yamlCommandValue(lines, key) : undefined;
  if (!value || value.to <= index) return undefined;
  let { words, to } = value;
  // The container's `args:` at the `command:`'s own indent, next to it.
  if (yamlEntry(lines[key].code)?.key === 'command') {
    for (let i = value.to; i < lines.length; i++) {
      if (lines[i].code.trim() === '') continue;
      const args = indentOf(lines[i].code) === indentOf(lines[key].code) && yamlEntry(lines[i].code)?.key === 'args' ? yamlCommandValue(lines, i) : undefined;
      if (args) ({ words, to } = { words: [...words, ...args.words], to: args.to });
      break;
    }
  }
  return { from: key, to, words };
}

/** The gateways a deployment config runs, each with the stdio command it serves and where it is written. */
export function gatewayCommands(file: Pick<ConfigFile, 'path' | 'text' | 'kind'>): GatewayCommand[] {
  if (!GATEWAY_MENTION.test(file.text)) return [];
  const lines = configLines(file);
  const found: GatewayCommand[] = [];
  let after = 0;
  lines.forEach((line, index) => {
    if (index < after || !GATEWAY_MENTION.test(line.code)) return;
    const command = file.kind === 'yaml' ? yamlCommand(lines, index) : shellCommand(lines, index, file.kind === 'dockerfile');
    if (!command) return;
    after = command.to;
    const served = readGateway(command.words);
    if (!served) return;
    // Where it is written: the gateway's name, and `--stateful`, in the command's lines.
    const span = lines.slice(command.from, command.to);
    const named = span.find((l) => GATEWAY_MENTION.test(l.code))!;
    const name = GATEWAY_MENTION.exec(named.code)!;
    const stateful = served.stateful ? span.find((l) => /--stateful\b/.test(l.code)) : undefined;
    const flag = stateful ? /--stateful\b/.exec(stateful.code)! : undefined;
    found.push({
      ...served,
      line: lines.indexOf(named) + 1,
      start: named.start + name.index,
      end: named.start + name.index + name[0].length,
      ...(stateful && flag ? { statefulAt: [stateful.start + flag.index, stateful.start + flag.index + flag[0].length] as [number, number] } : {}),
    });
  });
  return found;
}

/** Options of node (and the runners built on it) whose value is the next word. */
const VALUED_OPTIONS = /^(-r|--require|--import|--loader|--experimental-loader|--env-file|--conditions|-C|--tsconfig)$/;

/** The runners whose next word is the script they run (`node dist/index.js`, `npx tsx src/index.ts`, `deno run -A main.ts`). */
const SCRIPT_RUNNERS = /^(node|nodejs|tsx|ts-node|ts-node-esm|bun|deno|python3?|uv)$/;

/**
 * What a gateway's stdio command runs of the project: a script path (`dist/index.js`), `npm run
 * <script>` / `npm start` (looked up in `scripts`), `node .` (the package's `main`); undefined for
 * a package's server (`npx -y @modelcontextprotocol/server-filesystem`) or what it cannot tell.
 */
export function servedScript(stdio: string, scripts: (name: string) => string | undefined, main: () => string | undefined, depth = 0): string | undefined {
  const words = shellWords(stdio).filter((w) => !/^\w+=/.test(w));
  // (`npx tsx x.ts`, `npx -y tsx x.ts`, `exec node x.js`: the runner after them.)
  while (words.length > 0 && /^(npx|exec|pnpm|yarn|bunx|env)$/.test(words[0]) && !(words[0] !== 'npx' && /^(run|start)$/.test(words[1] ?? ''))) {
    words.shift();
    while (words[0]?.startsWith('-')) words.shift();
  }
  const [runner, ...rest] = words;
  if (!runner) return undefined;
  if (/^(npm|pnpm|yarn|bun)$/.test(runner) && depth === 0) {
    const name = rest[0] === 'start' ? 'start' : rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : undefined;
    const script = name ? scripts(name) : undefined;
    return script ? servedScript(script, scripts, main, depth + 1) : undefined;
  }
  if (!SCRIPT_RUNNERS.test(runner)) return /^\.{0,2}\/|\.[cm]?[jt]s$/.test(runner) ? runner : undefined;
  // The first word that is no option (nor an option's value: `node --import tsx src/index.ts`, `-r dotenv/config`).
  let at = runner === 'deno' || runner === 'uv' ? (rest[0] === 'run' ? 1 : 0) : 0;
  while (at < rest.length && rest[at].startsWith('-')) at += !rest[at].includes('=') && VALUED_OPTIONS.test(rest[at]) ? 2 : 1;
  const target = rest[at];
  if (!target) return undefined;
  return target === '.' || target === './' ? main() : target;
}

/**
 * The files a script path may be the built output of, in the order to try: the path itself (a
 * JavaScript project), then, for a compiled `.js`, the TypeScript source under the tsconfig's
 * `rootDir` for its `outDir` (`dist/index.js` ↔ `src/index.ts`), or under `src/` or the folder
 * itself where no tsconfig says.
 */
export function gatewayScriptCandidates(script: string, outDir: string | undefined, rootDir: string | undefined): string[] {
  const clean = script.replace(/^\.\//, '');
  const candidates = [clean];
  const ext = /\.([cm]?)js$/.exec(clean);
  if (!ext) return candidates;
  const sources = (base: string) => (ext[1] ? [`${base}.${ext[1]}ts`] : [`${base}.ts`, `${base}.tsx`]);
  const stem = clean.slice(0, -ext[0].length);
  const out = outDir?.replace(/^\.\//, '').replace(/\/$/, '');
  // (Without a rootDir, tsc's is the folder common to the inputs: src/ most often, or the package's own.)
  const roots = rootDir !== undefined ? [rootDir.replace(/^\.\//, '').replace(/\/$/, '')] : ['src', ''];
  const pairs: Array<[string, string]> = (out ? [out] : ['dist', 'build', 'lib', 'out']).flatMap((o) => roots.map((r): [string, string] => [o, r]));
  for (const [from, to] of pairs) {
    if (from === '' || from === '.' || !stem.startsWith(`${from}/`)) continue;
    const rest = stem.slice(from.length + 1);
    candidates.push(...sources(to === '' || to === '.' ? rest : `${to}/${rest}`));
  }
  // (Compiled in place: `index.js` beside `index.ts`.)
  candidates.push(...sources(stem));
  return [...new Set(candidates)];
}

/** How a finding names where a gateway is written: `Dockerfile line 6 (supergateway)`. */
export function gatewayPlace(file: string, gateway: Pick<GatewayCommand, 'line' | 'gateway'>): string {
  return `${file} line ${gateway.line} (${gateway.gateway})`;
}

/** What the scanner lets gatewayTarget read of the project: its code files, and its manifests' text. */
export interface GatewayProject {
  /** Whether a path (relative to the scanned root, `/`-separated) is a code file of the run. */
  has(relative: string): boolean;
  /** The text of a file relative to the root (a package.json, a tsconfig.json), or undefined. */
  read(relative: string): string | undefined;
}

/** A JSON(C) manifest's object, or undefined (tsconfig.json may have comments and trailing commas). */
function manifest(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/,(\s*[}\]])/g, '$1'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The code file of the run a gateway's stdio command runs (its path relative to the root), or
 * why none is named: the script resolved against the config's folder, then the root (an absolute
 * container path, `/app/dist/index.js`, by its shortest tail that names one); its package's
 * `scripts`, `main` and `bin`, and its tsconfig's outDir and rootDir, as the project states them.
 */
export function gatewayTarget(gateway: Pick<GatewayCommand, 'stdio'>, configFolder: string, project: GatewayProject): { file: string } | { unmatched: string } {
  const join = (base: string, rel: string) => (base === '' || base === '.' ? rel : `${base}/${rel}`).replace(/\/\.\//g, '/');
  const bases = [...new Set([configFolder, ''])];
  const pkg = bases.map((base) => manifest(project.read(join(base, 'package.json')))).find(Boolean);
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  const bin = typeof pkg?.bin === 'string' ? pkg.bin : pkg?.bin && typeof pkg.bin === 'object' ? Object.values(pkg.bin as Record<string, unknown>).find((v): v is string => typeof v === 'string') : undefined;
  // (`npx -y <this package>`: the package's own bin, where the gateway runs the project published.)
  const own = /^npx\s+(?:-\S+\s+)*(@?[^\s@]+(?:\/[^\s@]+)?)(?:@\S+)?\s*$/.exec(gateway.stdio.trim());
  const script = own && typeof pkg?.name === 'string' && own[1] === pkg.name ? bin : servedScript(gateway.stdio, (name) => (typeof scripts[name] === 'string' ? (scripts[name] as string) : undefined), () => (typeof pkg?.main === 'string' ? pkg.main : undefined));
  if (!script) return { unmatched: `its command \`${gateway.stdio}\` names no script of the project (a package's server, or a command not read)` };
  const tails = script.startsWith('/') ? script.split('/').filter(Boolean).map((_, i, parts) => parts.slice(i).join('/')) : [script];
  for (const base of bases) {
    const tsconfig = manifest(project.read(join(base, 'tsconfig.json')))?.compilerOptions as Record<string, unknown> | undefined;
    const outDir = typeof tsconfig?.outDir === 'string' ? tsconfig.outDir : undefined;
    const rootDir = typeof tsconfig?.rootDir === 'string' ? tsconfig.rootDir : undefined;
    for (const tail of tails) {
      for (const candidate of gatewayScriptCandidates(tail, outDir, rootDir)) {
        const file = join(base, candidate).replace(/^\.\//, '');
        if (project.has(file)) return { file };
      }
    }
  }
  return { unmatched: `the script it runs, \`${script}\`, is no code file of this run nor the built output of one (looked for beside ${configFolder === '' ? 'the root' : `${configFolder}/ and the root`})` };
}

/**
 * What a finding of a stdio-only file says of the gateway that serves it (`place`: gatewayPlace):
 * why state its process keeps does not serve one client only.
 */
export function gatewayServesNote(place: string, gateway: Pick<GatewayCommand, 'gateway' | 'sse' | 'stateful'>): string {
  // supergateway's stateless Streamable HTTP spawns a child process per POST (and initializes it itself).
  if (gateway.gateway === 'supergateway' && !gateway.sse && !gateway.stateful) return `${place} serves it over stateless Streamable HTTP, which starts a new process of it for every request: what one call leaves in the process, the next call never finds`;
  const how = gateway.sse ? 'over the legacy HTTP+SSE transport' : gateway.stateful ? 'over Streamable HTTP with sessions' : 'over Streamable HTTP';
  return `${place} serves it ${how}: each instance of the gateway runs its own process of it, and a 2026-07-28 client's next call, sent to any instance, need not reach the one that holds this`;
}
