import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { assignsMember, calleeName, constantString, enclosingClass, enclosingFunction, inDeadInitializeBranch, isValueReference, moduleExportOf, propertyNameText, referencesTo, sourceModuleOf, switchHasCase, unwrap, walk } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';
import { servedByServeStdio } from '../analysis/transports.js';
import { isRunSpecifier, packageExportOf } from '../analysis/modules.js';
import type { SessionFacts } from '../analysis/session.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.Identifier);

const LEGACY_VERSIONS = new Set(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']);
const VERSION_CONSTANTS = new Set(['LATEST_PROTOCOL_VERSION', 'DEFAULT_NEGOTIATED_PROTOCOL_VERSION', 'SUPPORTED_PROTOCOL_VERSIONS']);
const CONTEXT_NAME = /protocol.?version|supported.?versions|mcp.?version|^version$/i;

const MODERN_VERSION = /^20(2[6-9]|[3-9]\d)-\d\d-\d\d$/;

/** An array that also lists a 2026+ version (a literal, a constant of this file holding one, or the SDK's modern list) is not a 2025-only pin. */
function listsModernVersion(array: TS.ArrayLiteralExpression): boolean {
  return array.elements.some((e) => {
    const inner = ts.isSpreadElement(e) ? e.expression : e;
    const value = constantString(inner);
    return (value !== undefined && MODERN_VERSION.test(value)) || /MODERN/.test(inner.getText());
  });
}

/**
 * The SDK's version constants, imported from its packages (`LATEST_PROTOCOL_VERSION`, or
 * `types.LATEST_PROTOCOL_VERSION` through a namespace import): a project's own constant of the same
 * name holds whatever it says, and its literal is judged where it is declared.
 */
function sdkConstant(identifier: TS.Identifier): boolean {
  const parent = identifier.parent;
  const base = ts.isPropertyAccessExpression(parent) && parent.name === identifier ? unwrap(parent.expression) : identifier;
  return ts.isIdentifier(base) && /^@modelcontextprotocol\//.test(sourceModuleOf(base) ?? '');
}

/** Whether a literal stands where a protocol version goes (not, say, a changelog date). */
function inVersionContext(literal: TS.Node): boolean {
  let current = literal.parent;
  while (ts.isArrayLiteralExpression(current) || ts.isParenthesizedExpression(current) || ts.isAsExpression(current)) {
    if (ts.isArrayLiteralExpression(current) && listsModernVersion(current)) return false;
    current = current.parent;
  }
  if (ts.isPropertyAssignment(current)) {
    const key = propertyNameText(current.name) ?? '';
    // `{ name, version }` is implementation info (serverInfo / clientInfo): a server may use a
    // date as its own version.
    if (key === 'version' && ts.isObjectLiteralExpression(current.parent) && current.parent.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === 'name')) return false;
    return CONTEXT_NAME.test(key) || key.toLowerCase() === 'mcp-protocol-version';
  }
  // A constant named for the legacy revision (`LATEST_LEGACY_PROTOCOL_VERSION`) is what a dual-era
  // implementation offers 2025 peers, not a pin.
  if (ts.isVariableDeclaration(current) && ts.isIdentifier(current.name)) return CONTEXT_NAME.test(current.name.text) && !/legacy/i.test(current.name.text);
  if (ts.isBinaryExpression(current)) {
    const other = current.left === literal ? current.right : current.left;
    return CONTEXT_NAME.test(other.getText().split('.').pop() ?? '');
  }
  if (ts.isCaseClause(current)) return CONTEXT_NAME.test(current.parent.parent.expression.getText().split('.').pop() ?? '');
  if (ts.isCallExpression(current)) {
    const name = calleeName(current) ?? '';
    if (/^(setHeader|set|header|append)$/.test(name)) return constantString(current.arguments[0])?.toLowerCase() === 'mcp-protocol-version';
    if (name === 'includes' || name === 'has') return CONTEXT_NAME.test(current.expression.getText().split('.').slice(-2, -1)[0] ?? '');
  }
  return false;
}

