import type { ts as TS } from 'ts-morph';
import { ts } from '../../analysis/typescript.js';
import { propertyNameText } from '../../analysis/ast.js';
import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { urlParts } from './text.js';

/** Where a client config lists its servers: `mcpServers` (Claude, Cursor, Windsurf, Cline, Gemini CLI), `servers` (VS Code). */
const SERVER_LISTS = new Set(['mcpServers', 'servers']);
/** The keys that hold a remote server's address. */
const URL_KEYS = ['url', 'serverUrl', 'httpUrl'];
/** A transport named in an entry that is not the legacy one (`type: "http"` in VS Code and Claude Code). */
const STREAMABLE = /^(http|https|streamable[-_]?http|streamablehttp)$/i;
/** An address on the developer's own machine: most likely the project's own server. */
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|host\.docker\.internal)$/i;

/** A property's name when it is a plain `key: value` (what JSON holds). */
function propertyName(property: TS.ObjectLiteralElementLike): string | undefined {
  return ts.isPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
}

function stringProperty(entry: TS.ObjectLiteralExpression, key: string): TS.StringLiteral | undefined {
  const property = entry.properties.find((p): p is TS.PropertyAssignment => propertyName(p) === key);
  return property && ts.isStringLiteral(property.initializer) ? property.initializer : undefined;
}

const SSE_PATH = /\/sse\/?$/i;

interface SseEntry {
  /** The string that shows the entry is SSE: its `type`, or the URL. */
  at: TS.Node;
  url?: string;
  why: string;
}

/**
 * Whether a server entry connects over HTTP+SSE: a `type`/`transport` of "sse"; Gemini CLI's `url`
 * (its Streamable HTTP key is `httpUrl`); an address whose path ends in `/sse` with no transport
 * named; a stdio bridge (`mcp-remote`, `supergateway`) handed such an address.
 */
function sseEntry(entry: TS.ObjectLiteralExpression, gemini: boolean): SseEntry | undefined {
  const type = stringProperty(entry, 'type') ?? stringProperty(entry, 'transport');
  const address = URL_KEYS.map((key) => ({ key, literal: stringProperty(entry, key) })).find((candidate) => candidate.literal);
  const url = address?.literal?.text;
  if (type) {
    if (/^sse$/i.test(type.text)) return { at: type, url, why: `"${type.text}" transport` };
    if (STREAMABLE.test(type.text)) return undefined;
  }
  if (address?.literal) {
    if (gemini && address.key === 'url') return { at: address.literal, url, why: "Gemini CLI's `url` key; `httpUrl` is its Streamable HTTP one" };
    if (address.key !== 'httpUrl' && SSE_PATH.test(urlParts(address.literal.text)?.path ?? '')) return { at: address.literal, url, why: 'an /sse endpoint' };
    return undefined;
  }
  const args = entry.properties.find((p): p is TS.PropertyAssignment => propertyName(p) === 'args');
  if (args && ts.isArrayLiteralExpression(args.initializer)) {
    for (const arg of args.initializer.elements) {
      if (ts.isStringLiteral(arg) && SSE_PATH.test(urlParts(arg.text)?.path ?? '')) return { at: arg, url: arg.text, why: 'an /sse endpoint, through a stdio bridge' };
    }
  }
  return undefined;
}

/** Where an address points: this machine (most likely the project's own server), a variable, or elsewhere. */
function addressKind(url: string | undefined): 'local' | 'variable' | 'remote' {
  if (url === undefined) return 'remote';
  // `${MCP_URL:-http://localhost:3000}/sse`: the default tells, else the variable decides.
  const variable = /^\$\{?\w+(?::?-([^}]*))?\}?/.exec(url.trim());
  const address = variable ? variable[1] : url;
  const host = address === undefined ? undefined : urlParts(address)?.host;
  if (host !== undefined && LOCAL_HOST.test(host)) return 'local';
  return variable ? 'variable' : 'remote';
}

