/**
 * @rekog/mcp-nest 1.x (NestJS): `McpModule.forRoot({ ... })` registers the controllers of the
 * transports its options list and serves them with the SDK's transports. Two of its defaults
 * decide whether a 2026-07-28 client can be served by any instance (read in its mcp.module.ts and
 * mcp-streamable-http.service.ts, 1.5 to 1.9):
 * - `transport` defaults to `[SSE, STREAMABLE_HTTP, STDIO]`, so the legacy HTTP+SSE endpoints
 *   (`/sse`, `/messages`, sessions kept in a Map per instance) are on unless the option leaves SSE out;
 * - `streamableHttp` defaults to `{ enableJsonResponse: true, sessionIdGenerator: undefined,
 *   statelessMode: true }`, but the options are merged shallowly (`{ ...defaults, ...options }`):
 *   a `streamableHttp` object of the user's own replaces it whole, and without `statelessMode:
 *   true` the transport mints Mcp-Session-Id at initialize (`!!streamableHttp?.statelessMode`).
 * `forRootAsync` registers no controllers of itself, so its options are not judged here. Version 2
 * (`McpStrategy`, transports built by hand) has neither default.
 */
import { ts } from './typescript.js';
import type { ts as TS } from 'ts-morph';
import { calleeName, constantString, literalMember, moduleExportOf, propertyNameText, resolveInitializer, shownOptions, unwrap, walk } from './ast.js';

