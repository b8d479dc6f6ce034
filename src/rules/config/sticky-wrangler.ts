import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { configLines, isJsonConfig, matchingBracket, topLevelObjects, type ConfigLine } from './text.js';

/** A binding name or class that belongs to an MCP server (`MCP_OBJECT`, `MyMCP`, `McpAgentDO`). */
const MCP_NAME = /mcp/i;

interface Field {
  value: string;
  /** Offset of the key in the file. */
  at: number;
}

interface Binding {
  name?: Field;
  className?: Field;
}

const FIELD = /["']?\b(class_name|name)["']?\s*[:=]\s*["']([^"']*)["']/g;

/**
 * Cloudflare Durable Object bindings for an McpAgent: `durable_objects` bindings whose `name` or
 * `class_name` mentions MCP. McpAgent routes every request carrying an Mcp-Session-Id to the
 * Durable Object of that session, which is per-session stickiness built into the platform.
 * The finding sits on the `class_name` line, or on the `name` line when only the binding name
 * mentions MCP. Bindings of unrelated Durable Objects (counters, rate limiters) and `migrations`
 * entries are not reported. Reads wrangler.toml and wrangler.json(c) (comments blanked).
 */
export const stickyWrangler: ConfigRule = {
  target: 'config',
  kinds: ['wrangler'],
  id: 'sticky-wrangler',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'Durable Object binding gives each MCP session its own instance',
  why:
    'Cloudflare McpAgent servers bind a Durable Object class and route each request by its Mcp-Session-Id to the object ' +
    'that holds that session: per-session sticky routing built into the platform. 2026-07-28 requests carry no session id, ' +
    'so a modern client lands on a fresh object every time and any state the object kept between calls is lost.',
  fix: {
    manual:
      'Serve the MCP endpoint statelessly from the Worker (for example with createMcpHandler) and keep cross-call state in a Durable Object, KV or D1 addressed by an explicit handle; then retire this binding with a migration (a deleted_classes migration deletes the class\'s stored data: only once nothing in it is needed, and only for the McpAgent\'s class).',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['durable_objects'],
  check(file, report) {
    const lines = configLines(file);
    const code = lines.map((line) => line.code).join('\n');
    const bindings = isJsonConfig(file) ? inlineBindings(code) : [...tomlTableBindings(lines), ...inlineBindings(code)];
    for (const binding of bindings) reportBinding(binding, code, report);
  },
};

function reportBinding(binding: Binding, code: string, report: Reporter): void {
  const field = binding.className && MCP_NAME.test(binding.className.value) ? binding.className : binding.name && MCP_NAME.test(binding.name.value) ? binding.name : undefined;
  // An MCP client's Durable Object (agents' McpClientAgent) talks to servers; it serves no sessions.
  if (!field || /mcp_?client|client\w*agent/i.test(binding.className?.value ?? field.value)) return;
  const lineEnd = code.indexOf('\n', field.at);
  const end = (lineEnd === -1 ? code : code.slice(0, lineEnd)).trimEnd().length;
  const name = binding.name ? ` ${binding.name.value}` : '';
  const className = binding.className ? ` (class ${binding.className.value})` : '';
  // Only the names are known here (the class is in the Worker's code): what an McpAgent bound here does, said as such.
  report({ start: field.at, end: Math.max(end, field.at), message: `Durable Object binding${name}${className} is named for MCP: if the class bound here is an McpAgent, it gives each MCP session its own instance (McpAgent routing); if it is another Durable Object (a rate limiter, a store), it keeps data of its own and this does not apply` });
}

function collectFields(text: string, offset: number): Binding {
  const binding: Binding = {};
  for (const match of text.matchAll(FIELD)) {
    const field = { value: match[2], at: offset + match.index };
    if (match[1] === 'class_name') binding.className ??= field;
    else binding.name ??= field;
  }
  return binding;
}

/** `[[durable_objects.bindings]]` (or `[[env.<name>.durable_objects.bindings]]`) tables in TOML. */
function tomlTableBindings(lines: readonly ConfigLine[]): Binding[] {
  const bindings: Binding[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\[\[\s*(?:env\.[\w-]+\.)?durable_objects\.bindings\s*\]\]/.test(lines[i].code)) continue;
    let j = i + 1;
    while (j < lines.length && !/^\s*\[/.test(lines[j].code)) j++;
    const body = lines.slice(i + 1, j);
    if (body.length > 0) bindings.push(collectFields(body.map((line) => line.code).join('\n'), body[0].start));
    i = j - 1;
  }
  return bindings;
}

/**
 * Binding objects inside a `bindings` array that belongs to `durable_objects`: JSON
 * `"durable_objects": { "bindings": [ {...} ] }` and TOML `[durable_objects]` + `bindings = [ {...} ]`,
 * `durable_objects.bindings = [...]` or `durable_objects = { bindings = [...] }`.
 */
function inlineBindings(code: string): Binding[] {
  const bindings: Binding[] = [];
  const opener = /durable_objects["']?\s*(?:\]\s*\n\s*|\.\s*|[:=]\s*\{\s*)["']?bindings["']?\s*[:=]\s*\[/g;
  for (const match of code.matchAll(opener)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBracket(code, open);
    for (const [from, to] of topLevelObjects(code, open + 1, close)) bindings.push(collectFields(code.slice(from, to), from));
  }
  return bindings;
}