/**
 * `[ '2026-07-28', ...SUPPORTED_PROTOCOL_VERSIONS ]` adds a modern version to the SDK's list, and
 * a constant inside a template literal is only displayed: neither treats it as 2026 support.
 */
function extendsOrDisplaysConstant(identifier: TS.Node): boolean {
  let current: TS.Node = identifier;
  while (current.parent && (ts.isPropertyAccessExpression(current.parent) || ts.isCallExpression(current.parent) || ts.isSpreadElement(current.parent))) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent && ts.isTemplateSpan(parent)) return true;
  return !!parent && ts.isArrayLiteralExpression(parent) && listsModernVersion(parent);
}

/**
 * The v2 packages' 2025 transports, kept for sessionful 2025 deployments: only the serving entries
 * (createMcpHandler, serveStdio) speak 2026-07-28.
 */
const LEGACY_V2_TRANSPORTS: Record<string, string> = {
  StdioServerTransport: 'a 2026-07-28 client probing with server/discover gets "method not found"; serve stdio with serveStdio(() => buildServer()) of @modelcontextprotocol/server/stdio',
  NodeStreamableHTTPServerTransport: 'serve HTTP with createMcpHandler(() => buildServer()) (toNodeHandler on Node), which answers both eras',
  WebStandardStreamableHTTPServerTransport: 'serve HTTP with createMcpHandler(() => buildServer()), which answers both eras',
};

const LEGACY_V2_TRANSPORT_NAME = new RegExp(`\\b(${Object.keys(LEGACY_V2_TRANSPORTS).join('|')})\\b`);

/**
 * The reference an identifier makes: the identifier, or the member access it names
 * (`node_js_1.NodeStreamableHTTPServerTransport`, a required module's member as tsc emits CommonJS).
 */
function referenceOf(identifier: TS.Identifier): TS.Node {
  return ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier ? identifier.parent : identifier;
}

/**
 * `new X()` or `extends X` of one of those, imported from the v2 packages: on v1 they are the only
 * transports there are (moving to v2 comes first); on v2 the serving entries answer 2026-07-28.
 * The transport's name as its module exports it, or undefined.
 */
function legacyTransportOnV2(identifier: TS.Identifier, modules: SessionFacts['modules']): string | undefined {
  const ref = referenceOf(identifier);
  // The local test first: only a construction or a subclass is followed to its module.
  const parent = ref.parent;
  const constructed = ts.isNewExpression(parent) && parent.expression === ref;
  const extended = ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent) && parent.parent.token === ts.SyntaxKind.ExtendsKeyword;
  if (!constructed && !extended) return undefined;
  const bound = handedOn(moduleExportOf(ref), modules);
  if (!bound || !Object.hasOwn(LEGACY_V2_TRANSPORTS, bound.exported) || !/^@modelcontextprotocol\/(server|node)(\/|$)/.test(bound.module)) return undefined;
  // A transport class built on another (the node package's own wraps the web-standard one): not a
  // server serving with it, unless it hands the transport to a server's connect() (hf-mcp-server's
  // StdioTransport, a class of the app's that starts the server).
  if (constructed && /Transport$/.test(classNameOf(enclosingClass(parent)) ?? '') && !connectedToServer(parent as TS.NewExpression)) return undefined;
  return !constructed || !relayedByHand(parent as TS.NewExpression) ? bound.exported : undefined;
}

/**
 * What an import names, followed through the run's modules that hand a package's export on (a
 * workspace package re-exporting the SDK, trial 46C B1): the package and its name for it.
 */
function handedOn(bound: { module: string; exported: string } | undefined, modules: SessionFacts['modules']): { module: string; exported: string } | undefined {
  if (!bound || !modules || !isRunSpecifier(bound.module, modules.source)) return bound;
  const module = modules.source.resolve(modules.path, bound.module);
  return module && packageExportOf(module, bound.exported, modules.source);
}

/** A class's name: its own, or that of the variable a class expression is assigned to. */
function classNameOf(cls: TS.ClassLikeDeclaration | undefined): string | undefined {
  if (!cls) return undefined;
  if (cls.name) return cls.name.text;
  return ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name) ? cls.parent.name.text : undefined;
}