/** A file that imports @rekog/mcp-nest: a text test, once per file. */
export const MCP_NEST_MODULE = /['"]@rekog\/mcp-nest['"]/;

/** The package's transport names, as `McpTransportType`'s members hold them. */
const TRANSPORT_MEMBERS: Record<string, string> = { SSE: 'sse', STREAMABLE_HTTP: 'streamable-http', STDIO: 'stdio' };

/** What `transport` lists when the options leave it out. */
const DEFAULT_TRANSPORTS = ['sse', 'streamable-http', 'stdio'];

/** One transport `transport` lists: the element that names it, and the name. */
export interface ListedTransport {
  node: TS.Expression;
  name: string;
}

/** A `McpModule.forRoot(...)` call whose options this file shows whole. */
export interface McpNestRoot {
  options: TS.ObjectLiteralExpression;
  /** The transports served, each with the element naming it (none when the default applies); undefined when not known here. */
  transports: ListedTransport[] | undefined;
  /** Whether `transport` was left out (the default, SSE among them, applies). */
  defaultTransports: boolean;
}

/** `McpModule.forRoot(options)` of @rekog/mcp-nest, with its options shown in the file; undefined otherwise. */
export function mcpNestRoot(node: TS.CallExpression): McpNestRoot | undefined {
  if (calleeName(node) !== 'forRoot' || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  // `McpModule.forRoot`, under any name, or through a namespace import (`mcp.McpModule.forRoot`).
  const imported = moduleExportOf(node.expression.expression);
  if (imported?.module !== '@rekog/mcp-nest' || imported.exported !== 'McpModule') return undefined;
  const shown = shownOptions(node.arguments, 0);
  if (!shown?.given) return undefined;
  const value = literalMember(shown.options, 'transport');
  if (!value) return { options: shown.options, transports: DEFAULT_TRANSPORTS.map((name) => ({ node, name })), defaultTransports: true };
  return { options: shown.options, transports: listedTransports(value), defaultTransports: false };
}

/** The transports a `transport` value names: one, or an array of them (through a const of the file); undefined when one is not known here. */
function listedTransports(value: TS.Expression): ListedTransport[] | undefined {
  const at = unwrap(value);
  const list = ts.isIdentifier(at) ? resolveInitializer(at) : at;
  const elements = list && ts.isArrayLiteralExpression(unwrap(list)) ? (unwrap(list) as TS.ArrayLiteralExpression).elements : [value];
  const listed: ListedTransport[] = [];
  for (const element of elements) {
    const name = transportName(element);
    if (name === undefined) return undefined;
    listed.push({ node: element, name });
  }
  return listed;
}

/** `McpTransportType.SSE` (the package's enum, imported under any name) or the string it holds. */
function transportName(element: TS.Expression): string | undefined {
  const at = unwrap(element);
  if (ts.isPropertyAccessExpression(at) && (/TransportType$/.test(at.expression.getText()) || moduleExportOf(at.expression)?.exported === 'McpTransportType')) return TRANSPORT_MEMBERS[at.name.text];
  const text = constantString(at);
  return text !== undefined && DEFAULT_TRANSPORTS.includes(text) ? text : undefined;
}

/**
 * The `streamableHttp` property of a forRoot whose Streamable HTTP transport is sessionful by the
 * shallow merge: an object literal of the user's own (no spreads) without `statelessMode`. A
 * `statelessMode` set to anything is the switch's own (false is reported as such), and an object
 * built elsewhere or spread is not known here. `served`: whether the Streamable HTTP transport is
 * on (by default, whether the options list it).
 */
export function sessionfulStreamableHttp(root: McpNestRoot, served = root.transports?.some((t) => t.name === 'streamable-http')): TS.PropertyAssignment | undefined {
  const shown = served ? streamableHttpOf(root) : undefined;
  return shown && !shown.settings.properties.some(ts.isSpreadAssignment) && !literalMember(shown.settings, 'statelessMode') ? shown.property : undefined;
}

/** The `streamableHttp` property whose settings say `statelessMode: false` (the literal), Streamable HTTP being `served`. */
function statelessModeOff(root: McpNestRoot, served: boolean | undefined): TS.PropertyAssignment | undefined {
  const shown = served ? streamableHttpOf(root) : undefined;
  const value = shown && literalMember(shown.settings, 'statelessMode');
  return value && unwrap(value).kind === ts.SyntaxKind.FalseKeyword ? shown.property : undefined;
}

/**
 * Whether framework-options can take SSE out of this forRoot's transports. Where SSE is the only
 * HTTP transport listed, Streamable HTTP takes its place: only where its settings are known to end
 * stateless (none, the default; or an object literal without a spread that leaves statelessMode out
 * or sets it to a literal, which the codemod sets true). Settings built elsewhere may keep sessions
 * (read-through 53: the swap switched such a transport on).
 */
export function sseRemovable(root: McpNestRoot): boolean {
  if (!root.transports || root.defaultTransports || root.transports.some((t) => t.name === 'streamable-http')) return !!root.transports;
  const property = root.options.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === 'streamableHttp');
  if (!property) return true;
  const shown = streamableHttpOf(root);
  if (!shown || shown.settings.properties.some(ts.isSpreadAssignment)) return false;
  const mode = literalMember(shown.settings, 'statelessMode');
  return !mode || unwrap(mode).kind === ts.SyntaxKind.TrueKeyword || unwrap(mode).kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * The `streamableHttp` settings framework-options makes stateless in a forRoot: an object literal
 * without statelessMode (sessionfulStreamableHttp) or with it false (statelessModeOff), Streamable
 * HTTP being served (also once SSE goes: it takes SSE's place where it is the only HTTP transport).
 * The rules that name framework-options for a finding in them ask the same.
 */
export function settingsMadeStateless(root: McpNestRoot): TS.PropertyAssignment | undefined {
  const served = root.transports?.some((t) => t.name === 'streamable-http' || t.name === 'sse');
  return sessionfulStreamableHttp(root, served) ?? statelessModeOff(root, served);
}

const rootsMemo = new WeakMap<TS.SourceFile, McpNestRoot[]>();

/**
 * The forRoot whose `streamableHttp: { ... }` a property is written in (`statelessMode: false`,
 * `sessionIdGenerator`), and that streamableHttp property; undefined for any other object.
 */
export function rootOfSetting(property: TS.Node): { root: McpNestRoot; settings: TS.PropertyAssignment } | undefined {
  const holder = property.parent?.parent;
  const options = holder?.parent;
  if (!holder || !ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'streamableHttp' || !options || !ts.isObjectLiteralExpression(options)) return undefined;
  const sf = property.getSourceFile();
  let roots = rootsMemo.get(sf);
  if (!roots) {
    const found: McpNestRoot[] = [];
    walk(sf, (n) => {
      const root = ts.isCallExpression(n) ? mcpNestRoot(n) : undefined;
      if (root) found.push(root);
      return undefined;
    });
    rootsMemo.set(sf, (roots = found));
  }
  const root = roots.find((r) => r.options === options);
  return root && { root, settings: holder };
}

/** forRoot's `streamableHttp: { ... }`, an object literal written there. */
function streamableHttpOf(root: McpNestRoot): { property: TS.PropertyAssignment; settings: TS.ObjectLiteralExpression } | undefined {
  const property = root.options.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'streamableHttp');
  const settings = property && unwrap(property.initializer);
  return settings && ts.isObjectLiteralExpression(settings) ? { property: property!, settings } : undefined;
}
