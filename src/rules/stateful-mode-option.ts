import { ts } from '../analysis/typescript.js';
import { calleeName, constantString, importOf, isUndefinedValue, literalMember, moduleExportOf, outermost, propertyNameText, referencesTo, resolveIdentifier, shownOptions, unwrap } from '../analysis/ast.js';
import { MCP_LITE_MODULE, MCP_USE_SERVER_MODULE } from '../analysis/mcp.js';
import type { ts as TS } from 'ts-morph';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';
import { MCP_NEST_MODULE, mcpNestRoot, rootOfSetting, sessionfulStreamableHttp, settingsMadeStateless } from '../analysis/mcp-nest.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression);

/**
 * mcp-use's `new MCPServer({ ... })` (or `createMCPServer(name, { ... })`) from 'mcp-use/server'
 * whose options leave `stateless` out: on Node it serves every client whose Accept lists
 * text/event-stream with a session (its default is stateless only on Deno). A `stateless` set to
 * anything is the switch's own (`stateless: false` is reported as such).
 */
function mcpUseSessionful(node: TS.NewExpression | TS.CallExpression): boolean {
  const made = moduleExportOf(node.expression);
  if (made?.module !== 'mcp-use/server') return false;
  const at = made.exported === 'MCPServer' && ts.isNewExpression(node) ? 0 : made.exported === 'createMCPServer' && ts.isCallExpression(node) ? 1 : -1;
  if (at < 0) return false;
  const shown = shownOptions(node.arguments, at);
  return !!shown && (!shown.given || !property(shown.options, 'stateless'));
}

/**
 * The `sessionAdapter` of mcp-lite's `new StreamableHttpTransport({ sessionAdapter, ... })`, when
 * it is given one (not `undefined`): the transport is sessionful then, stateless without.
 */
function mcpLiteSessionAdapter(node: TS.NewExpression): TS.ObjectLiteralElementLike | undefined {
  const made = moduleExportOf(node.expression);
  if (made?.module !== 'mcp-lite' || made.exported !== 'StreamableHttpTransport') return undefined;
  const shown = shownOptions(node.arguments, 0);
  const adapter = shown?.given ? property(shown.options, 'sessionAdapter') : undefined;
  const value = adapter && ts.isPropertyAssignment(adapter) ? unwrap(adapter.initializer) : undefined;
  return value && isUndefinedValue(value) ? undefined : adapter;
}

/** What a finding on mcp-lite's sessionful transport says (the advice tells it by its start). */
const MCP_LITE_SESSIONS_START = "mcp-lite's StreamableHttpTransport is sessionful when given a sessionAdapter";
const MCP_LITE_SESSIONS =
  `${MCP_LITE_SESSIONS_START}: it mints Mcp-Session-Id at initialize and answers 400 to any other request without one, which every 2026-07-28 request is, whatever store the adapter keeps the sessions in; omit sessionAdapter (and clientRequestAdapter, which only carries ctx.elicit() and ctx.sample() over a session). mcp-lite 0.10 also accepts only the 2025 protocol versions: clients that speak only 2026-07-28 need a release that accepts it, or a server on the SDK's v2 packages`;
const MCP_LITE_ADVICE = 'Omit sessionAdapter (and clientRequestAdapter) from the StreamableHttpTransport options: without one mcp-lite serves each request on its own, whatever instance it reaches.';