/** The local a construction is kept in (`const transport = new X()`), if it is. */
function localOf(construction: TS.NewExpression): string | undefined {
  const holder = construction.parent;
  return ts.isVariableDeclaration(holder) && holder.initializer === construction && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
}

/** Whether code in `scope` hands what `held` names (a local's name, `this.transport`) to a `connect()` call. */
function handedToConnect(scope: TS.Node, held: string): boolean {
  let connected = false;
  walk(scope, (node) => {
    if (!connected && ts.isCallExpression(node) && calleeName(node) === 'connect' && node.arguments.some((a) => unwrap(a).getText() === held)) connected = true;
    return connected ? false : undefined;
  });
  return connected;
}

/**
 * Whether a construction is handed to a server's `connect()`: directly, through the local it is
 * kept in, or through the field it is assigned to (`this.transport = new X()`).
 */
function connectedToServer(construction: TS.NewExpression): boolean {
  const parent = construction.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(construction) && calleeName(parent) === 'connect') return true;
  const field = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === construction && ts.isPropertyAccessExpression(parent.left) && parent.left.expression.kind === ts.SyntaxKind.ThisKeyword ? parent.left.getText() : undefined;
  const local = localOf(construction);
  // A local is connected in its function, a field anywhere in its class.
  const scope = local ? (enclosingFunction(construction) ?? construction.getSourceFile()) : enclosingClass(construction);
  const held = local ?? field;
  return !!held && !!scope && handedToConnect(scope, held);
}

/**
 * A transport used as a message pipe (a stdio↔HTTP relay: its `onmessage` set, no server connected
 * to it): what it speaks is whatever the other end answers, serveStdio does not apply.
 */
export function relayedByHand(construction: TS.NewExpression): boolean {
  const name = localOf(construction);
  if (!name) return false;
  const sf = construction.getSourceFile();
  return (assignsMember(sf, name, 'onmessage') || handedToRelay(sf, name)) && !handedToConnect(sf, name);
}

/** Calls that pipe two transports together (`mcpProxy({ transportToClient, transportToServer })`, `bridge(a, b)`). */
const RELAY_CALL = /proxy|relay|bridge|pipe|forward/i;

/** Whether a local is handed to such a call, as an argument or a property of one: the pipe is set up there. */
function handedToRelay(scope: TS.Node, held: string): boolean {
  let handed = false;
  walk(scope, (node) => {
    if (handed) return false;
    if (!ts.isIdentifier(node) || node.text !== held) return undefined;
    let n: TS.Node = node;
    while (ts.isPropertyAssignment(n.parent) || ts.isShorthandPropertyAssignment(n.parent) || ts.isObjectLiteralExpression(n.parent)) n = n.parent;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(n as TS.Expression) && RELAY_CALL.test(calleeName(call) ?? '')) handed = true;
    return undefined;
  });
  return handed;
}

/**
 * In the `case 'initialize':` of a hand-written dispatch that also answers server/discover: the
 * 2025 clients' fallback answers them with a 2025 version, as it must.
 */
function inLegacyInitializeAnswer(node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isCaseClause(n)) continue;
    if (constantString(n.expression) !== 'initialize') return false;
    return switchHasCase(n.parent, 'server/discover');
  }
  return false;
}

/**
 * `if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return res.status(400)...`: a version the
 * list lacks is refused, so every 2026-07-28 request is (mcp-ts-template). Whether the branch taken
 * for an unlisted version answers a 4xx status or throws.
 */
function refusesUnlisted(identifier: TS.Expression): boolean {
  let call: TS.Node = identifier.parent;
  if (ts.isPropertyAccessExpression(call) && call.expression === identifier && call.name.text === 'includes' && ts.isCallExpression(call.parent)) call = call.parent;
  else return false;
  let negated = false;
  let at: TS.Node = call;
  while (ts.isParenthesizedExpression(at.parent) || (ts.isPrefixUnaryExpression(at.parent) && at.parent.operator === ts.SyntaxKind.ExclamationToken)) {
    if (ts.isPrefixUnaryExpression(at.parent)) negated = !negated;
    at = at.parent;
  }
  const statement = at.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== at) return false;
  const unlisted = negated ? statement.thenStatement : statement.elseStatement;
  if (!unlisted) return false;
  let refuses = false;
  walk(unlisted, (node) => {
    if (ts.isThrowStatement(node) || (ts.isNumericLiteral(node) && /^4\d\d$/.test(node.text))) refuses = true;
    return refuses ? false : undefined;
  });
  return refuses;
}