/** The `key: { ... }` properties of an object literal, by name. */
function objectProperties(object: TS.ObjectLiteralExpression): Array<[string, TS.ObjectLiteralExpression]> {
  const found: Array<[string, TS.ObjectLiteralExpression]> = [];
  for (const property of object.properties) {
    const name = propertyName(property);
    if (name !== undefined && ts.isObjectLiteralExpression((property as TS.PropertyAssignment).initializer)) found.push([name, (property as TS.PropertyAssignment).initializer as TS.ObjectLiteralExpression]);
  }
  return found;
}

function serverEntries(root: TS.ObjectLiteralExpression): Array<[string, TS.ObjectLiteralExpression]> {
  return objectProperties(root).flatMap(([name, list]) => (SERVER_LISTS.has(name) ? objectProperties(list) : []));
}

const WHERE = {
  local: ": an address on this machine, most likely this project's server, whose SSE endpoint goes when it moves to 2026-07-28",
  variable: ": an address set at run time, perhaps this project's server, whose SSE endpoint goes when it moves to 2026-07-28",
  remote: '',
};

function reportEntry(name: string, sse: SseEntry, sourceFile: TS.SourceFile, report: Reporter): void {
  const kind = addressKind(sse.url);
  // The type alone says SSE, the address is no /sse endpoint (`"transport": "sse"` beside `.../mcp`):
  // the label is what is wrong, whatever the server there serves (trial 25B).
  const path = sse.url !== undefined ? urlParts(sse.url)?.path : undefined;
  // (Only a path named for Streamable HTTP tells: a remote SSE endpoint may be at any path, `/events`.)
  const labelOnly = /" transport$/.test(sse.why) && path !== undefined && /\/mcp\/?$/i.test(path);
  const message = labelOnly
    ? `Client config entry "${name}" names the deprecated HTTP+SSE transport (${sse.why}) for ${sse.url}, a Streamable HTTP endpoint's path: a 2026-07-28 server there serves Streamable HTTP only, so name that transport (\`"type": "http"\`)`
    : `Client config entry "${name}" connects to ${sse.url ?? 'its server'} over the deprecated HTTP+SSE transport (${sse.why})${WHERE[kind]}`;
  report({ start: sse.at.getStart(sourceFile), end: sse.at.getEnd(), message, severity: kind === 'remote' ? 'info' : 'warning' });
}

/**
 * MCP client configuration checked into the repository (`.vscode/mcp.json`, `.cursor/mcp.json`,
 * `.mcp.json`, `.gemini/settings.json` ...) whose entries connect over the HTTP+SSE transport.
 * Such an entry pointing at this machine is most likely the project's own server, whose SSE
 * endpoint the migration removes: the config breaks with it (a warning). One pointing elsewhere
 * is a server this repository does not own, still on a deprecated transport (info).
 */
export const sseClientConfig: ConfigRule = {
  target: 'config',
  kinds: ['mcp-client'],
  id: 'sse-client-config',
  category: 'sse-legacy',
  severity: 'warning',
  title: 'Client config connects over the legacy HTTP+SSE transport',
  why:
    'HTTP+SSE (a GET /sse stream and a POST endpoint addressed by a session id) has been deprecated since 2025-03-26, and a ' +
    '2026-07-28 server serves Streamable HTTP only: one POST endpoint, no session. A client config that still names an SSE ' +
    'endpoint stops connecting once the server it points at has moved.',
  fix: {
    manual:
      'Point the entry at the server\'s Streamable HTTP endpoint (usually /mcp) and name that transport: `"type": "http"` in VS Code and Claude Code, `httpUrl` in Gemini CLI, a URL without /sse in Cursor; keep an SSE entry only for a server that has not moved.',
  },
  docs: `${SPEC}/basic/transports`,
  keywords: ['url', 'sse'],
  check(file, report) {
    const sourceFile = ts.parseJsonText(file.path, file.text);
    const root = sourceFile.statements[0]?.expression;
    if (!root || !ts.isObjectLiteralExpression(root)) return;
    // The only settings.json read as client config is Gemini CLI's (.gemini/settings.json).
    const gemini = /(^|\/)settings\.json$/i.test(file.path);
    for (const [name, entry] of serverEntries(root)) {
      const sse = sseEntry(entry, gemini);
      if (sse) reportEntry(name, sse, sourceFile, report);
    }
  },
};