/** A Nuxt config that loads @nuxtjs/mcp-toolkit (its options are the config's `mcp` object). */
const NUXT_MCP_TOOLKIT = /['"]@nuxtjs\/mcp-toolkit['"]/;

/**
 * @nuxtjs/mcp-toolkit's `mcp: { sessions: true }` (or `{ enabled: true }`) in the Nuxt config:
 * its transport mints Mcp-Session-Id and keeps each session's transport in this instance's memory
 * (trial 48A). Off by default, and off for an object that does not say enabled: true.
 */
function nuxtSessionsOn(node: TS.PropertyAssignment): boolean {
  if (propertyNameText(node.name) !== 'sessions') return false;
  const holder = node.parent.parent;
  if (!ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'mcp') return false;
  const value = unwrap(node.initializer);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  return ts.isObjectLiteralExpression(value) && unwrap(literalMember(value, 'enabled') ?? value).kind === ts.SyntaxKind.TrueKeyword;
}

const NUXT_SESSIONS =
  "@nuxtjs/mcp-toolkit's sessions option serves MCP with a session per client: its transport mints Mcp-Session-Id at initialize, keeps each session's transport in this instance's memory and answers a request without one as if none had begun, which every 2026-07-28 request is, and useMcpSession() keeps what tools store under that id; drop sessions (stateless is the default) and keep what tools kept per session under a handle they take, in useStorage()";

const NUXT_ADVICE = "Drop `sessions` from the Nuxt config's mcp options (stateless is @nuxtjs/mcp-toolkit's default), and keep what tools kept with useMcpSession() in useStorage() under a handle argument.";

/** elysia-mcp's plugin (`mcp({ basePath, setupServer })`), sessionful unless `stateless: true`. */
const ELYSIA_MCP_IMPORT = /['"]elysia-mcp['"]/;

/** A file that uses FastMCP (the TypeScript framework `fastmcp`): imports it or builds its server. */
export const FASTMCP_IMPORT = /\bfrom\s*['"]fastmcp['"]|\brequire\(\s*['"]fastmcp['"]\s*\)|\bnew\s+FastMCP\s*[(<]/;

/** A file that uses mcp-framework (tested once per file, not per property). */
export const MCP_FRAMEWORK_IMPORT = /['"]mcp-framework['"]/;

/** mcp-framework's `new MCPServer({ transport: { type: '...' } })`: the transport type (in a file that imports it). */
export function frameworkTransport(node: TS.PropertyAssignment): string | undefined {
  if (propertyNameText(node.name) !== 'type') return undefined;
  const holder = node.parent.parent;
  if (!ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'transport') return undefined;
  return constantString(node.initializer);
}

/** A property of an object literal by name. */
function property(object: TS.ObjectLiteralExpression, name: string): TS.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => p.name !== undefined && propertyNameText(p.name as TS.PropertyName) === name);
}

/**
 * The `x.start(...)` call an options object goes to (FastMCP's `server.start`): as its argument, or
 * through a local variable, also as a branch of a ternary (`const args = http ? {...} : {...}`) or
 * assigned in a branch (`let args; if (http) args = {...}; else args = {...}`, firecrawl).
 */
export function startCallOf(options: TS.Node): TS.CallExpression | undefined {
  let at: TS.Node = options;
  while (ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent) || ts.isSatisfiesExpression(at.parent) || (ts.isConditionalExpression(at.parent) && at.parent.condition !== at)) at = at.parent;
  const parent = at.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(at as TS.Expression)) return calleeName(parent) === 'start' ? parent : undefined;
  const assigned = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === at && ts.isIdentifier(unwrap(parent.left)) ? resolveIdentifier(unwrap(parent.left) as TS.Identifier) : undefined;
  const variable = assigned ?? (ts.isVariableDeclaration(parent) && parent.initializer === at ? parent : undefined);
  if (!variable || !ts.isVariableDeclaration(variable) || !ts.isIdentifier(variable.name)) return undefined;
  // Handed to start() as it is (`server.start(args)`, the argument through parentheses or a cast).
  for (const ref of referencesTo(variable.getSourceFile(), variable as TS.VariableDeclaration & { name: TS.Identifier })) {
    const arg = outermost(ref);
    const call = arg.parent;
    if (ts.isCallExpression(call) && calleeName(call) === 'start' && call.arguments.length === 1 && call.arguments[0] === arg) return call;
  }
  return undefined;
}

/**
 * FastMCP's `server.start({ transportType: 'httpStream', ... })` keeps a session per client unless
 * `httpStream.stateless` is set: whether these options (the object holding `transportType:
 * 'httpStream'`, handed to start() as they are or through a local: see startCallOf) visibly leave it
 * out (an `httpStream` built elsewhere, a spread, or a `stateless` that is not a literal: not known).
 */
function fastmcpSessionfulOptions(options: TS.ObjectLiteralExpression): boolean {
  if (options.properties.some(ts.isSpreadAssignment)) return false;
  const http = property(options, 'httpStream');
  if (!http) return true;
  if (!ts.isPropertyAssignment(http)) return false;
  const settings = unwrap(http.initializer);
  if (!ts.isObjectLiteralExpression(settings) || settings.properties.some(ts.isSpreadAssignment)) return false;
  return !property(settings, 'stateless');
}

/**
 * Inside a call to serveStdio (the v2 packages' stdio entry point), at any depth: a switch there
 * configures the one connection a stdio process serves, which no load balancer ever splits.
 */
function insideStdioServe(node: TS.Node): boolean {
  for (let at = node.parent; at; at = at.parent) if (ts.isCallExpression(at) && calleeName(at) === 'serveStdio') return true;
  return false;
}

const SWITCHES: Array<{ key: string; value: boolean }> = [
  { key: 'statefulMode', value: true },
  { key: 'stateful', value: true },
  { key: 'stateless', value: false },
  // @rekog/mcp-nest's `streamableHttp: { statelessMode: false }`: a session id per client, whatever sessionIdGenerator says (trial 35C).
  { key: 'statelessMode', value: false },
];

/** Keys of an object that describes one request as it is served, not how to serve: its era, its session, the request itself. */
const REQUEST_CONTEXT_KEYS = new Set(['era', 'sessionId', 'requestId', 'request', 'req']);