/**
 * A list of 2025-era versions the code refuses any version outside of (`const supported =
 * ['2025-06-18', '2025-03-26']; if (!supported.includes(version)) return res.status(400)...`,
 * or the array tested in place): every 2026-07-28 request is refused. The list, once, where its
 * first version stands (trial 27B, a middleware's three warnings for one list).
 */
function refusingList(literal: TS.Node): TS.ArrayLiteralExpression | undefined {
  const list = literal.parent;
  if (!ts.isArrayLiteralExpression(list)) return undefined;
  let refuses = refusingMemo.get(list);
  if (refuses === undefined) {
    refusingMemo.set(list, (refuses = refusesOutside(list)));
  }
  return refuses ? list : undefined;
}

/** Per list, refusingList's answer: asked once, not once per version in it. */
const refusingMemo = new WeakMap<TS.ArrayLiteralExpression, boolean>();

function refusesOutside(list: TS.ArrayLiteralExpression): boolean {
  if (list.elements.some((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && !LEGACY_VERSIONS.has(e.text))) return false;
  if (refusesUnlisted(list)) return true;
  const holder = list.parent;
  if (!ts.isVariableDeclaration(holder) || holder.initializer !== list || !ts.isIdentifier(holder.name)) return false;
  return referencesTo(holder.getSourceFile(), holder as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => refusesUnlisted(ref));
}

/** The list's first 2025-era version: where its one finding stands (a constant or a spread may come before it). */
function firstPinned(list: TS.ArrayLiteralExpression): TS.Node | undefined {
  return list.elements.find((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && LEGACY_VERSIONS.has(e.text));
}

/**
 * `{ method: 'initialize', params: { protocolVersion: '2025-06-18' } }`: the version a client's
 * initialize request asks for, written out (the request object the initialize-request rule reports).
 */
function inInitializeRequest(literal: TS.Node): boolean {
  const prop = literal.parent;
  if (!ts.isPropertyAssignment(prop) || propertyNameText(prop.name) !== 'protocolVersion') return false;
  const params = prop.parent.parent;
  if (!ts.isPropertyAssignment(params) || propertyNameText(params.name) !== 'params' || !ts.isObjectLiteralExpression(params.parent)) return false;
  return params.parent.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method' && constantString(p.initializer) === 'initialize');
}

/** What a pin a client makes says after the version (the rule's advice is chosen by it). */
const CLIENT_PIN = / in the initialize request it sends| in client code/;

/** What a finding on a v2 package's 2025 transport says (fix's summary counts them: the target is not reached while they stay). */
export const SPEAKS_2025_ONLY = 'speaks 2025 revisions only, also on the v2 packages';

/** The 2025 transport a protocol-pin finding says is left on the v2 packages (`StdioServerTransport`), if it is such a finding. */
export function legacyTransportOf(finding: { ruleId: string; message: string }): string | undefined {
  if (finding.ruleId !== 'protocol-pin') return undefined;
  const at = finding.message.indexOf(` ${SPEAKS_2025_ONLY}`);
  return at > 0 ? finding.message.slice(0, at) : undefined;
}

/** Protocol versions pinned to 2025-era revisions only. */
export const protocolPin: CodeRule = {
  target: 'code',
  id: 'protocol-pin',
  category: 'protocol-pin',
  severity: 'warning',
  title: 'Protocol version pinned to a 2025 revision',
  why:
    'Code that pins, lists or compares protocol versions against 2025 revisions only will reject or mis-handle 2026-07-28 ' +
    'requests, which carry `MCP-Protocol-Version: 2026-07-28` and the same value in `_meta`. Note that the SDK\'s ' +
    '`LATEST_PROTOCOL_VERSION` is still 2025-11-25 even in v2: it is not a sign of 2026 support.',
  fix: {
    manual: 'Accept 2026-07-28 (SDK v2: SUPPORTED_MODERN_PROTOCOL_VERSIONS) alongside the 2025 versions you still serve; on the v2 packages, serve through createMcpHandler (HTTP) or serveStdio (stdio), not their 2025 transports.',
    // A client offers versions to servers; it serves nothing.
    advice: ({ message }) =>
      CLIENT_PIN.test(message)
        ? "As a client, speak 2026-07-28 first: probe with server/discover and send the version in each request's _meta envelope (the v2 client does); keep the 2025 version and its initialize for servers that answer with a 2025 revision."
        : undefined,
  },
  docs: `${SPEC}/basic/versioning`,
  legacyPathIsInfo: true,
  keywords: ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', 'latest_protocol_version', 'default_negotiated_protocol_version', 'supported_protocol_versions', 'stdioservertransport', 'streamablehttpservertransport'],
  check(file, report) {
    // Only a file that names one of them can construct one (an alias still names it where it is bound):
    // the import lookup below then runs for its `new X()` calls alone.
    const namesV2Transport = LEGACY_V2_TRANSPORT_NAME.test(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      // A list of versions the code refuses others by is a pin, named or not.
      const pinned = (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && LEGACY_VERSIONS.has(node.text);
      const refusing = pinned && !file.facts.clientOnly ? refusingList(node) : undefined;
      if (pinned && (refusing || inVersionContext(node)) && !inLegacyInitializeAnswer(node) && !inDeadInitializeBranch(node)) {
        // A client's pin is the version it asks servers for: 2026-07-28 servers are what it misses.
        if (refusing) {
          if (firstPinned(refusing) === node) report({ node: refusing, message: `Lists the protocol versions it accepts (${refusing.elements.map((e) => e.getText().replace(/['"`]/g, '')).join(', ')}), all 2025-era, and refuses a version it lacks: every 2026-07-28 request is refused; add 2026-07-28 (the v2 packages negotiate it for you)`, severity: 'error' });
        } else if (inInitializeRequest(node)) report({ node, message: `Pins protocol version ${node.text} in the initialize request it sends: only 2025 servers answer that handshake; 2026-07-28 servers are not covered` });
        else if (file.facts.clientOnly) report({ node, message: `Pins protocol version ${node.text} in client code; 2026-07-28 servers are not covered` });
        else report({ node, message: `Pins protocol version ${node.text}; 2026-07-28 requests are not covered` });
      } else if (ts.isIdentifier(node) && VERSION_CONSTANTS.has(node.text) && isValueReference(node) && sdkConstant(node) && !extendsOrDisplaysConstant(node)) {
        if (node.text === 'SUPPORTED_PROTOCOL_VERSIONS' && refusesUnlisted(node)) {
          report({ node, message: 'SUPPORTED_PROTOCOL_VERSIONS lists 2025-era versions only, and a version it lacks is refused here: every 2026-07-28 request is', severity: 'error' });
          return;
        }
        const what = node.text === 'SUPPORTED_PROTOCOL_VERSIONS' ? 'lists 2025-era versions only' : "is a 2025-era version (the SDK's latest is still 2025-11-25)";
        report({ node, message: `${node.text} ${what}; do not treat it as 2026-07-28 support` });
      } else if (namesV2Transport && ts.isIdentifier(node) && (Object.hasOwn(LEGACY_V2_TRANSPORTS, node.text) || ts.isNewExpression(node.parent))) {
        // On the v2 packages this is what stands between the server and 2026-07-28 clients. A
        // warning like every pin: the same transport on v1 gets only the summary's line, and a
        // move to v2 that keeps it must not turn a passing CI check red. By the name it is
        // exported under (a CommonJS move keeps the old name as an alias).
        const name = legacyTransportOnV2(node, file.facts.modules);
        // serveStdio's transport option (`serveStdio(f, { transport: new StdioServerTransport(socket, socket) })`): served both eras already.
        if (name && !servedByServeStdio(node.parent)) report({ node: node.parent, message: `${name} ${SPEAKS_2025_ONLY}: ${LEGACY_V2_TRANSPORTS[name]}` });
      }
    });
  },
};