/**
 * A switch in an object that describes a request being served (`{ transport, stateless: false,
 * era: 'legacy' }`, MCP-Nest's binding of a 2025 session's handlers): it records which way the
 * request went, a library's own bookkeeping, and configures nothing.
 */
function describesRequest(node: TS.PropertyAssignment): boolean {
  const object = node.parent;
  return ts.isObjectLiteralExpression(object) && object.properties.some((p) => p !== node && p.name !== undefined && REQUEST_CONTEXT_KEYS.has(propertyNameText(p.name) ?? ''));
}

/** What every finding on mcp-framework's http-stream transport starts with (its advice differs: the framework has no stateless switch). */
const HTTP_STREAM = "mcp-framework's http-stream transport keeps an in-memory session per client (Mcp-Session-Id)";
const HTTP_STREAM_ADVICE =
  "mcp-framework's http-stream transport has no stateless mode from 0.2.15 on (0.2.11 and earlier keep no session with session: { enabled: false }): serve the endpoint with a stateless transport (createMcpHandler on the SDK's v2 packages, or the SDK's transport built per request), or through the framework's own per-request entry (`server.handleRequest(request)`, `createLambdaHandler()`) where your version has one.";
const SWITCH = 'Switch the framework to its stateless mode (for example `stateless: true`).';
/** What a finding on mcp-use's sessionful default says. */
const MCP_USE_SESSIONS =
  "mcp-use's MCPServer is sessionful on Node unless told otherwise: without stateless: true it gives a session to every client whose Accept header lists text/event-stream, which 2026-07-28 requires of every POST, so it wants initialize first, mints Mcp-Session-Id and keeps the session's transport in this instance's memory, and refuses a 2026-07-28 request, which brings no session; pass stateless: true";

/** What a finding on @rekog/mcp-nest's streamableHttp without statelessMode says (the advice tells it by its start). */
const MCP_NEST_SESSIONS_START = "@rekog/mcp-nest merges forRoot's options shallowly";
const MCP_NEST_SESSIONS = `${MCP_NEST_SESSIONS_START}: a streamableHttp object without statelessMode replaces the default one (statelessMode: true) whole, so its Streamable HTTP transport mints Mcp-Session-Id at initialize, keeps the session in this instance's memory and answers 400 to any other request without one, which every 2026-07-28 request is; add statelessMode: true`;
const MCP_NEST_ADVICE = 'Add `statelessMode: true` to the streamableHttp options: @rekog/mcp-nest then builds a server and transport per request.';

/** Framework and adapter switches that turn sessionful serving on (`stateful: true`, `stateless: false`), and FastMCP's sessionful default. */
export const statefulModeOption: CodeRule = {
  target: 'code',
  id: 'stateful-mode-option',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Framework option or default turns sessionful serving on',
  why:
    'MCP frameworks and adapters expose a switch between sessionful and stateless serving. The sessionful setting keeps an ' +
    'in-memory session per client that only the instance which handled initialize can serve, which 2026-07-28 clients never do. ' +
    'Some are sessionful unless told otherwise (FastMCP\'s httpStream and mcp-use\'s MCPServer on Node without `stateless: true`), ' +
    'or once given a session store (mcp-lite\'s transport with a sessionAdapter).',
  fix: {
    manual: SWITCH,
    advice: ({ message }) =>
      message.startsWith(HTTP_STREAM) ? HTTP_STREAM_ADVICE
      : message.startsWith(MCP_LITE_SESSIONS_START) ? MCP_LITE_ADVICE
      : message.startsWith(MCP_NEST_SESSIONS_START) || message.startsWith('statelessMode:') ? MCP_NEST_ADVICE
      : message === NUXT_SESSIONS ? NUXT_ADVICE
      : undefined,
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['statefulmode', 'statelessmode', 'stateful:', 'stateless:', 'stateful :', 'stateless :', 'httpstream', 'http-stream', 'elysia-mcp', 'mcp-use/server', 'sessionadapter', '@rekog/mcp-nest', '@nuxtjs/mcp-toolkit'],
  check(file, report) {
    const fastmcp = FASTMCP_IMPORT.test(file.text);
    const framework = MCP_FRAMEWORK_IMPORT.test(file.text);
    const elysia = ELYSIA_MCP_IMPORT.test(file.text);
    // On Deno mcp-use's default is stateless: a file that runs there (`Deno.serve(...)`) keeps it.
    const mcpUse = MCP_USE_SERVER_MODULE.test(file.text) && !/\bDeno\./.test(file.text);
    const mcpLite = MCP_LITE_MODULE.test(file.text) && file.lower.includes('sessionadapter');
    const mcpNest = MCP_NEST_MODULE.test(file.text);
    const nuxt = NUXT_MCP_TOOLKIT.test(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isNewExpression(node)) {
        if (mcpUse && mcpUseSessionful(node)) report({ node, message: MCP_USE_SESSIONS });
        const adapter = mcpLite ? mcpLiteSessionAdapter(node) : undefined;
        if (adapter) report({ node: adapter, message: MCP_LITE_SESSIONS });
        return;
      }
      if (ts.isCallExpression(node)) {
        const nest = mcpNest ? mcpNestRoot(node) : undefined;
        const settings = nest && sessionfulStreamableHttp(nest);
        if (settings) report({ node: settings, message: MCP_NEST_SESSIONS, codemod: 'framework-options' });
        if (mcpUse && mcpUseSessionful(node)) {
          report({ node, message: MCP_USE_SESSIONS });
          return;
        }
        // `mcp({ ... })` of elysia-mcp without `stateless: true` (its default is sessionful).
        if (elysia && ts.isIdentifier(node.expression) && importOf(node.expression)?.module === 'elysia-mcp' && importOf(node.expression)?.exported === 'mcp') {
          const options = node.arguments[0] && unwrap(node.arguments[0]);
          const stateless = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'stateless') : undefined;
          const value = stateless && ts.isPropertyAssignment(stateless) ? unwrap(stateless.initializer).kind : undefined;
          // An options object that spreads or is built elsewhere may set it: only a literal without it is judged.
          const judged = !options || (ts.isObjectLiteralExpression(options) && options.properties.every((p) => !ts.isSpreadAssignment(p)));
          if (judged && value !== ts.SyntaxKind.TrueKeyword && value !== ts.SyntaxKind.FalseKeyword) {
            report({ node, message: "elysia-mcp's mcp() plugin is sessionful unless told otherwise: it mints Mcp-Session-Id on initialize, keeps each session's transport in memory and answers 400 to a request that carries none, which every 2026-07-28 request is; pass stateless: true" });
          }
        }
        return;
      }
      if (!ts.isPropertyAssignment(node)) return;
      if (nuxt && nuxtSessionsOn(node)) {
        report({ node, message: NUXT_SESSIONS });
        return;
      }
      if (fastmcp && propertyNameText(node.name) === 'transportType' && constantString(node.initializer) === 'httpStream' && ts.isObjectLiteralExpression(node.parent) && startCallOf(node.parent) && fastmcpSessionfulOptions(node.parent)) {
        report({
          node,
          message:
            "FastMCP serves httpStream with an in-memory session per client unless told otherwise: set httpStream.stateless: true (or FASTMCP_STATELESS=true). Its README says it implements the 2025 revisions only: clients that speak only 2026-07-28 need a server built on the SDK's v2 packages",
        });
        return;
      }
      if (framework && frameworkTransport(node) === 'http-stream') {
        // session: { enabled: false } turns sessions off in mcp-framework 0.2.11 and earlier only;
        // from 0.2.15 the transport mints one per client whatever it says (trial 47B ran 0.2.11).
        const off = sessionsOff(node);
        report({
          node,
          message: off
            ? `${HTTP_STREAM} from mcp-framework 0.2.15 on, whatever its options say: session: { enabled: false } keeps it sessionless only in 0.2.11 and earlier, and every version speaks the 2025 revisions only; serve this endpoint with a stateless transport (createMcpHandler on the SDK's v2 packages, or the SDK's per-request transport)`
            : `${HTTP_STREAM}: serve this endpoint with a stateless transport (createMcpHandler on the SDK's v2 packages, or the SDK's per-request transport)`,
        });
        return;
      }
      const key = propertyNameText(node.name);
      const value = unwrap(node.initializer);
      const bool = value.kind === ts.SyntaxKind.TrueKeyword ? true : value.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
      const match = SWITCHES.find((s) => s.key === key && s.value === bool);
      // @rekog/mcp-nest's `streamableHttp: { statelessMode: false }` of a forRoot framework-options sets true.
      const at = mcpNest && key === 'statelessMode' ? rootOfSetting(node) : undefined;
      const nestSettings = !!at && settingsMadeStateless(at.root) === at.settings;
      if (match && !insideStdioServe(node) && !describesRequest(node)) report({ node, message: `${key}: ${bool} serves MCP with in-memory sessions`, ...(nestSettings ? { codemod: 'framework-options' } : {}) });
    });
  },
};

/**
 * Whether the http-stream transport's options say `session: { enabled: false }`, written there
 * (beside `type: 'http-stream'`; a spread after it may say otherwise).
 */
function sessionsOff(type: TS.PropertyAssignment): boolean {
  let at: TS.Node | undefined = type.parent;
  for (const key of ['options', 'session', 'enabled']) {
    if (!at || !ts.isObjectLiteralExpression(at) || at.properties.some(ts.isSpreadAssignment)) return false;
    const value = literalMember(at, key);
    at = value && unwrap(value);
  }
  return at?.kind === ts.SyntaxKind.FalseKeyword;
}
