/**
 * The official `@modelcontextprotocol/codemod` (v1 → v2 SDK surface: imports, symbols,
 * registerTool, handler strings, extra → ctx) used as a library, one file at a time, in memory.
 * We do not re-implement it: we run its own transforms, in its own order, on a ts-morph source
 * file, so `fix --dry-run` can show its edits and our runner writes them atomically with ours.
 * Its "action required" diagnostics become our TODO(mcp-migrate) markers.
 */
import { getMigration } from '@modelcontextprotocol/codemod';
import { Project, QuoteKind, type ts as TS } from 'ts-morph';
import { parseFile, scriptKindFor } from '../../src/analysis/parse.js';
import { ts } from '../../src/analysis/typescript.js';
import { accessRoot, calleeName, constantStrings, enclosingClass, heritageNames, importOf, isFunctionLike, isLogCall, literalMember, moduleExportOf, outermost, packageModule, propertyNameText, referencesTo, resolveFunction, resolveIdentifier, returnedExpressions, stringValue, typeNameText, unwrap, walk } from '../../src/analysis/ast.js';
import { exportedValue, moduleValue, type ModuleSource, type ModuleValue } from '../../src/analysis/modules.js';
import { capabilitiesMember } from '../../src/analysis/capabilities.js';
import { mcpReceiverKind } from '../../src/analysis/receivers.js';
import type { Change, ImportedConstant, Marker, TextEdit } from '../types.js';
import { restoreImportLayout, SDK_MODULE } from './import-layout.js';
import { applyEdits, indentUnit, insideTemplate, lineAfterEdits, lineOf, reindent, templateSpans } from './edits.js';
import { importedName, importStyle, moduleImports, removeUnusedBindings, zodIdentifier } from './imports.js';
import { unmovedRequires } from './require-map.js';
import { requestHeaderReads } from './request-headers.js';

export const UPGRADE_GUIDE = 'https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md';

export interface SurfaceResult {
  text: string;
  changes: Change[];
  markers: Marker[];
  /** v2 packages the migrated file imports (for package.json). */
  usedPackages: Set<string>;
  /** Not applied, because it would have damaged the file (the markers say why). */
  refused?: boolean;
  /** The line of the file's first SDK import (where a marker about the whole move goes). */
  firstSdkLine: number;
}

let project: Project | undefined;

/** Local names the file's import declarations bind, with the module each comes from. */
function importedNames(sourceFile: TS.SourceFile): Map<string, { module: string }> {
  const names = new Map<string, { module: string }>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const where = { module: statement.moduleSpecifier.text };
    const { name, namedBindings } = statement.importClause;
    if (name) names.set(name.text, where);
    if (namedBindings && ts.isNamespaceImport(namedBindings)) names.set(namedBindings.name.text, where);
    if (namedBindings && ts.isNamedImports(namedBindings)) for (const element of namedBindings.elements) names.set(element.name.text, where);
  }
  return names;
}

/** Names the file re-exports from SDK modules (`export { a, type B } from '@modelcontextprotocol/sdk/...'`), with where. */
function sdkReExports(sourceFile: TS.SourceFile): Map<string, { module: string; line: number }> {
  const names = new Map<string, { module: string; line: number }>();
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    const where = { module: statement.moduleSpecifier.text, line: sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line + 1 };
    for (const element of statement.exportClause.elements) names.set(element.name.text, where);
  }
  return names;
}

/** The first name the original re-exported that the migrated file exports no more (dropped with its module). */
function lostReExport(original: TS.SourceFile, migrated: TS.SourceFile): { name: string; module: string; line: number } | undefined {
  const before = sdkReExports(original);
  if (before.size === 0) return undefined;
  const after = new Set<string>();
  for (const statement of migrated.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) for (const element of statement.exportClause.elements) after.add(element.name.text);
  }
  for (const [name, where] of before) if (SDK_MODULE.test(where.module) && !after.has(name)) return { name, ...where };
  return undefined;
}

/** "Cannot find name 'X'" (also with a suggestion, a lib hint or a `this.` hint), "... namespace 'X'", and a shorthand property with nothing in scope. */
export const UNRESOLVED_NAME: ReadonlySet<number> = new Set([2304, 2503, 2552, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593, 2662, 2663, 18004]);

/** "Block-scoped variable 'X' used before its declaration", and the same of a class or an enum: a read in its temporal dead zone. */
export const USED_BEFORE_DECLARATION: ReadonlySet<number> = new Set([2448, 2449, 2450]);

/**
 * Where the compiler finds no declaration for a name, in this one file alone: no lib, no other
 * module, so only the file's own scopes count. Property names, labels, enum members, re-exports
 * from another module and shadowing declarations are the compiler's business, not a guess.
 * (`codes`: the diagnostics asked for; stateless-transport also asks for reads before a
 * declaration, USED_BEFORE_DECLARATION, to refuse a rewrite that would leave one, trial 66C B1.)
 */
export function unresolvedNames(sourceFile: TS.SourceFile, codes: ReadonlySet<number> = UNRESOLVED_NAME): Array<{ name: string; start: number; code: number }> {
  const path = sourceFile.fileName;
  const options: TS.CompilerOptions = { noLib: true, noResolve: true, allowJs: true, checkJs: true, types: [], jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest, module: ts.ModuleKind.ESNext, noEmit: true };
  const host: TS.CompilerHost = {
    getSourceFile: (file) => (file === path ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getDirectories: () => [],
    fileExists: (file) => file === path,
    readFile: (file) => (file === path ? sourceFile.text : undefined),
    getCanonicalFileName: (file) => file,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
  };
  const program = ts.createProgram({ rootNames: [path], options, host });
  return program
    .getSemanticDiagnostics(sourceFile)
    .filter((d) => codes.has(d.code) && d.start !== undefined && d.length !== undefined)
    .map((d) => ({ name: sourceFile.text.slice(d.start!, d.start! + d.length!), start: d.start!, code: d.code }));
}

/**
 * The official codemod removes some imports outright (v1 experimental tasks: "No v2 equivalent")
 * and reports that as a warning it does not write into the file, while the code that uses those
 * names stays: the file no longer compiles and nothing in it says why. For every name an import
 * bound before the migration that the migrated file uses without any declaration in scope, a
 * marker at its first such use.
 */
function danglingNames(original: TS.SourceFile, migrated: TS.SourceFile): Marker[] {
  const lost = importedNames(original);
  for (const name of importedNames(migrated).keys()) lost.delete(name);
  // Most lost imports were renamed along with every use (StreamableHTTPServerTransport): only a
  // name still written somewhere can dangle, and only then is the type check worth its cost.
  if (lost.size > 0) {
    const written = new Set<string>();
    walk(migrated, (node) => {
      if (ts.isIdentifier(node)) written.add(node.text);
    });
    for (const name of lost.keys()) if (!written.has(name)) lost.delete(name);
  }
  if (lost.size === 0) return [];
  const firstUse = new Map<string, number>();
  for (const { name, start } of unresolvedNames(migrated)) {
    if (lost.has(name) && !(start >= (firstUse.get(name) ?? Infinity))) firstUse.set(name, start);
  }
  return [...firstUse].map(([name, start]) => ({
    line: migrated.getLineAndCharacterOfPosition(start).line + 1,
    message: `official v1→v2 codemod: removed the import of ${name} from '${lost.get(name)!.module}', but this file still uses it: remove this use or import its v2 replacement`,
    link: UPGRADE_GUIDE,
  }));
}

/** The JSON-RPC numbers of v1's ErrorCode members the official codemod moves to SdkErrorCode (strings on v2). */
const SDK_ERROR_NUMBERS: Record<string, number> = { ConnectionClosed: -32000, RequestTimeout: -32001 };

/** `{ jsonrpc: '2.0', id, error: { code, ... } }`: the error object of a JSON-RPC message written out, which goes to the wire as it is. */
function inJsonRpcError(code: TS.PropertyAssignment): boolean {
  const error = code.parent;
  const holder = ts.isObjectLiteralExpression(error) && ts.isPropertyAssignment(error.parent) && propertyNameText(error.parent.name) === 'error' ? error.parent.parent : undefined;
  return !!holder && ts.isObjectLiteralExpression(holder) && holder.properties.some((p) => p.name !== undefined && propertyNameText(p.name) === 'jsonrpc');
}

/**
 * The official codemod splits v1's ErrorCode: ConnectionClosed and RequestTimeout become members
 * of SdkErrorCode, which are strings on the v2 packages ('CONNECTION_CLOSED'), where they were the
 * JSON-RPC numbers -32000 and -32001. In a JSON-RPC message written out (`{ jsonrpc, id, error: {
 * code } }`, @hono/mcp's answers) the wire would carry a string: the number goes back there (v2's
 * ProtocolErrorCode has no member for it), and the import of SdkErrorCode goes if nothing else uses
 * it. Elsewhere (an error object built some other way) a marker says so.
 */
function stringErrorCodes(migrated: TS.SourceFile): { edits: TextEdit[]; changes: Change[]; markers: Marker[] } {
  const markers: Marker[] = [];
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  walk(migrated, (node) => {
    if (!ts.isPropertyAssignment(node) || propertyNameText(node.name) !== 'code') return undefined;
    const value = unwrap(node.initializer);
    if (!ts.isPropertyAccessExpression(value) || value.expression.getText(migrated) !== 'SdkErrorCode') return undefined;
    const member = value.name.text;
    const number = Object.hasOwn(SDK_ERROR_NUMBERS, member) ? SDK_ERROR_NUMBERS[member] : undefined;
    const line = migrated.getLineAndCharacterOfPosition(node.getStart(migrated)).line + 1;
    if (number !== undefined && inJsonRpcError(node)) {
      edits.push({ start: node.initializer.getStart(migrated), end: node.initializer.getEnd(), text: String(number) });
      changes.push({ line, description: `the JSON-RPC error's code stays the number ${number} (the official codemod wrote SdkErrorCode.${member}, a string on the v2 packages)`, safety: 'safe' });
      return undefined;
    }
    markers.push({
      line,
      message: `official v1→v2 codemod: SdkErrorCode.${member} is a string on the v2 packages, where ErrorCode.${member} was ${number !== undefined ? `the JSON-RPC number ${number}` : 'a JSON-RPC number'}: an error object sent to a client needs a number in code (${number ?? 'the number'}, or a ProtocolErrorCode member)`,
      link: UPGRADE_GUIDE,
    });
    return undefined;
  });
  return { edits, changes, markers };
}

/** A client's capabilities, which a v1 server could declare unread and the v2 ServerCapabilities type does not have. */
const CLIENT_ONLY_CAPABILITIES = new Set(['sampling', 'roots', 'elicitation']);

/**
 * A client's capabilities declared on a server (`new McpServer(info, { capabilities: { tools: {},
 * sampling: {} } })`): they meant nothing there, and on the v2 packages the server's options stop
 * compiling with them (TS2353, trial 34B). Removed where the key shares its line with another
 * member (each edit stays on its line); a key on a line of its own is marked.
 */
function clientCapabilitiesOnServer(migrated: TS.SourceFile): { edits: TextEdit[]; changes: Change[]; markers: Marker[] } {
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  const markers: Marker[] = [];
  const lineAtPos = (pos: number) => migrated.getLineAndCharacterOfPosition(pos).line + 1;
  const seen = new Set<TS.ObjectLiteralExpression>();
  walk(migrated, (node) => {
    if (!ts.isNewExpression(node) || !/^(McpServer|Server)$/.test(calleeName(node) ?? '')) return undefined;
    // Only objects written in the call: one held by a variable may be a Client's too (a proxy's).
    const inline = (value: TS.Node | undefined) => (value && ts.isObjectLiteralExpression(unwrap(value)) ? (unwrap(value) as TS.ObjectLiteralExpression) : undefined);
    // The options (the info's `capabilities`, read by no SDK, is not the server's).
    for (const arg of (node.arguments ?? []).slice(1)) {
      for (const prop of inline(arg)?.properties ?? []) {
        const object = inline(capabilitiesMember(prop));
        if (!object || seen.has(object)) continue;
        seen.add(object);
        const members = object.properties;
        members.forEach((member, i) => {
          const key = ts.isPropertyAssignment(member) || ts.isShorthandPropertyAssignment(member) ? propertyNameText(member.name) : undefined;
          if (!key || !CLIENT_ONLY_CAPABILITIES.has(key)) return;
          const line = lineAtPos(member.getStart(migrated));
          const single = line === lineAtPos(member.getEnd());
          const before = members[i - 1];
          const after = members[i + 1];
          // `{ tools: {}, sampling: {} }`: from the end of the member before; `{ sampling: {}, tools: {} }`: to the start of the one after.
          const span = !single ? undefined : before && lineAtPos(before.getEnd()) === line ? { start: before.getEnd(), end: member.getEnd() } : after && lineAtPos(after.getStart(migrated)) === line ? { start: member.getStart(migrated), end: after.getStart(migrated) } : members.length === 1 && lineAtPos(object.getStart(migrated)) === line && lineAtPos(object.getEnd()) === line ? { start: member.getStart(migrated), end: member.getEnd() } : undefined;
          if (span && !edits.some((e) => e.start < span.end && span.start < e.end)) {
            edits.push({ ...span, text: '' });
            changes.push({ line, description: `server capabilities: dropped "${key}", a client's capability that meant nothing on a server and that the v2 ServerCapabilities type does not have`, safety: 'safe' });
          } else {
            markers.push({ line, message: `"${key}" is a client's capability, which means nothing on a server, and the v2 ServerCapabilities type does not have it (the server's options stop compiling): remove it`, link: UPGRADE_GUIDE });
          }
        });
      }
    }
    return undefined;
  });
  return { edits, changes, markers };
}

/** Whether an expression is asserted to be of type `type` (`error as SdkHttpError`, in parentheses or not). */
function assertedAs(e: TS.Node, type: string): boolean {
  for (let n = e; ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n); n = n.expression) {
    if (!ts.isParenthesizedExpression(n) && n.type.getText() === type) return true;
  }
  return false;
}

/**
 * The official codemod renames v1's StreamableHTTPError to SdkHttpError, whose `code` is an
 * SdkErrorCode on the v2 packages: the HTTP status v1 kept in `code` is `status` there
 * (`error instanceof StreamableHTTPError ? error.code : null` compared with 404 compiles no more,
 * and in JavaScript the fallback it decides never runs). A `.code` read of the value an
 * `instanceof SdkHttpError` test narrows (the ternary's true side, the if's then, the right of
 * `&&`, also where a const holds the test) becomes `.status`; another read of `.code` on a value
 * tested or typed so is marked.
 */

function httpErrorStatus(original: TS.SourceFile, migrated: TS.SourceFile): { edits: TextEdit[]; changes: Change[]; markers: Marker[] } {
  const none = { edits: [], changes: [], markers: [] };
  if (!/\bStreamableHTTPError\b/.test(original.text) || !/\bSdkHttpError\b/.test(migrated.text)) return none;
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  const markers: Marker[] = [];
  const tested = new Set<string>();
  const narrowed = new Set<TS.Node>();
  const aliases = new Map<string, string>();
  const rewrite = (region: TS.Node | undefined, name: string) => {
    if (!region) return;
    walk(region, (n) => {
      if (ts.isPropertyAccessExpression(n) && n.name.text === 'code' && unwrap(n.expression).getText(migrated) === name && !narrowed.has(n)) {
        narrowed.add(n);
        edits.push({ start: n.name.getStart(migrated), end: n.name.getEnd(), text: 'status' });
        changes.push({ line: lineOf(migrated, n.getStart(migrated)), description: `${name}.code is ${name}.status: SdkHttpError (v1's StreamableHTTPError) keeps the HTTP status in status, its code is an SdkErrorCode`, safety: 'review' });
      }
      return undefined;
    });
  };
  /** The code a test (the instanceof, or a const holding it) narrows: the ternary's true side, the if's then, the right of `&&`. */
  const narrowedBy = (test: TS.Node, name: string) => {
    const around = test.parent;
    if (ts.isConditionalExpression(around) && around.condition === test) rewrite(around.whenTrue, name);
    else if (ts.isIfStatement(around) && around.expression === test) rewrite(around.thenStatement, name);
    else if (ts.isBinaryExpression(around) && around.left === test && around.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) rewrite(around.right, name);
  };
  walk(migrated, (node) => {
    // A variable typed or cast as one (`const failure = error as SdkHttpError`): its code is marked below.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      if (node.type?.getText(migrated) === 'SdkHttpError' || (node.initializer && assertedAs(node.initializer, 'SdkHttpError'))) tested.add(node.name.text);
      return undefined;
    }
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword || node.right.getText(migrated) !== 'SdkHttpError') return undefined;
    const name = unwrap(node.left).getText(migrated);
    if (!/^[\w$.]+$/.test(name)) return undefined;
    tested.add(name);
    let test: TS.Node = node;
    while (ts.isParenthesizedExpression(test.parent)) test = test.parent;
    // `const isHttpError = error instanceof SdkHttpError`: TypeScript narrows where the const is tested.
    if (ts.isVariableDeclaration(test.parent) && test.parent.initializer === test && ts.isIdentifier(test.parent.name)) aliases.set(test.parent.name.text, name);
    else narrowedBy(test, name);
    return undefined;
  });
  if (aliases.size > 0) {
    walk(migrated, (n) => {
      if (ts.isIdentifier(n) && aliases.has(n.text) && !ts.isVariableDeclaration(n.parent)) narrowedBy(n, aliases.get(n.text)!);
      return undefined;
    });
  }
  if (tested.size === 0) return none;
  walk(migrated, (n) => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'code' && tested.has(unwrap(n.expression).getText(migrated)) && !narrowed.has(n)) {
      markers.push({ line: lineOf(migrated, n.getStart(migrated)), message: `official v1→v2 codemod: StreamableHTTPError is SdkHttpError on the v2 packages, whose code is an SdkErrorCode, not the HTTP status v1 kept there: where this reads a status, read ${unwrap(n.expression).getText(migrated)}.status`, link: UPGRADE_GUIDE });
    }
    return undefined;
  });
  return { edits, changes, markers };
}

/** Where v2's context keeps what v1's request context (RequestHandlerExtra) had: the path of keys, and whether its holder may be absent. */
const CONTEXT_PLACES: Record<string, { path: string[]; optional?: boolean }> = {
  sendNotification: { path: ['mcpReq', 'notify'] },
  signal: { path: ['mcpReq', 'signal'] },
  _meta: { path: ['mcpReq', '_meta'] },
  requestId: { path: ['mcpReq', 'id'] },
  sessionId: { path: ['sessionId'] },
  authInfo: { path: ['http', 'authInfo'], optional: true },
};

/** Members of v1's request context with no place in v2's this run can map (their counterparts take other arguments or give other values). */
const UNMAPPED_CONTEXT = new Set(['sendRequest', 'requestInfo']);

/** A member of v1's request context, with a place in v2's or not (never Object.prototype's `toString`). */
function isV1ContextKey(key: string): boolean {
  return Object.hasOwn(CONTEXT_PLACES, key) || UNMAPPED_CONTEXT.has(key);
}

/** Whether the official codemod's destructuring marker quotes a pattern naming a member of v1's request context (`"{ sendNotification }"`). */
function namesV1Context(message: string): boolean {
  const pattern = /"\{([^"]*)\}"/.exec(message)?.[1] ?? '';
  return pattern.split(',').some((part) => {
    const key = part.trim().split(/[:=\s]/)[0];
    return isV1ContextKey(key);
  });
}

/** The official codemod's marker on a handler destructuring the context. */
const DESTRUCTURED_CONTEXT = /^official v1→v2 codemod: Destructuring of context parameter in signature/;

/**
 * The handlers at the official codemod's "destructuring of context parameter" markers, their
 * pattern rewritten to take the same names from v2's context (`{ sendNotification }` →
 * `{ mcpReq: { notify: sendNotification } }`; `authInfo` from `http`, which may be absent, with a
 * default), and those markers gone; or, per handler whose pattern names something with no such
 * place (sendRequest, a rest element, a nested pattern), refused.
 */
function destructuredContexts(text: string, path: string, markers: Marker[], original: string): { text: string; lines: number[]; refused: Array<{ line: number; pattern: string; names: string }> } {
  const at = markers.filter((m) => DESTRUCTURED_CONTEXT.test(m.message));
  const none = { text, lines: [], refused: [] };
  if (at.length === 0) return none;
  const sf = parseFile(text, path);
  const edits: TextEdit[] = [];
  const lines: number[] = [];
  const refused: Array<{ line: number; pattern: string; names: string }> = [];
  const done = new Set<Marker>();
  walk(sf, (node) => {
    if (!isFunctionLike(node)) return undefined;
    // The context is a handler's last parameter (`(args, ctx)`, or `(ctx)` alone): never the arguments' pattern.
    const param = node.parameters[node.parameters.length - 1];
    if (!param || !ts.isObjectBindingPattern(param.name)) return undefined;
    const line = lineOf(sf, param.getStart(sf));
    // At any line of the signature: the official codemod's marker sits at its end where the
    // parameters are laid out one per line (trial 41C: `async (\n { n },\n { sendNotification }\n): T =>`),
    // or at the registration call the handler is an argument of, where that call puts one argument
    // per line (trial 45C: `server.tool(\n 'tick',\n ...,\n async (_args, { sendNotification }) => ...`).
    const call = ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as TS.Expression) ? node.parent : undefined;
    // Or at the body's first statement, where the call's arguments are one per line and the
    // handler's the last of them (trial 48C: `server.tool(\n 'slow',\n ...,\n async ({ name }, { sendNotification }) => {`).
    const from = lineOf(sf, (call ?? node).getStart(sf));
    const first = node.body && ts.isBlock(node.body) ? node.body.statements[0] : undefined;
    const to = first ? lineOf(sf, first.getStart(sf)) : node.body ? lineOf(sf, node.body.getStart(sf)) : line;
    const marker = at.find((m) => m.line >= from && m.line <= to);
    if (!marker) return undefined;
    const elements = param.name.elements;
    const key = (e: TS.BindingElement) => (e.propertyName ? propertyNameText(e.propertyName) : ts.isIdentifier(e.name) ? e.name.text : undefined);
    // One that names v1's context (`{ sendNotification }`), not another object a one-parameter handler takes.
    if (!elements.some((e) => { const k = key(e); return k !== undefined && isV1ContextKey(k); })) return undefined;
    const unknown = elements.filter((e) => e.dotDotDotToken || !ts.isIdentifier(e.name) || !Object.hasOwn(CONTEXT_PLACES, key(e)!)).map((e) => e.getText(sf));
    done.add(marker);
    if (unknown.length > 0) {
      refused.push({ line: marker.line, pattern: param.name.getText(sf), names: unknown.join(', ') });
      return undefined;
    }
    // Each name from its place, in the order written; a holder's members (mcpReq's) in one nested pattern.
    const parts = new Map<string, string[]>();
    const optional = new Set<string>();
    for (const e of elements) {
      const { path: [head, member], optional: mayLack } = CONTEXT_PLACES[key(e)!];
      const local = (e.name as TS.Identifier).text;
      const from = member ?? head;
      const piece = `${from === local ? local : `${from}: ${local}`}${e.initializer ? ` = ${e.initializer.getText(sf)}` : ''}`;
      // (A top-level name is a part of its own, with no members.)
      if (member === undefined) parts.set(piece, []);
      else parts.set(head, [...(parts.get(head) ?? []), piece]);
      if (mayLack) optional.add(head);
    }
    const pattern = [...parts].map(([part, members]) => (members.length === 0 ? part : `${part}: { ${members.join(', ')} }${optional.has(part) ? ' = {}' : ''}`));
    edits.push({ start: param.name.getStart(sf), end: param.name.getEnd(), text: `{ ${pattern.join(', ')} }` });
    // A change's line is the file's as it is: where the pattern is written there.
    const written = original.indexOf(param.name.getText(sf));
    lines.push(written >= 0 ? original.slice(0, written).split('\n').length : line);
    return undefined;
  });
  if (refused.length > 0) return { ...none, refused };
  if (edits.length === 0) return none;
  for (let i = markers.length - 1; i >= 0; i--) if (done.has(markers[i])) markers.splice(i, 1);
  return { text: applyEdits(text, edits), lines, refused: [] };
}

/**
 * Where v2's context keeps a member of v1's request context read through it (`extra.signal` →
 * `ctx.mcpReq.signal`): the official codemod's own table (contextPropertyMap), so that a handler's
 * only parameter reads as its second one does after the codemod. sessionId keeps its place.
 */
const CONTEXT_READS: Record<string, string> = {
  signal: 'mcpReq.signal',
  requestId: 'mcpReq.id',
  _meta: 'mcpReq._meta',
  sendRequest: 'mcpReq.send',
  sendNotification: 'mcpReq.notify',
  authInfo: 'http?.authInfo',
  requestInfo: 'http?.req',
  closeSSEStream: 'http?.closeSSE',
  closeStandaloneSSEStream: 'http?.closeStandaloneSSE',
};

/** Members of v1's request context with no place at all in v2's (experimental tasks left the SDK). */
const REMOVED_CONTEXT = new Set(['taskStore', 'taskId', 'taskRequestedTtl']);

/** A name that says its parameter is the request context (`extra`, `_extra`, `ctx`, `context`). */
const CONTEXT_NAME = /^_*(extra|ctx|context|requestExtra)$/i;

/** The keys of the SDK's registerTool and registerPrompt configs, but the input schemas. */
const SDK_CONFIG_KEYS: ReadonlySet<string> = new Set(['title', 'description', 'outputSchema', 'annotations', '_meta', 'icons', 'execution']);

/**
 * The parameter of a handler that v1 hands its request context, where the official codemod's
 * context transform does not move its reads (it renames a second parameter named `extra` only):
 * - the only parameter of a v2 registerTool/registerPrompt handler (`sole`): the tool has no
 *   inputSchema, the prompt no argsSchema, so v1 handed the context as the only argument
 *   (`registerTool(name, { description }, async (extra) => ...)`);
 * - the context parameter by another name (`async ({ n }, context) =>`, `(request, ctx) =>` of
 *   setRequestHandler, a resource's `(uri, context)` or a template's `(uri, variables, context)`).
 * Not `known` where the config is no object this file writes out (imported, made by a call, or
 * spread from another), so whether it has a schema cannot be told.
 */
function v1ContextParameter(call: TS.CallExpression): { handler: Handler; param: TS.ParameterDeclaration; known: boolean; sole: boolean; why?: string } | undefined {
  // A method of a server (`server.registerTool`), not a function of the project's own by that name (review 92 point 3).
  const method = calleeName(call) ?? '';
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  // The handler written there, or a function of the file it names that nothing else uses (review 94 point 6).
  const inline = (arg: TS.Expression | undefined) => {
    const fn = arg && unwrap(arg);
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return fn;
    const declared = fn && ts.isIdentifier(fn) ? resolveFunction(fn) : undefined;
    const holder = declared && (ts.isFunctionDeclaration(declared) ? declared : ts.isVariableDeclaration(declared.parent) ? declared.parent : undefined);
    const once = !!holder?.name && ts.isIdentifier(holder.name) && referencesTo(holder.getSourceFile(), holder as Parameters<typeof referencesTo>[1]).length === 1;
    return declared?.body && once && (ts.isFunctionDeclaration(declared) || ts.isArrowFunction(declared) || ts.isFunctionExpression(declared)) ? declared : undefined;
  };
  // Another name than `extra`, which the official codemod takes; a pattern gets its marker
  // (destructuredContexts). Only on what is an SDK server (`server`, an McpServer made or typed
  // so): a project's own registry's `registerTool` hands its own context (review 94 point 5).
  const onServer = mcpReceiverKind(callee.expression, () => false) === 'server';
  // A function declared apart is marked, not rewritten: its parameter's type (v1's context, or a
  // shape of the project's) would no longer say what it reads.
  const named = (handler: Handler | undefined, index: number, known = true, why?: string) => {
    const param = handler?.parameters[index];
    if (!onServer || !handler || !param || param.dotDotDotToken || !ts.isIdentifier(param.name) || param.name.text === 'extra') return undefined;
    const apart = ts.isFunctionDeclaration(handler) || ts.isVariableDeclaration(handler.parent);
    if (apart) return { handler, param, known: false, sole: false, why: "it is declared apart from its registration, where its parameter's type would no longer say what it reads" };
    return { handler, param, known, sole: false, ...(why ? { why } : {}) };
  };
  if (method === 'setRequestHandler' && call.arguments.length === 2) {
    const handler = inline(call.arguments[1]);
    return handler?.parameters.length === 2 ? named(handler, 1) : undefined;
  }
  if (method === 'registerResource' && call.arguments.length === 4) {
    const handler = inline(call.arguments[3]);
    let where = unwrap(call.arguments[1]);
    if (ts.isIdentifier(where)) {
      const decl = resolveIdentifier(where);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) where = unwrap(decl.initializer);
    }
    // A fixed URI's callback takes (uri, context); a template's (uri, variables, context). Which
    // one a value this file does not show is, it cannot tell: a read of the last parameter is refused.
    const index = ts.isStringLiteralLike(where) || ts.isTemplateExpression(where) ? 1 : ts.isNewExpression(where) && calleeName(where) === 'ResourceTemplate' ? 2 : -1;
    if (index < 0) return handler && handler.parameters.length >= 2 ? named(handler, handler.parameters.length - 1, false, 'whether its URI is a template (which puts the variables before the context) is not written out in this file') : undefined;
    return handler?.parameters.length === index + 1 ? named(handler, index) : undefined;
  }
  if (!/^register(Tool|Prompt)$/.test(method) || call.arguments.length !== 3) return undefined;
  const handler = inline(call.arguments[2]);
  if (!handler || (handler.parameters.length !== 1 && handler.parameters.length !== 2)) return undefined;
  let config = unwrap(call.arguments[1]);
  if (ts.isIdentifier(config)) {
    const decl = resolveIdentifier(config);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) config = unwrap(decl.initializer);
  }
  const known = ts.isObjectLiteralExpression(config) && !config.properties.some((p) => !p.name || ts.isComputedPropertyName(p.name));
  const keys = known ? (config as TS.ObjectLiteralExpression).properties.map((p) => propertyNameText(p.name!) ?? '') : [];
  // A config with a key the SDK's has not (`params`, `schema`): a wrapper's own, whose handler takes arguments.
  if (keys.some((k) => !SDK_CONFIG_KEYS.has(k) && !/^(inputSchema|argsSchema)$/.test(k))) return undefined;
  if (handler.parameters.length === 2) return named(handler, 1, known);
  // (The sole parameter of a handler written in place, as before.)
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return undefined;
  const param = handler.parameters[0];
  if (param.dotDotDotToken) return undefined;
  if (!known) return { handler, param, known: false, sole: true };
  if (keys.some((k) => /^(inputSchema|argsSchema)$/.test(k))) return undefined;
  return { handler, param, known: true, sole: true };
}

/** A handler whose context parameter v1ContextParameter finds: written in place, or a function of the file. */
type Handler = TS.ArrowFunction | TS.FunctionExpression | TS.FunctionDeclaration;

/**
 * The handlers v1 hands its request context as their only argument, or as a parameter not named
 * `extra` (see v1ContextParameter), which the official codemod's context transform passes over: it
 * renames a second parameter named `extra` only, so `extra.signal` (or `context.signal`) stayed, undefined on v2's context (trial 73C B1: a no-input
 * tool failed on every call in JavaScript, and TypeScript stopped compiling, with exit 0). Their
 * reads of it are rewritten as that transform rewrites the second parameter's (`extra.signal` →
 * `ctx.mcpReq.signal`, `extra.authInfo` → `ctx.http?.authInfo`; `extra` becomes `ctx` where nothing
 * else there is named so). A parameter destructured (`async ({ signal }) =>`) gets the official
 * codemod's marker for a destructured second parameter, which destructuredContexts acts on. A use
 * this cannot rewrite (a member read by computed key, destructured in the body, one with no place
 * in v2's context, or the context of a handler whose config this file does not write out) is refused.
 */
function soleContexts(text: string, path: string, original: string): { text: string; lines: number[]; named: number; refused: Array<{ line: number; use: string; why: string; maybe?: boolean; param?: string }>; destructured: Marker[] } {
  const sf = parseFile(text, path);
  const edits: TextEdit[] = [];
  const lines: number[] = [];
  let namedCount = 0;
  const refused: Array<{ line: number; use: string; why: string; maybe?: boolean; param?: string }> = [];
  const destructured: Marker[] = [];
  /**
   * The use's line in the file as it is: the line written the same there nearest to its line
   * here (not a mention of the use in a marker above it, which a second run reads), else its line here.
   */
  const written = original.split('\n').map((l) => l.trim());
  const lineWritten = (node: TS.Node) => {
    const line = lineOf(sf, node.getStart(sf));
    const own = text.split('\n')[line - 1].trim();
    let best = 0;
    written.forEach((l, i) => {
      if (l === own && (best === 0 || Math.abs(i + 1 - line) < Math.abs(best - line))) best = i + 1;
    });
    return best || line;
  };
  walk(sf, (node) => {
    if (!ts.isCallExpression(node)) return undefined;
    const found = v1ContextParameter(node);
    if (!found) return undefined;
    const { handler, param, known, sole } = found;
    if (ts.isObjectBindingPattern(param.name)) {
      const keys = param.name.elements.map((e) => (e.propertyName ? propertyNameText(e.propertyName) : ts.isIdentifier(e.name) ? e.name.text : undefined));
      if (known && keys.some((k) => k !== undefined && isV1ContextKey(k))) {
        destructured.push({ line: lineOf(sf, param.getStart(sf)), message: `official v1→v2 codemod: Destructuring of context parameter in signature: "${param.name.getText(sf)}".`, link: UPGRADE_GUIDE });
      }
      return undefined;
    }
    if (!ts.isIdentifier(param.name)) return undefined;
    const name = param.name.text;
    const uses = referencesTo(handler, param as TS.ParameterDeclaration & { name: TS.Identifier });
    const member = (use: TS.Identifier) => (ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use ? use.parent.name.text : undefined);
    if (!known) {
      // Arguments or context, the config elsewhere decides: a name that says context, reading
      // members whose place moved, is asked of a person; any other name is taken for the arguments.
      const moved = uses.find((u) => Object.hasOwn(CONTEXT_READS, member(u) ?? ''));
      if (moved && (!sole || CONTEXT_NAME.test(name))) refused.push({ line: lineWritten(moved.parent), use: moved.parent.getText(sf), why: sole ? 'its config is not written out in this file, so whether v1 handed it the arguments or the request context cannot be told' : (found.why ?? 'its config is not written out in this file, so whether this is an SDK registration cannot be told'), maybe: sole, ...(sole ? {} : { param: name }) });
      return undefined;
    }
    const mine: TextEdit[] = [];
    let moved = 0;
    // `extra` becomes `ctx`, as the official codemod names a second parameter, where no `ctx` is in the handler already.
    let taken = false;
    walk(handler, (n) => {
      if (ts.isIdentifier(n) && n.text === 'ctx') taken = true;
      return taken ? false : undefined;
    });
    const to = name === 'extra' && !taken ? 'ctx' : name;
    for (const use of uses) {
      const key = member(use);
      const parent = use.parent;
      if (key !== undefined && Object.hasOwn(CONTEXT_READS, key)) {
        const access = parent as TS.PropertyAccessExpression;
        mine.push({ start: access.getStart(sf), end: access.getEnd(), text: `${to}${access.questionDotToken ? '?.' : '.'}${CONTEXT_READS[key]}` });
        moved++;
      } else if (key !== undefined && REMOVED_CONTEXT.has(key)) {
        refused.push({ line: lineWritten(parent), use: parent.getText(sf), why: `v2's context has no ${key} (experimental tasks left the SDK)`, ...(sole ? {} : { param: name }) });
      } else if (ts.isElementAccessExpression(parent) && parent.expression === use) {
        refused.push({ line: lineWritten(parent), use: parent.getText(sf), why: 'a member read by a computed key cannot be moved to its v2 place', ...(sole ? {} : { param: name }) });
      } else if (ts.isVariableDeclaration(parent) && parent.initializer === use && ts.isObjectBindingPattern(parent.name)) {
        refused.push({ line: lineWritten(parent), use: parent.getText(sf), why: 'the names destructured from it have other places in v2\'s context (signal and requestId under mcpReq, authInfo under http)', ...(sole ? {} : { param: name }) });
      } else if (to !== name) {
        mine.push(ts.isShorthandPropertyAssignment(parent) ? { start: parent.getStart(sf), end: parent.getEnd(), text: `${name}: ${to}` } : { start: use.getStart(sf), end: use.getEnd(), text: to });
      }
    }
    // Renamed only where a read moved: a handler reading sessionId alone (or nothing) works as it is.
    if (moved === 0) return undefined;
    if (to !== name) mine.push({ start: param.name.getStart(sf), end: param.name.getEnd(), text: to });
    edits.push(...mine);
    const first = uses.find((u) => Object.hasOwn(CONTEXT_READS, member(u) ?? ''))!;
    lines.push(lineWritten(first.parent));
    if (!sole) namedCount++;
    return undefined;
  });
  return { text: edits.length > 0 ? applyEdits(text, edits) : text, lines, named: namedCount, refused, destructured };
}

/**
 * The line migrateThrough's import took, once that import is gone, where it stayed as a blank line
 * after the file's last import that the file did not have: removed, and `items` below it moved up.
 */
function closeAddedLine(text: string, original: string, path: string, items: Array<{ line: number }>): string {
  const blankAfterLastImport = (source: string) => {
    const imports = parseFile(source, path).statements.filter(ts.isImportDeclaration);
    const end = imports.length > 0 ? imports[imports.length - 1].getEnd() : -1;
    const gap = end >= 0 ? /^[ \t]*\r?\n([ \t]*\r?\n)?/.exec(source.slice(end)) : null;
    return gap ? { end, line: source.slice(0, end).split('\n').length + 1, blank: gap[1] !== undefined, gap: gap[0], second: gap[1] } : undefined;
  };
  const now = blankAfterLastImport(text);
  const before = blankAfterLastImport(original);
  if (!now?.blank || !before || before.blank) return text;
  for (const item of items) if (item.line > now.line) item.line--;
  return text.slice(0, now.end) + now.gap.slice(0, now.gap.length - now.second!.length) + text.slice(now.end + now.gap.length);
}

/**
 * The text without the imports of `names` nothing uses any more, and `items` (markers, changes:
 * lines of `text`) at their lines in it.
 */
function dropBindings(text: string, path: string, names: readonly string[], items: Array<{ line: number }>): string {
  const sourceFile = parseFile(text, path);
  const { edits } = removeUnusedBindings(sourceFile, new Set(names));
  if (edits.length === 0) return text;
  const after = applyEdits(text, edits);
  const starts = sourceFile.getLineStarts();
  for (const item of items) item.line = lineAfterEdits(after, starts[item.line - 1] ?? text.length, edits, text);
  return after;
}

/**
 * A handler registered by method name (`setRequestHandler('tools/call', ...)`, the official
 * codemod's rewrite of a schema) is typed with the method's result on the v2 packages, where v1
 * let any result through. Content built in a local before the return (`const content = [{ type:
 * 'text', text }]`, no annotation) has `type: string`, which that result rejects (TS2345,
 * supabase-mcp's tools/call). A marker at each such return.
 */
function widenedContent(migrated: TS.SourceFile): Marker[] {
  const markers: Marker[] = [];
  /** A `type: '...'` written as a plain string (not `as const`) somewhere in an expression. */
  const widenedType = (expr: TS.Node): boolean => {
    let found = false;
    walk(expr, (n) => {
      if (found) return false;
      if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'type' && ts.isStringLiteral(n.initializer)) found = true;
      return undefined;
    });
    return found;
  };
  walk(migrated, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'setRequestHandler' || node.arguments.length < 2 || !ts.isStringLiteral(node.arguments[0])) return undefined;
    const handler = resolveFunction(node.arguments[1]);
    if (!handler?.body) return undefined;
    walk(handler.body, (n) => {
      if (n !== handler.body && isFunctionLike(n)) return false;
      if (!ts.isReturnStatement(n) || !n.expression) return undefined;
      const returned = unwrap(n.expression);
      if (!ts.isObjectLiteralExpression(returned)) return undefined;
      for (const p of returned.properties) {
        if (!/^(content|contents|messages)$/.test(propertyNameText(p.name as TS.PropertyName) ?? '')) continue;
        // `{ content }` or `{ content: built }`.
        const value = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
        if (!value || !ts.isIdentifier(value)) continue;
        const decl = resolveIdentifier(value);
        if (!decl || !ts.isVariableDeclaration(decl) || decl.type || !decl.initializer || !widenedType(decl.initializer)) continue;
        markers.push({
          line: migrated.getLineAndCharacterOfPosition(p.getStart(migrated)).line + 1,
          message: `official v1→v2 codemod: this ${(node.arguments[0] as TS.StringLiteral).text} handler is typed with its result on the v2 packages, and ${value.text} is built before the return, so its \`type: '...'\` is a plain string the result rejects (TS2345): write the type \`as const\`, annotate ${value.text}, or build it in the return`,
          link: UPGRADE_GUIDE,
        });
      }
      return undefined;
    });
    return undefined;
  });
  return markers;
}

/** v1's generic classes that take no type arguments on the v2 packages (Protocol takes one, a context type). */
const NOT_GENERIC_ON_V2: Record<string, number> = { Server: 0, Client: 0, Protocol: 1 };

/**
 * `Server<Request, Notification, Result>` (v1's request, notification and result type parameters)
 * where Server now comes from a v2 package, whose Server and Client take none: the file stops
 * compiling (TS2315) at each such use, which the official codemod leaves (supabase-mcp's
 * `S extends Server<infer R, any, any>`). A marker at each.
 */
function lostTypeParameters(migrated: TS.SourceFile): Marker[] {
  // Local name → the name the v2 package exports.
  const v2Names = new Map<string, string>();
  for (const i of moduleImports(migrated)) {
    if (/^@modelcontextprotocol\/(server|client|core)(\/|$)/.test(i.module)) for (const e of i.named ?? []) v2Names.set(e.name.getText(migrated), importedName(e));
  }
  const markers: Marker[] = [];
  walk(migrated, (node) => {
    if (!ts.isTypeReferenceNode(node) || !node.typeArguments || !ts.isIdentifier(node.typeName)) return undefined;
    const exported = v2Names.get(node.typeName.text);
    const allowed = exported !== undefined ? NOT_GENERIC_ON_V2[exported] : undefined;
    if (allowed === undefined || node.typeArguments.length === allowed) return undefined;
    markers.push({
      line: migrated.getLineAndCharacterOfPosition(node.getStart(migrated)).line + 1,
      message: `official v1→v2 codemod: ${exported} takes ${allowed === 0 ? 'no type arguments' : 'one type argument (its context type)'} on the v2 packages (v1's took the request, notification and result types), so \`${node.getText(migrated).slice(0, 60)}\` stops compiling: drop the type arguments, and name the request and result types where they are needed`,
      link: UPGRADE_GUIDE,
    });
    return undefined;
  });
  return markers;
}

/**
 * `client.request = async function (request, ...rest) { ... }` on a Client now from a v2 package:
 * the replacement was typed for v1's request(), and v2's takes its result schema as a Standard
 * Schema and types the request more strictly, so it stops compiling (supergateway's bridges,
 * which rewrite the initialize Client.connect() sends). A marker at each, and one at the call in
 * the replacement that passes the request on in v1's shape.
 */
function overriddenRequest(migrated: TS.SourceFile): Marker[] {
  const clients = new Set<string>();
  for (const i of moduleImports(migrated)) {
    if (/^@modelcontextprotocol\/client(\/|$)/.test(i.module)) for (const e of i.named ?? []) if (importedName(e) === 'Client') clients.add(e.name.getText(migrated));
  }
  if (clients.size === 0) return [];
  const markers: Marker[] = [];
  walk(migrated, (node) => {
    // A function put in its place (putting the original back needs nothing).
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(node.left) || node.left.name.text !== 'request' || !isFunctionLike(unwrap(node.right))) return undefined;
    const target = unwrap(node.left.expression);
    const decl = ts.isIdentifier(target) ? resolveIdentifier(target) : undefined;
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!init || !ts.isNewExpression(init) || !clients.has(init.expression.getText(migrated))) return undefined;
    // The call that passes the request on (`original.apply(this, [request, ...rest])`): it stops compiling too.
    let forward: TS.Node | undefined;
    walk(node.right, (n) => {
      if (forward) return false;
      if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isSpreadElement(a) || (ts.isArrayLiteralExpression(a) && a.elements.some(ts.isSpreadElement)))) forward = n;
      return undefined;
    });
    markers.push({
      line: lineOf(migrated, node.getStart(migrated)),
      message: `official v1→v2 codemod: this replaces ${target.getText(migrated)}.request, typed for v1's request(); v2's takes its result schema as a Standard Schema (request(request, resultSchema, options)) and types the request more strictly, so the replacement's parameters and what it passes on need new types (or wrap the transport's send instead)`,
      link: UPGRADE_GUIDE,
    });
    if (forward) {
      markers.push({
        line: lineOf(migrated, forward.getStart(migrated)),
        message: `official v1→v2 codemod: this passes the request on in v1's request() shape; v2's request(request, resultSchema, options) needs its result schema as the second argument`,
        link: UPGRADE_GUIDE,
      });
    }
    return undefined;
  });
  return markers;
}

/**
 * The file's comments, whitespace-normalised, with how often each occurs: the comment ranges
 * before and after every node of its parse, and before the token that closes a list (a raw token
 * scan would take `/**` in a template for a comment). The last catches a comment after a list's
 * last item (`type Tool, // tool definitions` before an import's `}`) or in an empty block.
 */
function comments(sourceFile: TS.SourceFile): Map<string, number> {
  const text = sourceFile.text;
  const seen = new Set<number>();
  const found = new Map<string, number>();
  const add = (ranges: TS.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const comment = text.slice(range.pos, range.end).replace(/\s+/g, ' ').trim();
      found.set(comment, (found.get(comment) ?? 0) + 1);
    }
  };
  const visit = (node: TS.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit, (nodes) => {
      nodes.forEach(visit);
      add(ts.getTrailingCommentRanges(text, nodes.end));
      add(ts.getLeadingCommentRanges(text, nodes.end));
    });
  };
  visit(sourceFile);
  add(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return found;
}

/** What a file starts with before its first statement: a `#!` line, comments, blank lines. */
function fileHead(text: string): string {
  return /^(?:#![^\n]*(?:\n|$))?(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text)![0];
}

/** A comment of `before` that `after` no longer has (undefined when none was lost). */
function lostComment(before: TS.SourceFile, after: TS.SourceFile): string | undefined {
  const kept = comments(after);
  for (const [comment, count] of comments(before)) if ((kept.get(comment) ?? 0) < count) return comment;
  return undefined;
}

/** A call a finder picked out of a file, with what the messages name it by, its text and its line (1-based). */
type FoundCall = { name: string; text: string; line: number };

/** The calls of a file `pick` names (a name for the messages, or undefined to skip the call). */
function callsOf(sourceFile: TS.SourceFile, pick: (call: TS.CallExpression) => string | undefined): FoundCall[] {
  const found: FoundCall[] = [];
  walk(sourceFile, (node) => {
    const name = ts.isCallExpression(node) ? pick(node) : undefined;
    if (name !== undefined) found.push({ name, text: node.getText(sourceFile), line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 });
    return undefined;
  });
  return found;
}

/**
 * The calls `pick` finds in the migrated file, each at its line in the original: by its text;
 * else, the calls being as many, by its place among them (the codemod may have touched its text
 * and moved the lines above it, merging imports); else its own line.
 */
function leftAtOriginalLines(before: TS.SourceFile, after: TS.SourceFile, pick: (call: TS.CallExpression) => string | undefined): Array<{ name: string; line: number }> {
  const left = callsOf(after, pick);
  if (left.length === 0) return [];
  const originals = callsOf(before, pick);
  return left.map((l, i) => ({ name: l.name, line: originals.find((o) => o.text === l.text)?.line ?? (originals.length === left.length ? originals[i].line : l.line) }));
}

/**
 * v1's tool/prompt/resource members of a server taken other than as the callee of a call: bound or
 * handed on (`srv.tool.bind(srv)`, `const t = srv.tool`) or named in brackets (`srv['tool'](...)`).
 * Their names, the code and their lines.
 */
function legacyRegistrationRefs(sourceFile: TS.SourceFile): Array<{ name: string; text: string; line: number }> {
  if (!/\b(tool|prompt|resource)\b/.test(sourceFile.text)) return [];
  const found: Array<{ name: string; text: string; line: number }> = [];
  const isServer = (receiver: TS.Expression) => mcpReceiverKind(receiver, () => false) === 'server';
  walk(sourceFile, (node) => {
    let name: string | undefined;
    if (ts.isPropertyAccessExpression(node) && /^(tool|prompt|resource)$/.test(node.name.text) && !(ts.isCallExpression(node.parent) && node.parent.expression === node) && isServer(node.expression)) name = node.name.text;
    else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && /^(tool|prompt|resource)$/.test(node.argumentExpression.text) && isServer(node.expression)) name = node.argumentExpression.text;
    if (name) found.push({ name, text: node.getText(sourceFile), line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 });
    return undefined;
  });
  return found;
}

/**
 * `server.tool(name, [description,] { readOnlyHint: true }, cb)`: an object literal in the schema
 * position with properties, none of them a zod type (literals: booleans, strings, numbers), which
 * v1 takes as the tool's annotations. Its text and line.
 */
function annotationsOnlyTools(sourceFile: TS.SourceFile): Array<{ text: string; line: number; described: boolean }> {
  const found: Array<{ text: string; line: number; described: boolean }> = [];
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || legacyRegistration(node) !== 'tool') return undefined;
    const args = node.arguments;
    const middle = args.slice(1, -1).map((a) => unwrap(a));
    const first = middle.find((a) => stringValue(a) === undefined);
    // The first non-string argument before the callback, when it is the last one there (no schema before it).
    if (!first || first !== middle[middle.length - 1] || !ts.isObjectLiteralExpression(first) || first.properties.length === 0) return undefined;
    const literal = (e: TS.Expression) => { const v = unwrap(e); return ts.isStringLiteralLike(v) || ts.isNumericLiteral(v) || v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword; };
    if (!first.properties.every((p) => ts.isPropertyAssignment(p) && literal(p.initializer))) return undefined;
    found.push({ text: first.getText(sourceFile).replace(/\s+/g, ' '), line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, described: middle.length > 1 });
    return undefined;
  });
  return found;
}

/** A `server.tool(...)` / `prompt(...)` / `resource(...)` call: its method's name. */
function legacyRegistration(node: TS.CallExpression): string | undefined {
  if (node.arguments.length < 2) return undefined;
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !/^(tool|prompt|resource)$/.test(callee.name.text)) return undefined;
  // `server.tool(...)`, or `this.tool(...)` in a class of the application's own built on McpServer.
  const cls = callee.expression.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(node) : undefined;
  const own = !!cls && heritageNames(cls).includes('McpServer');
  return own || mcpReceiverKind(callee.expression, () => false) === 'server' ? callee.name.text : undefined;
}

/**
 * `setRequestHandler(kind.listSchema, handler)`: a handler registered with a first argument that is
 * not visibly a method string (a schema held in a variable, a table or a parameter), which the
 * official codemod leaves with an advisory marker. v1 took only schemas there (it throws for a
 * string), so in working v1 code the value is a schema, and v2's setRequestHandler and
 * setNotificationHandler throw for anything but a method string when the server is built ("... is
 * not a spec request method"): every client of it would fail. The calls, at their lines in the
 * original text. (The three-argument custom form takes its method string first.)
 */
function schemaKeyedHandlers(before: TS.SourceFile, after: TS.SourceFile): Array<{ call: string; line: number }> {
  return leftAtOriginalLines(before, after, (node) => {
    if (node.arguments.length !== 2) return undefined;
    const name = calleeName(node);
    if ((name !== 'setRequestHandler' && name !== 'setNotificationHandler') || !ts.isPropertyAccessExpression(unwrap(node.expression))) return undefined;
    const first = unwrap(node.arguments[0]) as TS.Expression;
    if (stringValued(first) || constantStrings(first) || typedString(first)) return undefined;
    return `${name}(${first.getText().slice(0, 40)}, ...)`;
  }).map(({ name, line }) => ({ call: name, line }));
}

/** A name declared a string (`method: string`, a const typed so): some other library's handler key, not a v1 schema. */
function typedString(node: TS.Expression): boolean {
  const decl = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  const type = decl && (ts.isParameter(decl) || ts.isVariableDeclaration(decl)) ? decl.type : undefined;
  return !!type && (type.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(type) || (ts.isUnionTypeNode(type) && type.types.every((t) => ts.isLiteralTypeNode(t))) || typeNameText(type) === 'RequestMethod');
}

/** The registration calls the migration left as they were, each at its line in the original text. */
function unconvertedRegistrations(before: TS.SourceFile, after: TS.SourceFile): Array<{ name: string; line: number }> {
  return leftAtOriginalLines(before, after, legacyRegistration);
}

const V2_PACKAGE = /^@modelcontextprotocol\/(server|client|core|node|express|hono)$/;

/** An expression that is visibly a string: a literal, a template, a `+` of a string, a const bound to one. */
function stringValued(node: TS.Expression, depth = 2): boolean {
  const n = unwrap(node) as TS.Expression;
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) return true;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return stringValued(n.left, depth) || stringValued(n.right, depth);
  if (ts.isIdentifier(n) && depth > 0) {
    const decl = resolveIdentifier(n);
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && stringValued(decl.initializer, depth - 1);
  }
  return false;
}

/**
 * The handlers of the registerTool/registerPrompt calls the official codemod wrote, at the indent
 * of their statement again. It writes the new call on one line and indents the handler's other
 * lines by the depth the old call's arguments had and more (heroku-mcp-server's bodies moved 8 to
 * 10 columns right): the lines after the call's first are moved back left so that its last line
 * sits at its statement's indent (a description over several lines keeps its own). Lines that
 * start inside a template literal keep their text.
 */
function outdentHandlers(text: string, before: string, path: string): string {
  if (text === before || !/\bregister(Tool|Prompt)\s*\(/.test(text)) return text;
  const sourceFile = parseFile(text, path);
  const lineStarts = sourceFile.getLineStarts();
  const shifts = new Map<number, number>();
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || !/^register(Tool|Prompt)$/.test(calleeName(node) ?? '')) return undefined;
    const handler = node.arguments[node.arguments.length - 1];
    if (!handler || !isFunctionLike(handler) || before.includes(node.getText(sourceFile))) return undefined;
    const first = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
    const last = sourceFile.getLineAndCharacterOfPosition(node.end).line;
    const handlerLine = sourceFile.getLineAndCharacterOfPosition(handler.getStart(sourceFile)).line;
    // The official codemod's shape: the handler starts after the config on one line, and the
    // lines after that one are the handler's.
    const indentOf = (line: number) => /^[ \t]*/.exec(text.slice(lineStarts[line]))![0].length;
    if (last === handlerLine || indentOf(handlerLine) === handler.getStart(sourceFile) - lineStarts[handlerLine]) return undefined;
    const shift = indentOf(last) - indentOf(first);
    if (shift > 0) for (let line = handlerLine + 1; line <= last; line++) shifts.set(line, shift);
    return undefined;
  });
  return outdentLines(text, sourceFile, shifts);
}

/**
 * A registerTool/registerPrompt call the official codemod wrote on one line from a `tool()` or
 * `prompt()` call the file laid out one argument per line (`server.tool(\n  'name',\n  ...`):
 * laid out so again, its config object one property per line. The official codemod gathers the
 * arguments into `{ description, inputSchema, annotations }` on the call's first line and keeps
 * the old lines' indentation inside them (an annotations object 14 columns in, say). Each
 * property's and the handler's last line is put at its place (a closing bracket at the
 * property's indent, a continued string one unit in), their other lines moved with it; lines
 * inside template literals keep their text. Markers below a call move down with the lines added.
 */
function relayoutRegistrations(text: string, original: TS.SourceFile, path: string, markers: Marker[]): string {
  const before = original.text;
  if (text === before || !/\bregister(Tool|Prompt)\s*\(/.test(text)) return text;
  const sourceFile = parseFile(text, path);
  const unit = indentUnit(before);
  const trailing = /,[ \t]*(\/\/[^\r\n]*)?\r?\n[ \t]*\)/.test(before) ? ',' : '';
  const edits: Array<TextEdit & { line: number; added: number }> = [];
  // The file's tool() and prompt() calls by kind and name, in order: the n-th registerTool of a
  // name is the n-th tool() of it (review 49).
  const written = new Map<string, TS.CallExpression[]>();
  walk(original, (n) => {
    const kind = ts.isCallExpression(n) ? calleeName(n) : undefined;
    const first = (kind === 'tool' || kind === 'prompt') && (n as TS.CallExpression).arguments[0];
    if (first && ts.isStringLiteral(first)) written.set(`${kind} ${first.text}`, [...(written.get(`${kind} ${first.text}`) ?? []), n as TS.CallExpression]);
    return undefined;
  });
  const seen = new Map<string, number>();
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || !/^register(Tool|Prompt)$/.test(calleeName(node) ?? '') || node.arguments.length !== 3) return undefined;
    const [name, config, handler] = node.arguments;
    // (The handler any expression: a function written there, or a name, `getThing` imported; trial 64C B1.)
    if (!ts.isStringLiteral(name) || !ts.isObjectLiteralExpression(config) || before.includes(node.getText(sourceFile))) return undefined;
    const start = node.getStart(sourceFile);
    const line = sourceFile.getLineAndCharacterOfPosition(start).line;
    const lineStart = sourceFile.getLineStarts()[line];
    const key = `${calleeName(node) === 'registerTool' ? 'tool' : 'prompt'} ${name.text}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    // From a call the file wrote one argument per line.
    const call = written.get(key)?.[nth];
    if (!call || lineOf(original, call.arguments[0].getStart(original)) === lineOf(original, call.arguments.pos - 1)) return undefined;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    /** A node's text with its lines after the first moved so its last sits at `at` (one unit in for a continued expression). */
    const placed = (n: TS.Node, at: string): string => {
      const body = n.getText(sourceFile);
      const last = body.slice(body.lastIndexOf('\n') + 1);
      if (last === body) return body;
      const from = /^[ \t]*/.exec(last)![0];
      return reindent(body, from, /^[ \t]*[)\]}]/.test(last) ? at : at + unit);
    };
    const inner = indent + unit;
    // The comments the file wrote at the old call's arguments, each taken to the line of what that argument became.
    const [nameComments, ...rest] = argumentComments(call, original);
    const handlerComments = rest.pop();
    // The arguments between: a config property each, in order, where they are as many; else each
    // with the property whose value is it, or wraps it (`inputSchema: z.object(shape)`).
    const flat = (code: string) => code.replace(/\s+/g, ' ');
    const values = config.properties.map((p) => flat((ts.isPropertyAssignment(p) ? p.initializer : p).getText(sourceFile)));
    const middle = new Map<number, ArgumentComments>();
    const unplacedComments: ArgumentComments[] = [];
    for (const [i, c] of rest.entries()) {
      const arg = flat(c.argument);
      const index = rest.length === values.length ? i : values.findIndex((v, j) => !middle.has(j) && (v === arg || (arg.length > 2 && v.endsWith(`(${arg})`))));
      if (index >= 0) middle.set(index, c);
      else unplacedComments.push(c);
    }
    const at = (own: ArgumentComments | undefined, lineIndent: string, line: string): string[] =>
      own ? [...own.above.map((c) => `${lineIndent}${c}`), `${line}${own.after ? ` ${own.after}` : ''}`] : [line];
    const props = config.properties.flatMap((p, i) => at(middle.get(i), inner + unit, `${inner}${unit}${placed(p, inner + unit)},`));
    const callee = text.slice(start, node.arguments.pos).replace(/\($/, '');
    // A tool that had neither description nor schema gets an empty config, on one line.
    const configLines = props.length > 0 ? [`${inner}{`, ...props, `${inner}},`] : [`${inner}{},`];
    const nameLines = at(nameComments, inner, `${inner}${name.getText(sourceFile)},`);
    const handlerLines = at(handlerComments, inner, `${inner}${placed(handler, inner)}${trailing}`);
    // Those of arguments with no place of their own (an empty schema `{}` the config drops): at the call's first lines.
    const unplaced = unplacedComments.flatMap((c) => [...c.above, ...(c.after ? [c.after] : [])].map((line) => `${inner}${line}`));
    const laidOut = [`${callee}(`, ...unplaced, ...nameLines, ...configLines, ...handlerLines, `${indent})`].join('\n');
    const old = text.slice(start, node.getEnd());
    edits.push({ start, end: node.getEnd(), text: laidOut, line: line + 1, added: laidOut.split('\n').length - old.split('\n').length });
    return false;
  });
  if (edits.length === 0) return text;
  for (const m of markers) m.line += edits.filter((e) => e.line < m.line).reduce((sum, e) => sum + e.added, 0);
  return applyEdits(text, edits);
}

/** The comments at one argument of a call (argumentComments). */
interface ArgumentComments {
  argument: string;
  above: string[];
  after?: string;
}

/**
 * The comments around each argument of a `tool()` or `prompt()` call laid out one argument per
 * line, in argument order: those on lines of their own above an argument, and the ones after it
 * (and its comma) on its last line (`'echo', // the tool's id`, trial 45C).
 */
function argumentComments(call: TS.CallExpression, sourceFile: TS.SourceFile): ArgumentComments[] {
  const text = sourceFile.text;
  const found: ArgumentComments[] = [];
  let previousLine = lineOf(sourceFile, call.arguments.pos - 1);
  for (const arg of call.arguments) {
    // Above: comments of the argument's leading trivia that start on a line after the previous argument's.
    const above = (ts.getLeadingCommentRanges(text, arg.pos) ?? []).filter((r) => lineOf(sourceFile, r.pos) > previousLine).map((r) => text.slice(r.pos, r.end));
    // After: every comment between it (and its comma) and the end of its line.
    const comma = /^[ \t]*,/.exec(text.slice(arg.end))?.[0].length ?? 0;
    const after = (ts.getTrailingCommentRanges(text, arg.end + comma) ?? []).map((r) => text.slice(r.pos, r.end)).join(' ');
    found.push({ argument: arg.getText(sourceFile), above, ...(after ? { after } : {}) });
    previousLine = lineOf(sourceFile, arg.end);
  }
  return found;
}

/**
 * Takes `shift` columns of indentation off each line of `shifts` (0-based), spaces or tabs alike
 * (the shifts were counted so), leaving lines inside template literals as they are.
 */
function outdentLines(text: string, sourceFile: TS.SourceFile, shifts: ReadonlyMap<number, number>): string {
  if (shifts.size === 0) return text;
  const lineStarts = sourceFile.getLineStarts();
  const templates = templateSpans(sourceFile);
  const lines = text.split('\n');
  for (const [line, shift] of shifts) {
    if (insideTemplate(lineStarts[line], templates)) continue;
    const indent = /^[ \t]*/.exec(lines[line])![0].length;
    if (indent >= shift) lines[line] = lines[line].slice(shift);
  }
  return lines.join('\n');
}

/**
 * The official codemod wraps a raw shape written inline (`inputSchema: { ... }`) in `z.object(...)`
 * and indents the shape's lines once more by the column the property starts at (webflow's tools:
 * a 2,591-line diff for 74 lines of change where no formatter ran). The lines after the opening
 * one go back to where they were: the closing `})` under the property, as the `}` was.
 */
function outdentShapes(text: string, before: string, path: string): string {
  if (text === before || !/\b(inputSchema|outputSchema|argsSchema)\s*:\s*\w+\.object\(/.test(text)) return text;
  const sourceFile = parseFile(text, path);
  const lineStarts = sourceFile.getLineStarts();
  const indentOf = (line: number) => /^[ \t]*/.exec(text.slice(lineStarts[line]))![0].length;
  const shifts = new Map<number, number>();
  walk(sourceFile, (node) => {
    if (!ts.isPropertyAssignment(node) || !/^(inputSchema|outputSchema|argsSchema)$/.test(propertyNameText(node.name) ?? '')) return undefined;
    const value = unwrap(node.initializer);
    if (!ts.isCallExpression(value) || calleeName(value) !== 'object' || before.includes(value.getText(sourceFile))) return false;
    const first = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
    const last = sourceFile.getLineAndCharacterOfPosition(value.end).line;
    const shift = last > first ? indentOf(last) - indentOf(first) : 0;
    if (shift > 0) for (let line = first + 1; line <= last; line++) shifts.set(line, shift);
    return false;
  });
  return outdentLines(text, sourceFile, shifts);
}

/** The official codemod's advice where a schema argument is not a literal shape or a z.object() call. */
const UNVERIFIED_SCHEMA = /Could not verify (the schema argument|`\w+`) is a schema object/;

/** What this run says of a raw shape another module of the package makes (importedShapesAt), once wrapped: nothing left to say. */
const IMPORTED_RAW_SHAPE = /^official v1→v2 codemod: .* (is a raw shape|are raw shapes) \(an object of zod types, made in another module/;

/**
 * `inputSchema: schema.shape` (a zod object's raw shape, as v1's tool() took it), or a raw shape
 * another module of the package makes (`outputSchema: whoOutput`, `constants`), wrapped in
 * `z.object(...)`, what v2 does with a raw shape (deprecated) and what v1 did: the same schema.
 * Not only for the deprecation: v2's registerTool takes raw shapes only where the input schema is
 * one too, and the official codemod wraps the literal ones, so a raw shape left beside them fails
 * to type-check (trial 33A, monize: 36 errors). The official codemod cannot tell such an argument
 * from a schema object, and advises on every call (heroku-mcp-server: 37 of its 38 markers); its
 * advice at a call whose schemas are all wrapped here is dropped. Only where this file imports zod
 * (under whatever name). Undefined: nothing to wrap.
 */
function wrapShapes(text: string, path: string, markers: Marker[], constants: Constants | undefined): { text: string; lines: number[] } | undefined {
  const imported = constants ? [...constants].filter(([, kind]) => kind === 'shape').map(([name]) => name) : [];
  if (!/\.shape\b/.test(text) && !imported.some((name) => text.includes(name))) return undefined;
  const sourceFile = parseFile(text, path);
  const zod = zodIdentifier(sourceFile);
  if (!zod) return undefined;
  const edits: TextEdit[] = [];
  const settled = new Set<number>();
  // Calls whose raw shapes of other modules were all wrapped: what this run said of them goes.
  const importedSettled = new Set<number>();
  // A name the file imports (`WhoOutput`, `schemas.WhoOutput`), not a local that shadows it.
  const importedName = (value: TS.Expression) => {
    let base: TS.Expression = value;
    while (ts.isPropertyAccessExpression(base)) base = unwrap(base.expression) as TS.Expression;
    return imported.includes(value.getText(sourceFile)) && moduleExportOf(base) !== undefined;
  };
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || !/^register(Tool|Prompt)$/.test(calleeName(node) ?? '')) return undefined;
    const config = node.arguments[1] && unwrap(node.arguments[1]);
    if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
    let shapes = 0;
    let others = 0;
    let importedWrapped = 0;
    let importedLeft = 0;
    for (const p of config.properties) {
      if (!ts.isPropertyAssignment(p) || !/^(inputSchema|outputSchema|argsSchema)$/.test(propertyNameText(p.name) ?? '')) continue;
      const value = unwrap(p.initializer);
      // `(schema as any).shape`: a shape no type speaks for; wrapped, the handler's types would change
      // under the user's own `@ts-expect-error`. It is left as it is, with the official advice.
      if (ts.isPropertyAccessExpression(value) && value.name.text === 'shape' && !castToAny(value.expression)) {
        shapes++;
        // `z.object({...}).shape` wrapped again is that object: written as it.
        const owner = unwrap(value.expression);
        const object = ts.isCallExpression(owner) && owner.expression.getText(sourceFile) === `${zod}.object`;
        edits.push({ start: p.initializer.getStart(sourceFile), end: p.initializer.end, text: object ? owner.getText(sourceFile) : `${zod}.object(${p.initializer.getText(sourceFile)})` });
      } else if ((ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) && importedName(value)) {
        // (Cast to any, as the `.shape` above: left as it is.)
        if (castToAny(p.initializer)) {
          importedLeft++;
          others++;
          continue;
        }
        shapes++;
        importedWrapped++;
        edits.push({ start: p.initializer.getStart(sourceFile), end: p.initializer.end, text: `${zod}.object(${p.initializer.getText(sourceFile)})` });
      } else if (!(ts.isCallExpression(value) && value.expression.getText(sourceFile) === `${zod}.object`)) {
        others++;
      }
    }
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    if (shapes > 0 && others === 0) settled.add(line);
    if (importedWrapped > 0 && importedLeft === 0) importedSettled.add(line);
    return undefined;
  });
  if (edits.length === 0) return undefined;
  // The edits stay within their lines: the markers keep theirs.
  for (let i = markers.length - 1; i >= 0; i--) {
    if ((UNVERIFIED_SCHEMA.test(markers[i].message) && settled.has(markers[i].line)) || (IMPORTED_RAW_SHAPE.test(markers[i].message) && importedSettled.has(markers[i].line))) markers.splice(i, 1);
  }
  return { text: applyEdits(text, edits), lines: edits.map((e) => sourceFile.getLineAndCharacterOfPosition(e.start).line + 1) };
}

/** `(x as any)`, `<any>x`, through parentheses: a value cast to any or unknown. */
function castToAny(node: TS.Node): boolean {
  for (let n = node; ; ) {
    if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
    else if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
      if (n.type.kind === ts.SyntaxKind.AnyKeyword || n.type.kind === ts.SyntaxKind.UnknownKeyword) return true;
      n = n.expression;
    } else return false;
  }
}

/** The constants of other modules of the run a file's registrations take (CodemodContext.importedConstants). */
type Constants = ReadonlyMap<string, ImportedConstant>;

/** A call of a v1 registration method, on whatever receiver (a cheap test of a file's text); registerTool's and registerPrompt's schemas too. */
const REGISTRATION_CALL = /\.(tool|prompt|resource|registerTool|registerPrompt)\s*\(/;

/** An import or require of a module of the file's own package (a cheap test of a file's text). */
const RELATIVE_MODULE = /\b(from|require)\s*\(?\s*['"](\.\.?\/|#)/;

/** The keys of v1's ToolAnnotations. */
const ANNOTATION_KEYS = /^(title|readOnlyHint|destructiveHint|idempotentHint|openWorldHint)$/;

/**
 * An object literal that is a tool's annotations, not a shape of zod types: each of its
 * properties has a literal value (a string, a number, a boolean), or is one of the annotations'
 * keys with a value that is no call (`readOnlyHint: readOnly`).
 */
function literalObject(e: TS.ObjectLiteralExpression): boolean {
  const literal = (v: TS.Expression) => {
    const x = unwrap(v);
    return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword;
  };
  const annotation = (p: TS.ObjectLiteralElementLike) => {
    const key = p.name && propertyNameText(p.name);
    if (ts.isShorthandPropertyAssignment(p)) return !!key && ANNOTATION_KEYS.test(key);
    return ts.isPropertyAssignment(p) && (literal(p.initializer) || (!!key && ANNOTATION_KEYS.test(key) && !ts.isCallExpression(unwrap(p.initializer))));
  };
  return e.properties.length > 0 && e.properties.every(annotation);
}

/** `z.object({...})`, also with `.extend(...)`/`.strict()` on it, `z` being zod by its name or by an import of it. */
function zodObjectCall(node: TS.Expression): boolean {
  let e = unwrap(node);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(extend|strict|passthrough|describe|merge|strip|catchall|partial|required|pick|omit)$/.test(e.expression.name.text)) e = unwrap(e.expression.expression);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !/^(object|strictObject|looseObject)$/.test(e.expression.name.text)) return false;
  const root = unwrap(e.expression.expression);
  return ts.isIdentifier(root) && (/^(z|zod)$/i.test(root.text) || /^zod(\/|$)/.test(moduleExportOf(root)?.module ?? ''));
}

/**
 * What a constant written out in a module of the run holds as a registration argument (see
 * ImportedConstant): a string (a literal, a template, a `+` with a string, lines joined, a string
 * trimmed), an object literal (annotations when its values are all literals, else a raw shape), a
 * `.shape`, a zod object. The constants it names are followed (`BASE + ' more'`). Undefined for
 * anything else (a function's result).
 */
function constantKind(value: ModuleValue | undefined, modules: ModuleSource, depth = 3): ImportedConstant | undefined {
  if (!value || depth < 0) return undefined;
  const e = value.expression;
  const stringy = (x: TS.Expression) => constantKind(moduleValue(x, value.module, modules), modules, depth - 1) === 'string';
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isTaggedTemplateExpression(e)) return 'string';
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return stringy(e.left) || stringy(e.right) ? 'string' : undefined;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const on = unwrap(e.expression.expression) as TS.Expression;
    if (e.expression.name.text === 'join' && ts.isArrayLiteralExpression(on)) return 'string';
    if (/^(trim|trimStart|trimEnd|replace|replaceAll|concat|toLowerCase|toUpperCase)$/.test(e.expression.name.text) && stringy(on)) return 'string';
  }
  if (ts.isObjectLiteralExpression(e)) return literalObject(e) ? 'annotations' : 'shape';
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'shape') return 'shape';
  return zodObjectCall(e) ? 'schema' : undefined;
}

/**
 * The constant a name the file at `path` imports from a module of the run is bound to there: an
 * imported name, a namespace's member (`constants.DESCRIPTION`), a member of an object another
 * module exports (`TOOLS.search`).
 */
function importedValue(e: TS.Expression, path: string, modules: ModuleSource): ModuleValue | undefined {
  if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
  const where = moduleExportOf(e);
  if (where) {
    const module = where.exported === '*' ? undefined : modules.resolve(path, where.module);
    return module && exportedValue(module, where.exported, modules);
  }
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const owner = importedValue(unwrap(e.expression) as TS.Expression, path, modules);
  if (!owner || !ts.isObjectLiteralExpression(owner.expression)) return undefined;
  const member = owner.expression.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === e.name.text);
  return member && moduleValue(member.initializer, owner.module, modules);
}

/**
 * What the constants the tool()/prompt()/resource() calls of a file take from other modules of
 * the run hold (and the schemas registerTool()/registerPrompt() configs take), by the argument as written (CodemodContext.importedConstants): `DESCRIPTION` of
 * `import { DESCRIPTION } from './constants.js'` is a string, `ParamsShape` an object of zod
 * types. The runner reads them for the file (a codemod reads no other file); the arguments it
 * cannot read (a package's, a value computed) are not in the map.
 */
export function registrationConstants(text: string, path: string, modules: ModuleSource): Map<string, ImportedConstant> {
  const found = new Map<string, ImportedConstant>();
  if (!REGISTRATION_CALL.test(text) || !RELATIVE_MODULE.test(text)) return found;
  const sourceFile = parseFile(text, path);
  const note = (arg: TS.Expression) => {
    const e = unwrap(arg) as TS.Expression;
    const key = e.getText(sourceFile);
    if (found.has(key)) return;
    // `Schema.shape` of a zod object another module makes is a raw shape.
    const owner = ts.isPropertyAccessExpression(e) && e.name.text === 'shape' ? (unwrap(e.expression) as TS.Expression) : undefined;
    let kind = constantKind(importedValue(e, path, modules), modules);
    if (!kind && owner && constantKind(importedValue(owner, path, modules), modules) === 'schema') {
      kind = 'shape';
      found.set(owner.getText(sourceFile), 'schema');
    }
    if (kind) found.set(key, kind);
  };
  walk(sourceFile, (node) => {
    if (!ts.isCallExpression(node) || node.arguments.length < 2 || !ts.isPropertyAccessExpression(node.expression)) return undefined;
    const method = node.expression.name.text;
    if (/^(tool|prompt|resource)$/.test(method)) for (const arg of node.arguments.slice(0, -1)) note(arg);
    // registerTool(name, { inputSchema, outputSchema }, cb): its schemas, held in constants of other modules (trial 33A, monize's output shapes).
    const config = /^register(Tool|Prompt)$/.test(method) ? unwrap(node.arguments[1]) : undefined;
    if (config && ts.isObjectLiteralExpression(config)) {
      for (const p of config.properties) if (ts.isPropertyAssignment(p) && /^(inputSchema|outputSchema|argsSchema)$/.test(propertyNameText(p.name) ?? '')) note(p.initializer);
    }
    return undefined;
  });
  return found;
}

/**
 * What a registration argument is: visibly (a string, an object literal, a `.shape`, a zod
 * object), or by the constants of the run's modules for a name the file imports; `'unread'` for an
 * imported name whose value this run could not read (a package's, a value computed). Undefined for
 * anything else (a local of unknown value).
 */
function argumentKind(arg: TS.Expression, constants: Constants | undefined, depth = 2): ImportedConstant | 'unread' | undefined {
  const e = unwrap(arg) as TS.Expression;
  if (stringValued(e)) return 'string';
  // A const of this file: what it holds.
  const decl = ts.isIdentifier(e) && depth > 0 ? resolveIdentifier(e) : undefined;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) return argumentKind(decl.initializer, constants, depth - 1);
  if (ts.isObjectLiteralExpression(e)) return literalObject(e) ? 'annotations' : 'shape';
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'shape') return 'shape';
  if (zodObjectCall(e)) return 'schema';
  // `typeof d === 'function' ? d(30) : d` (trial 46B B1): what both branches are, where they agree;
  // a branch read from elsewhere, or not known, leaves it unread (the official codemod would guess).
  if (ts.isConditionalExpression(e)) {
    const kinds = [argumentKind(e.whenTrue, constants, depth), argumentKind(e.whenFalse, constants, depth)];
    return kinds[0] === kinds[1] && kinds[0] !== undefined ? kinds[0] : 'unread';
  }
  return importOfValue(e) ? (constants?.get(e.getText()) ?? 'unread') : undefined;
}

/** The import a value is read from: a name imported (`DESCRIPTION`), or a property chain of one (`texts.tools.describe`). */
function importOfValue(e: TS.Expression): ReturnType<typeof moduleExportOf> {
  return ts.isIdentifier(e) ? moduleExportOf(e) : ts.isPropertyAccessExpression(e) ? (moduleExportOf(e) ?? moduleExportOf(accessRoot(e))) : undefined;
}

/** Names v1 gave the fields of a handler's `extra` (a handler destructuring only these takes no arguments). */
const EXTRA_FIELDS = /^(signal|sessionId|authInfo|requestId|requestInfo|_meta|sendNotification|sendRequest|taskStore|taskId|taskRequestedTtl)$/;

/**
 * Whether a v1 handler visibly takes the tool's or prompt's arguments (so a schema came before
 * it): two parameters, or a first one destructured into other names than extra's, or named other
 * than the context is (`args`, `params`).
 */
function takesArguments(handler: TS.Expression): boolean {
  const fn = resolveFunction(handler);
  if (!fn || fn.parameters.length === 0) return false;
  if (fn.parameters.length >= 2) return true;
  const first = fn.parameters[0].name;
  if (ts.isObjectBindingPattern(first)) return first.elements.some((el) => !EXTRA_FIELDS.test(propertyNameText(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : '')));
  return ts.isIdentifier(first) && !/^_|^(extra|ctx|context|meta|req|request|requestExtra)$/i.test(first.text);
}

/**
 * What a v1 `tool(name, x, [y,] cb)` or `prompt(...)` call's second argument is, when its
 * arguments say so: a description, the input schema, or the tool's annotations. `'ambiguous'`
 * where it is a name imported from a module this run cannot read and nothing else tells (for
 * tool(name, x, y, cb) v1 takes x as the description or as the schema, by its value alone).
 * Undefined where nothing is known (a local of unknown value): the official codemod reads it.
 */
function secondArgument(call: TS.CallExpression, method: string, constants: Constants | undefined): 'description' | 'schema' | 'annotations' | 'ambiguous' | undefined {
  const args = call.arguments;
  if (!/^(tool|prompt)$/.test(method) || args.length < 3 || args.length > 4 || args.some(ts.isSpreadElement)) return undefined;
  const second = argumentKind(args[1], constants);
  if (second === 'string') return 'description';
  if (second === 'shape' || second === 'schema') return 'schema';
  // tool(name, annotations, cb); four arguments never start so.
  if (second === 'annotations') return method === 'tool' && args.length === 3 ? 'annotations' : undefined;
  if (args.length === 4) {
    // v1's only four-argument prompt(): prompt(name, description, argsSchema, cb).
    if (method === 'prompt') return 'description';
    // tool(name, description, paramsSchema, cb) or tool(name, paramsSchema, annotations, cb): the third tells.
    const third = argumentKind(args[2], constants);
    if (third === 'shape' || third === 'schema') return 'description';
    if (third === 'annotations') return 'schema';
    return second === 'unread' ? 'ambiguous' : undefined;
  }
  // tool(name, x, cb): a description, a schema or annotations; a handler that takes arguments has a schema.
  if (second !== 'unread') return undefined;
  return takesArguments(args[2]) ? 'schema' : 'ambiguous';
}

/**
 * tool()/prompt() calls whose second argument the official codemod would read wrong, read from
 * the file as it is (the inline annotations annotationsOnlyTools finds aside): a name imported
 * from a module whose value this run cannot read (or a choice between values it cannot read,
 * trial 46B), where v1 took it as a description or as a
 * schema by its value (trial 31B: `server.tool(name, SIMULATE_PERCY_CHANGE_DESCRIPTION,
 * SetUpPercyParamsShape, cb)`, both imported, became `{ inputSchema: <the description>,
 * annotations: <the shape> }`); and annotations held in a constant. A marker at each.
 */
function misreadArguments(original: TS.SourceFile, constants: Constants | undefined): Marker[] {
  const markers: Marker[] = [];
  walk(original, (node) => {
    const method = ts.isCallExpression(node) ? legacyRegistration(node) : undefined;
    const reading = method && secondArgument(node as TS.CallExpression, method, constants);
    if (reading !== 'ambiguous' && reading !== 'annotations') return undefined;
    const call = node as TS.CallExpression;
    const args = call.arguments;
    const second = unwrap(args[1]) as TS.Expression;
    const text = second.getText(original).replace(/\s+/g, ' ');
    const name = args[0].getText(original);
    const line = original.getLineAndCharacterOfPosition(call.getStart(original)).line + 1;
    const receiver = (call.expression as TS.PropertyAccessExpression).expression.getText(original);
    const shown = `${receiver}.${method}(${name}, ${text}, ${args.length === 4 ? `${unwrap(args[2]).getText(original)}, ` : ''}...)`;
    if (reading === 'annotations') {
      markers.push({ line, message: `v1 takes ${text} here as the tool's annotations (no value of it is a zod type), which the official v1→v2 codemod would turn into its input schema, breaking tools/list: write ${receiver}.registerTool(${name}, { annotations: ${text} }, handler) by hand (the handler then takes the context as its only argument), then move this file to the v2 packages`, link: UPGRADE_GUIDE });
      return undefined;
    }
    const where = importOfValue(second);
    // (`@/lib/x`, `~/x`: a path alias of the project's tsconfig, which this run does not resolve; review.)
    const unseen = ts.isConditionalExpression(second) ? 'a choice between values it cannot read' : !where ? 'an import' : /^(\.\.?\/|#)/.test(where.module) ? `imported from '${where.module}': a value computed, or a module outside the run` : /^[@~]\//.test(where.module) ? `imported through '${where.module}', a path alias this run does not resolve` : `imported from the package '${where.module}'`;
    const third = args.length === 4 ? unwrap(args[2]).getText(original) : undefined;
    const forms =
      third !== undefined
        ? 'the description (tool(name, description, paramsSchema, cb)) or the input schema (tool(name, paramsSchema, annotations, cb))'
        : method === 'tool'
          ? 'the description, the input schema or the annotations (its handler does not show it takes arguments)'
          : 'the description or the arguments schema (its handler does not show it takes arguments)';
    const register = method === 'tool' ? 'registerTool' : 'registerPrompt';
    const rewrite =
      third !== undefined
        ? `${receiver}.registerTool(${name}, { description: ${text}, inputSchema: ${third} }, handler), or { inputSchema: ${text}, annotations: ${third} } if it is a schema`
        : `${receiver}.${register}(${name}, { description: ${text} }, handler), or { ${method === 'tool' ? 'inputSchema' : 'argsSchema'}: ${text} } if it is a schema${method === 'tool' ? `, { annotations: ${text} } if annotations` : ''}`;
    markers.push({
      line,
      message: `${shown}: v1 reads ${text} as ${forms} by its value, which this run cannot see (${unseen}), so the official v1→v2 codemod would guess, and a description taken for the input schema breaks tools/list: write ${rewrite} (SDK v1 has ${register} too), then move this file to the v2 packages`,
      link: UPGRADE_GUIDE,
    });
    return undefined;
  });
  return markers;
}

const STASHED = /(['"`])__mcp_migrate_description_(\d+)__\1/g;

/**
 * The official codemod takes a tool's or prompt's second argument for its description only when
 * it is a string literal: a description built with `+` or a template, or held in a variable of
 * this file, or imported from another module of the run (`constants`, trial 31B), becomes the
 * input schema (heroku-mcp-server's tools). Such descriptions are stashed here, each replaced by a
 * string literal it recognises, and put back after it ran (`restoreDescriptions`), so the call
 * moves to registerTool with its description where it belongs; so is one of unknown value the
 * call's schema after it shows to be one (secondArgument). So are registration names that are no
 * string literal.
 */
function stashDescriptions(original: TS.SourceFile, constants: Constants | undefined): { text: string; descriptions: string[] } {
  const edits: TextEdit[] = [];
  const descriptions: string[] = [];
  walk(original, (node) => {
    if (!ts.isCallExpression(node)) return undefined;
    // A name it does not recognise either (`server.tool(TOOLS.list_teams, ...)`, a const of another
    // module, trial 28B azure-devops-mcp): it leaves the call as it was, and the v2 McpServer has no
    // tool(). Stashed the same way, the call moves with its name expression put back.
    // Only where it reads the rest right: a description it recognises (a literal, or one stashed
    // below), or a shape written out, next. One held in a variable it takes for the input schema
    // (`server.tool(action.name, action.description, shape, cb)`), and such a call stays unconverted.
    const second = node.arguments.length >= 3 ? unwrap(node.arguments[1]) : undefined;
    // What the arguments, or the constants of the run's modules, say the second is (a description
    // imported from './constants.js' is stashed as a local one is, trial 31B).
    const reading = secondArgument(node, calleeName(node) ?? '', constants);
    const readable = !second || stringValued(second as TS.Expression) || ts.isObjectLiteralExpression(second) || reading === 'description' || reading === 'schema';
    const name = readable && legacyRegistration(node) ? node.arguments[0] : undefined;
    if (name && !ts.isStringLiteral(name) && !ts.isNoSubstitutionTemplateLiteral(name) && !ts.isSpreadElement(name)) {
      edits.push({ start: name.getStart(original), end: name.end, text: `'__mcp_migrate_description_${descriptions.length}__'` });
      descriptions.push(name.getText(original));
    }
    if (!/^(tool|prompt)$/.test(calleeName(node) ?? '') || node.arguments.length < 3) return undefined;
    const description = node.arguments[1];
    if (ts.isStringLiteral(description) || ts.isNoSubstitutionTemplateLiteral(description) || (!stringValued(description) && reading !== 'description')) return undefined;
    // (A description is a string expression: it holds no tool() call, so the spans never overlap.)
    edits.push({ start: description.getStart(original), end: description.end, text: `'__mcp_migrate_description_${descriptions.length}__'` });
    descriptions.push(description.getText(original));
    return undefined;
  });
  return { text: applyEdits(original.text, edits), descriptions };
}

/**
 * The stashed descriptions back in place of their literals, and the markers below a description
 * that spans lines moved down with it; undefined when the official codemod did not keep each
 * literal exactly once.
 */
function restoreDescriptions(text: string, descriptions: readonly string[], markers: Marker[]): string | undefined {
  const found = [...text.matchAll(STASHED)];
  const indexes = found.map((m) => Number(m[2]));
  if (found.length !== descriptions.length || new Set(indexes).size !== descriptions.length) return undefined;
  let restored = text;
  for (let k = found.length - 1; k >= 0; k--) {
    const match = found[k];
    const description = descriptions[indexes[k]];
    const line = text.slice(0, match.index).split('\n').length;
    const added = description.split('\n').length - 1;
    if (added > 0) for (const m of markers) if (m.line > line) m.line += added;
    restored = `${restored.slice(0, match.index)}${description}${restored.slice(match.index! + match[0].length)}`;
  }
  return restored;
}

/**
 * A registerTool/registerPrompt the official codemod wrote with a string as the input schema: it
 * took a description it could not recognise (built with `+`, or held in a variable) for the schema
 * (heroku-mcp-server: `inputSchema: 'Use for all deployments. ' + ...`, the real schema moved to
 * `annotations`). The line of the call.
 */
function misreadRegistration(migrated: TS.SourceFile, constants: Constants | undefined): number | undefined {
  let line: number | undefined;
  walk(migrated, (node) => {
    if (line !== undefined) return false;
    if (!ts.isCallExpression(node) || !/^register(Tool|Prompt)$/.test(calleeName(node) ?? '')) return undefined;
    const config = node.arguments[1] && unwrap(node.arguments[1]);
    if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
    const schema = config.properties.find((p) => ts.isPropertyAssignment(p) && /^(inputSchema|argsSchema)$/.test(propertyNameText(p.name) ?? ''));
    if (schema && ts.isPropertyAssignment(schema) && argumentKind(schema.initializer, constants) === 'string') line = migrated.getLineAndCharacterOfPosition(node.getStart(migrated)).line + 1;
    return undefined;
  });
  return line;
}

const CONTEXT_MOCK = /looks like a v1 handler-context mock/;

/** The official codemod's doubt about the zod it wrapped raw shapes with (it reads imports only). */
const NOT_IMPORTED_ZOD = /`(\w+)` in this file is not a value import from zod/;

/** Whether a top-level require of zod binds `name` (`const { z } = require('zod')`, `const z = require('zod/v4')`). */
function requiredFromZod(sourceFile: TS.SourceFile, name: string): boolean {
  return moduleImports(sourceFile).some((i) => i.cjs && /^zod(\/|$)/.test(i.module) && (i.whole === name || !!i.named?.some((e) => e.name.getText() === name)));
}

/**
 * Whether an object literal starting on this line (1-based) is no handler's context: an argument
 * of a log call (`logger.debug('relay', { sessionId, requestId })`), or a value of the
 * application's own type (`const ctx: ToolContext = { sessionId, requestId }`, a type this file
 * declares or imports from outside the SDK).
 */
function ownObjectAt(sourceFile: TS.SourceFile, line: number): boolean {
  let found = false;
  walk(sourceFile, (node) => {
    if (found) return false;
    if (!ts.isObjectLiteralExpression(node) || sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 !== line) return undefined;
    const call = outermost(node).parent;
    if (ts.isCallExpression(call) && call.arguments.includes(outermost(node) as TS.Expression) && isLogCall(call)) found = true;
    const typed = ts.isVariableDeclaration(node.parent) && node.parent.initializer === node ? node.parent.type : ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent) ? node.parent.type : undefined;
    if (typed && ts.isTypeReferenceNode(typed) && ts.isIdentifier(typed.typeName) && applicationType(sourceFile, typed.typeName.text)) found = true;
    return undefined;
  });
  return found;
}

/** The schemas a registration on this line (1-based) takes from variables (`inputSchema: LocalArgs`, `inputSchema: schemas.search`). */
function heldSchemasAt(sourceFile: TS.SourceFile, line: number): TS.Expression[] {
  const held: TS.Expression[] = [];
  walk(sourceFile, (node) => {
    if (!ts.isPropertyAssignment(node) || !/^(inputSchema|argsSchema|outputSchema)$/.test(propertyNameText(node.name) ?? '')) return undefined;
    if (sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 !== line && sourceFile.getLineAndCharacterOfPosition(node.parent.getStart(sourceFile)).line + 1 !== line) return undefined;
    const value = unwrap(node.initializer) as TS.Expression;
    if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) held.push(value);
    return undefined;
  });
  return held;
}

/**
 * Whether the schemas a registration takes from variables (`inputSchema: LocalArgs`, as
 * heldSchemasAt finds them on a line) are all zod objects this file makes (`const LocalArgs = z.object({...})`, also
 * `.extend(...)`/`.strict()` on one), or another module of the run does (`constants`): the official
 * codemod cannot tell, and asks to check.
 */
function zodObjectsAt(sourceFile: TS.SourceFile, held: readonly TS.Expression[], constants: Constants | undefined): boolean {
  return held.length > 0 && held.every((id) => {
    // A zod object another module of the run makes (`import { SearchSchema } from './schemas.js'`).
    if (constants?.get(id.getText(sourceFile)) === 'schema') return true;
    if (!ts.isIdentifier(id)) return false;
    const decl = resolveIdentifier(id);
    // `z.object({...}).extend({...}).strict()` (zodObjectCall).
    return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && !!(decl.parent.flags & ts.NodeFlags.Const) && zodObjectCall(decl.initializer);
  });
}

/**
 * The schemas a registration takes from variables (heldSchemasAt) when they are all raw
 * shapes another module of the run makes (`export const ParamsShape = { query: z.string() }`),
 * as written; undefined otherwise. The official codemod's doubt there ("no change is needed if it
 * already is one") is said more exactly.
 */
function importedShapesAt(sourceFile: TS.SourceFile, held: readonly TS.Expression[], constants: Constants | undefined): string[] | undefined {
  const names = constants ? held.map((e) => e.getText(sourceFile)) : [];
  return names.length > 0 && names.every((name) => constants!.get(name) === 'shape') ? names : undefined;
}

/** A type this file declares, or imports from a module that is not the SDK's. */
function applicationType(sourceFile: TS.SourceFile, name: string): boolean {
  return sourceFile.statements.some((s) => {
    if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) return true;
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text.startsWith('@modelcontextprotocol/')) return false;
    const bindings = s.importClause?.namedBindings;
    return !!bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name);
  });
}

/**
 * The official transforms that only move names (import paths, renamed symbols, mocked paths).
 * The others change call shapes and handler types (registerTool, string-method handlers, the
 * context object, schema wrapping), which can leave type errors to mend (DesktopCommanderMCP's
 * tools/list handler): changes to review.
 */
const MECHANICAL_TRANSFORMS = new Set(['imports', 'symbols', 'mock-paths']);

/** The v2 registration each v1 shorthand becomes (resources take a URI or template, no input schema). */
const REGISTER_SHAPE: Record<string, string> = {
  tool: 'registerTool(name, { description, inputSchema }, handler)',
  prompt: 'registerPrompt(name, { description, argsSchema }, handler)',
  resource: 'registerResource(name, uriOrTemplate, { description, mimeType }, handler)',
};

/** A request handler registered by method name, as the handlers transform writes it. */
const REQUEST_HANDLER_BY_METHOD = /\.setRequestHandler\(\s*['"]/;

/**
 * What the review of a rewritten request handler is about: v1 accepted any result object from a
 * low-level handler, v2 types it by the method (msgraph's, fetcher's and ONTAP's tools/list
 * handlers returned definitions typed `inputSchema: { type: string }` and stopped compiling;
 * auth0's tools/call handler, content of `{ type: string; [k: string]: any }`).
 */
const TYPED_RESULTS =
  "v2 checks what each request handler returns against its method's result type, which v1 did not: results typed loosely stop compiling until typed by the method (a tools/list handler's definitions with `inputSchema: { type: string }` as Tool, a tools/call handler's content built from `{ type: string }` objects as CallToolResult['content']); type-check after fix";

/**
 * The last results, by path and text: fix asks once per file whether the move can be made (to keep
 * a package on v1 as a whole), then makes it. Callers get copies (v2-handler edits the text).
 */
const surfaceMemo = new Map<string, SurfaceResult>();
const SURFACE_MEMO_SIZE = 512;

/** What the v2 packages' server info (Implementation) has: v1's let any other key through. */
const SERVER_INFO_KEYS = new Set(['name', 'version', 'title', 'description', 'websiteUrl', 'icons']);

/**
 * Code the move leaves for the type checker to refuse, where v1's types let it through: a server
 * info with keys v2's has not (`license`, `author`: sola-mcp, trial 42C), and a request handler
 * returning a table declared `as const`, whose readonly arrays v2's result types do not take
 * (`required: ['text'] as const` tool definitions, an `as const` prompts table: trials 41A, 42B).
 */
export function typeMisfits(sf: TS.SourceFile): Array<{ line: number; message: string }> {
  const found: Array<{ line: number; message: string }> = [];
  walk(sf, (node) => {
    // (The SDK's server only: not node:http's `new http.Server({ keepAlive })` nor another library's `Server`.)
    // (Also imported under another name: `McpServer as Mcp`.)
    const made = ts.isNewExpression(node) && ts.isIdentifier(node.expression) ? importOf(node.expression) : undefined;
    if (made && /^(McpServer|Server)$/.test(made.exported) && /^@modelcontextprotocol\//.test(made.module)) {
      const args = (node as TS.NewExpression).arguments;
      const info = args?.[0] && unwrap(args[0]);
      const extra = info && ts.isObjectLiteralExpression(info) ? info.properties.flatMap((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && !SERVER_INFO_KEYS.has(propertyNameText(p.name) ?? '') ? [propertyNameText(p.name) ?? p.name.getText(sf)] : []) : [];
      if (extra.length > 0) {
        const names = extra.map((k) => `\`${k}\``).join(', ');
        found.push({ line: lineOf(sf, node.getStart(sf)), message: `the v2 server info has no ${names} (it takes name, version, title, description, websiteUrl and icons), so this stops compiling after the move, where v1 let ${extra.length === 1 ? 'it' : 'them'} through: drop ${extra.length === 1 ? 'it' : 'them'} (or move ${extra.length === 1 ? 'it' : 'them'} into description)` });
      }
    }
    if (!ts.isCallExpression(node) || calleeName(node) !== 'setRequestHandler' || node.arguments.length < 2) return undefined;
    const method = stringValue(node.arguments[0]);
    const handler = unwrap(node.arguments[1]);
    if (method === undefined || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) || !handler.body) return undefined;
    const tables = new Set<string>();
    for (const returned of returnedExpressions(handler)) {
      for (const n of resultNames(returned)) {
        const decl = resolveIdentifier(n);
        if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && !decl.type && decl.initializer && readonlyArrays(decl.initializer)) tables.add(decl.name.text);
      }
    }
    // Tools written out in the list whose input schemas name other properties (trial 53C B1: the
    // SDK's own low-level shape): TypeScript widens the array to a union of their shapes, with
    // `id?: undefined` where one has no `id`, which v2's schema type (an index signature) rejects.
    if (method === 'tools/list' && !handler.type && returnedExpressions(handler).some(unevenToolList)) {
      found.push({ line: lineOf(sf, node.getStart(sf)), message: `this tools/list handler returns tools written out whose input schemas name different properties: TypeScript widens the list to a union of their shapes (\`id?: undefined\` where a tool has no \`id\`), which v2's Tool type rejects, so this stops compiling after the move (TS2322): annotate the handler's result, \`async (): Promise<ListToolsResult> => ...\` (ListToolsResult from @modelcontextprotocol/server)` });
    }
    if (tables.size > 0) {
      const names = [...tables].map((t) => `\`${t}\``).join(', ');
      found.push({ line: lineOf(sf, node.getStart(sf)), message: `this ${method} handler returns ${names}, declared \`as const\`: its arrays are readonly, and v2 types the result with mutable ones, so this stops compiling after the move: declare ${tables.size === 1 ? 'it' : 'them'} with the v2 type of what ${tables.size === 1 ? 'it holds' : 'they hold'} (from @modelcontextprotocol/server: \`const echo: Tool = {...}\`, \`const PROMPTS: Record<string, Prompt> = {...}\`) instead of \`as const\`` });
    }
    return undefined;
  });
  return found;
}

/** `{ tools: [ {...}, {...} ] }` two of whose tools' input (or output) schemas both list properties and differ in those they name, at any depth. */
function unevenToolList(returned: TS.Expression): boolean {
  const value = unwrap(returned);
  const result = ts.isAwaitExpression(value) ? unwrap(value.expression) : value;
  const list = ts.isObjectLiteralExpression(result) ? literalMember(result, 'tools') : undefined;
  if (!list || !ts.isArrayLiteralExpression(unwrap(list))) return false;
  // (A tool cast where it is written, `{ ... } as Tool`, forms no union; one with no `properties`
  // widens to `properties?: undefined`, which the type takes: review 69.)
  // (`satisfies Tool` checks the object but keeps its own type: it still widens, review 70.)
  const written = (unwrap(list) as TS.ArrayLiteralExpression).elements.filter((e) => !castWhereWritten(e)).map((e) => unwrap(e)).filter(ts.isObjectLiteralExpression);
  for (const schema of ['inputSchema', 'outputSchema']) {
    const shapes = written.flatMap((tool) => {
      const properties = member(tool, schema) && member(member(tool, schema)!, 'properties');
      if (!properties) return [];
      const paths: string[] = [];
      schemaPaths(properties, schema, paths);
      return [paths.sort().join('\n')];
    });
    if (shapes.length > 1 && new Set(shapes).size > 1) return true;
  }
  return false;
}

/** The object literal a property of an object literal holds. */
function member(object: TS.ObjectLiteralExpression, name: string): TS.ObjectLiteralExpression | undefined {
  const value = literalMember(object, name);
  const found = value && unwrap(value);
  return found && ts.isObjectLiteralExpression(found) ? found : undefined;
}

/** An element cast where it is written, in parentheses or not (`{ ... } as Tool`, `<Tool>{ ... }`). */
function castWhereWritten(element: TS.Expression): boolean {
  let e: TS.Expression = element;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isAsExpression(e) || ts.isTypeAssertionExpression(e);
}

/** The key paths of an object literal and the object literals it holds (`inputSchema.id.type`). */
function schemaPaths(object: TS.ObjectLiteralExpression | undefined, at: string, paths: string[]): void {
  if (!object) return;
  for (const p of object.properties) {
    const key = p.name ? (propertyNameText(p.name) ?? p.name.getText()) : '...';
    paths.push(`${at}.${key}`);
    const value = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
    if (value && ts.isObjectLiteralExpression(value)) schemaPaths(value, `${at}.${key}`, paths);
  }
}

/**
 * The names whose values a result holds as they are: the result itself, an element, a spread, a
 * property's value, what `Object.values(...)` lists (not a name a `.map()` or `.filter()` builds
 * something new from).
 */
function resultNames(e: TS.Node): TS.Identifier[] {
  const n = unwrap(e);
  if (ts.isIdentifier(n)) return [n];
  if (ts.isArrayLiteralExpression(n)) return n.elements.flatMap((el) => resultNames(ts.isSpreadElement(el) ? el.expression : el));
  if (ts.isObjectLiteralExpression(n)) return n.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? resultNames(p.initializer) : ts.isShorthandPropertyAssignment(p) ? [p.name] : ts.isSpreadAssignment(p) ? resultNames(p.expression) : []));
  if (ts.isConditionalExpression(n)) return [...resultNames(n.whenTrue), ...resultNames(n.whenFalse)];
  if (ts.isAwaitExpression(n)) return resultNames(n.expression);
  if (ts.isCallExpression(n) && n.expression.getText() === 'Object.values' && n.arguments.length === 1) return resultNames(n.arguments[0]);
  return [];
}

/** Whether a value is declared `as const` with an array in it (readonly once so). */
function readonlyArrays(init: TS.Expression): boolean {
  let e: TS.Node = init;
  while (ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (!ts.isAsExpression(e) || e.type.getText() !== 'const') return false;
  let arrays = false;
  walk(e.expression, (n) => {
    if (ts.isArrayLiteralExpression(n)) arrays = true;
    return arrays ? false : undefined;
  });
  return arrays;
}

/** The v2 registrations whose handler's last parameter is the request context (`registerTool(name, config, (args, ctx) => ...)`). */
const CONTEXT_REGISTRATIONS = /^(registerTool|registerPrompt|registerResource|setRequestHandler)$/;

/**
 * Where a registration's handler hands its context (the parameter after the arguments, by
 * whatever name) to another function: the call's line and callee, once per callee.
 */
function forwardedContexts(sf: TS.SourceFile): Array<{ line: number; callee: string }> {
  const found: Array<{ line: number; callee: string }> = [];
  const seen = new Set<string>();
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || !CONTEXT_REGISTRATIONS.test(calleeName(node) ?? '')) return undefined;
    const handler = node.arguments.length > 0 ? unwrap(node.arguments[node.arguments.length - 1]) : undefined;
    if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) || !handler.body) return undefined;
    const context = contextParameter(node, handler);
    if (!context) return undefined;
    walk(handler.body, (n) => {
      if (!ts.isCallExpression(n) || isLogCall(n) || !projectFunction(n)) return undefined;
      if (!n.arguments.some((a) => ts.isIdentifier(unwrap(a)) && resolveIdentifier(unwrap(a) as TS.Identifier) === context)) return undefined;
      const callee = unwrap(n.expression).getText(sf);
      if (seen.has(callee)) return undefined;
      seen.add(callee);
      found.push({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, callee });
      return undefined;
    });
    return undefined;
  });
  return found;
}

/**
 * A v2 handler's context parameter: the one after the arguments, or the only one of a tool or
 * prompt registered with no input or arguments schema (`registerTool(name, { description }, (ctx) => ...)`).
 */
function contextParameter(registration: TS.CallExpression, handler: TS.ArrowFunction | TS.FunctionExpression): TS.ParameterDeclaration | undefined {
  const params = handler.parameters;
  const config = registration.arguments.length === 3 ? unwrap(registration.arguments[1]) : undefined;
  const schemaless = !!config && ts.isObjectLiteralExpression(config) && !config.properties.some((p) => /^(inputSchema|argsSchema)$/.test(propertyNameText(p.name as TS.PropertyName) ?? ''));
  const context = params.length >= 2 ? params[params.length - 1] : params.length === 1 && schemaless && /^register(Tool|Prompt)$/.test(calleeName(registration) ?? '') ? params[0] : undefined;
  return context && ts.isIdentifier(context.name) ? context : undefined;
}

/** A call of a function of the project (declared in the file or imported), not of a built-in (`String(ctx)`, `JSON.stringify(ctx)`). */
function projectFunction(call: TS.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const root = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : callee;
  if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isIdentifier(root) && resolveIdentifier(root) !== undefined;
}

/**
 * Why this file cannot move to the v2 packages in this run, or undefined when it can: the official
 * codemod refused it (its marker says why), or the move has changes to review that --safe-only
 * leaves out. A move cannot be taken in halves; v2-handler keeps such a file on v1, and fix keeps
 * its whole package there.
 */
export function blockedMove(surface: SurfaceResult, allows: (safety: Change['safety']) => boolean): string | undefined {
  if (surface.refused) return surface.markers[0]?.message ?? 'the official v1→v2 codemod was not applied to it';
  const review = surface.changes.filter((c) => c.safety === 'review');
  if (review.length === 0 || allows('review')) return undefined;
  const what = review.map((c) => c.description.replace(/^official v1→v2 codemod: /, '').replace(/ \(\d+ edits?\)$/, '')).join(', ');
  return `moving this file to the v2 packages includes changes to review (${what}), which --safe-only leaves out: it stays on SDK v1; run fix without --safe-only to move it`;
}

/**
 * The first import of an SDK package (v1's or the v2 packages') through a Deno specifier
 * (`npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js`, or `jsr:`), with its line. Neither the
 * official codemod nor v2-handler writes such specifiers: the one leaves them as they are, the other
 * imports the v2 packages by their bare names, which Deno resolves only through an import map
 * (trial 68C B1: v1's McpServer handed to v2's serveStdio, imported as '@modelcontextprotocol/server/stdio').
 */
export function denoSdkImport(sourceFile: TS.SourceFile): { specifier: string; scheme: string; v1: boolean; line: number } | undefined {
  for (const i of moduleImports(sourceFile)) {
    const scheme = /^(npm|jsr):/.exec(i.module)?.[1];
    const module = scheme ? packageModule(i.module) : '';
    // (The SDK's own packages only: `npm:@modelcontextprotocol/ext-apps` beside an import-mapped SDK is another library, review 87.)
    if (!scheme || !/^@modelcontextprotocol\/(sdk|server|client|node|express|hono|core|server-legacy)(\/|$)/.test(module)) continue;
    return { specifier: i.module, scheme, v1: SDK_MODULE.test(module), line: lineOf(sourceFile, i.statement.getStart(sourceFile)) };
  }
  return undefined;
}

/** Why fix leaves a file that imports the SDK through Deno's specifiers (denoSdkImport) as it is: the move by hand. */
export function denoSdkRefusal(found: { specifier: string; scheme: string; v1: boolean }): string {
  const v2 = `${found.scheme}:@modelcontextprotocol/server@^2`;
  const serve = `serveStdio of ${v2}/stdio or createMcpHandler of ${v2}`;
  const move = found.v1
    ? `move it by hand, importing from ${v2} (a tool's input schema as z.object(...): see the upgrade guide) and serving with ${serve}, since SDK v1 cannot answer 2026-07-28 requests`
    : `serve it by hand with ${serve}, which answer 2026-07-28 requests and 2025 ones alike`;
  return `this file imports the SDK through Deno's ${found.scheme}: specifiers (${found.specifier}); fix does not write those yet (it would import the v2 packages by bare names, which Deno does not resolve without an import map): ${move}`;
}

/**
 * The line a diagnostic of the official codemod is at now. Its node may have been removed by a
 * later step of that codemod (an import with no v2 home under a leading comment, trial 37B), where
 * ts-morph throws on asking it: then the line it was reported at.
 */
function currentLine(d: { line: number; resolveCurrentLine?: () => number }): number {
  try {
    return d.resolveCurrentLine ? d.resolveCurrentLine() : d.line;
  } catch {
    return d.line;
  }
}

/**
 * `mcpServerFrom`: the SDK module the file's McpServer comes from when the file imports it from a
 * module of its own package that re-exports the SDK's (`import type { McpServer } from './types'`).
 * `constants`: what the constants its registrations import from other modules of the run hold
 * (registrationConstants; CodemodContext.importedConstants).
 */
export function migrateSurface(text: string, path: string, side: 'client' | 'server' | 'both' = 'server', mcpServerFrom?: string, constants?: ReadonlyMap<string, ImportedConstant>): SurfaceResult {
  const known = constants && constants.size > 0 ? [...constants].map(([name, kind]) => `${name}=${kind}`).join('\n') : '';
  const key = `${side}\0${mcpServerFrom ?? ''}\0${known}\0${path}\0${text}`;
  let result = surfaceMemo.get(key);
  if (!result) {
    const through = mcpServerFrom ?? (REQUIRES_MCP_SERVER.test(text) ? SDK_MCP_SERVER : undefined);
    result = through ? migrateThrough(text, path, side, through, constants) : migrateSurfaceUncached(text, path, side, 0, constants);
    if (surfaceMemo.size >= SURFACE_MEMO_SIZE) surfaceMemo.delete(surfaceMemo.keys().next().value!);
    surfaceMemo.set(key, result);
  }
  return { ...result, changes: [...result.changes], markers: [...result.markers], usedPackages: new Set(result.usedPackages) };
}

/** An import of v1's bare `client` or `server` subpath (its package exports map them to their index modules). */
const BARE_SUBPATH = /(['"])@modelcontextprotocol\/sdk\/(client|server)\1/g;

/** An SDK module named by its declaration file (`import type { Server } from '@modelcontextprotocol/sdk/server/index.d.ts'`): the same module's types, its `.js` path (trial 33B, fastify-mcp). */
const DECLARATION_SUBPATH = /(\b(?:from|import|require)\s*\(?\s*['"]@modelcontextprotocol\/sdk\/[\w./-]+)\.d\.ts(['"])/g;

/**
 * A CommonJS file that requires McpServer from the SDK (`const { McpServer } = require(...)`):
 * the official codemod reads `import` declarations only, so it converts the file's tool() calls
 * only when migrateThrough hands it an import of McpServer for the run; the require itself moves
 * by our table (require-map.ts). Without that, the file moved with tool() calls the v2 McpServer
 * does not have, and every request failed (trial 18C).
 */
const REQUIRES_MCP_SERVER = /\bMcpServer\b[^;]*?=\s*require\s*\(\s*['"]@modelcontextprotocol\/sdk\//;
const SDK_MCP_SERVER = '@modelcontextprotocol/sdk/server/mcp.js';

/** The local name of the McpServer import migrateThrough adds for the run (never left in a file). */
const THROUGH = '__mcp_migrate_McpServer__';

/**
 * A file whose McpServer comes through a module of its own package that re-exports the SDK's: the
 * official codemod rewrites McpServer's tool()/prompt()/resource() calls only in a file that
 * imports McpServer from the SDK (in another file of the SDK's, only those on a receiver named like
 * a server; in a file that imports nothing of it, none), so a file that calls them on the server
 * it is handed kept v1 calls the v2 McpServer does not have (TS2339; nuxt-mcp's tools). Migrated
 * as if it imported McpServer from that module: an import of it under a name of ours goes in
 * after the file's imports for the run, and comes out again. Lines are the file's.
 */
function migrateThrough(text: string, path: string, side: 'client' | 'server' | 'both', module: string, constants?: Constants): SurfaceResult {
  const original = parseFile(text, path);
  const imports = moduleImports(original);
  if (imports.some((i) => !i.cjs && SDK_MODULE.test(i.module) && i.named?.some((e) => importedName(e) === 'McpServer'))) return migrateSurfaceUncached(text, path, side, 0, constants);
  const declarations = original.statements.filter(ts.isImportDeclaration);
  const last = declarations[declarations.length - 1];
  const at = last ? last.getEnd() : 0;
  const q = importStyle(original).quote;
  const added = `import { McpServer as ${THROUGH} } from ${q}${module}${q};`;
  // A file with no imports: at the top, below a `#!` line, which must stay first.
  const shebang = last ? '' : (/^#![^\n]*\n/.exec(text)?.[0] ?? '');
  const source = last ? `${text.slice(0, at)}\n${added}${text.slice(at)}` : `${shebang}${added}\n${text.slice(shebang.length)}`;
  /** The line the added import took; the lines below it were one higher in the file. */
  const addedLine = last ? original.getLineAndCharacterOfPosition(at).line + 2 : shebang ? 2 : 1;
  const local = imports.find((i) => (i.module.startsWith('.') || (i.cjs && SDK_MODULE.test(i.module))) && i.named?.some((e) => importedName(e) === 'McpServer'));
  const firstSdkLine = local ? original.getLineAndCharacterOfPosition(local.statement.getStart(original)).line + 1 : 1;
  // The import path rewrite of the import added here is none of the file's: not counted.
  const result = migrateSurfaceUncached(source, path, side, 1, constants);
  if (result.refused || result.text === source) {
    const markers = result.markers.map((m) => ({ ...m, line: m.line === addedLine ? firstSdkLine : m.line > addedLine ? m.line - 1 : m.line }));
    return { ...result, text, changes: [], markers, firstSdkLine };
  }
  // Out again, and the markers below it up by the lines it took.
  const markers = result.markers.map((m) => ({ ...m }));
  const migratedText = closeAddedLine(dropBindings(result.text, path, [THROUGH], markers), text, path, markers);
  if (migratedText === text) return { ...result, text, changes: [], markers, firstSdkLine };
  return { ...result, text: migratedText, markers, firstSdkLine };
}

/** `addedImports`: imports the caller added for the run (migrateThrough), whose path rewrites are not the file's changes. */
function migrateSurfaceUncached(text: string, path: string, side: 'client' | 'server' | 'both', addedImports = 0, constants?: Constants): SurfaceResult {
  const result: SurfaceResult = { text, changes: [], markers: [], usedPackages: new Set(), firstSdkLine: 1 };
  if (!/@modelcontextprotocol\/sdk/.test(text)) return result;
  // Each text is parsed once, under a name of its own (the one-file type check of danglingNames
  // resolves files by name from the root '/').
  const virtual = `/virtual/${path.replace(/^\/+/, '')}`;
  const original = parseFile(text, virtual);
  const imports = moduleImports(original);
  const sdk = imports.find((i) => SDK_MODULE.test(i.module));
  const firstSdkLine = sdk ? text.slice(0, sdk.statement.getStart()).split('\n').length : 1;
  result.firstSdkLine = firstSdkLine;
  /** The file stays as it was, with one marker saying why. */
  const refuse = (line: number, message: string): SurfaceResult => ({ text, changes: [], usedPackages: new Set(), refused: true, firstSdkLine, markers: [{ line, message, link: UPGRADE_GUIDE }] });
  /** The file stays as it was, a marker at each place that keeps it on v1. */
  const refuseAt = (markers: Marker[]): SurfaceResult => ({ ...refuse(markers[0].line, markers[0].message), markers });
  // Imported through Deno's npm: specifiers: the official codemod would move none of those imports,
  // and what v2-handler writes after it would import v2 by bare names (trial 68C B1).
  const deno = denoSdkImport(original);
  if (deno) return refuse(deno.line, denoSdkRefusal(deno));
  // Both generations imported on purpose (a server that serves both eras): the official codemod
  // would merge the v1 names into the v2 imports.
  if (sdk && imports.some((i) => V2_PACKAGE.test(i.module))) {
    return refuse(firstSdkLine, 'this file imports both SDK generations: move its @modelcontextprotocol/sdk imports to the v2 packages by hand (the official codemod would merge them into the v2 imports)');
  }
  // CommonJS (tsc's output among them) moves by our require table: what it cannot move keeps the file on v1.
  const unmoved = unmovedRequires(text, path)[0];
  if (unmoved) {
    return refuse(
      text.slice(0, unmoved.index).split('\n').length,
      `this file loads ${unmoved.spec} with require(), which the CommonJS move cannot carry over: it knows no v2 module for that path, or some of what the file takes has no v2 export under that name (v1's request schemas, say: v2's setRequestHandler takes the method name); move it by hand (or move the TypeScript it is compiled from and build it again)`,
    );
  }
  // What v1 takes that the official codemod would get wrong, read from the file as it is: the file
  // stays on v1, each place marked. `tool(name, { readOnlyHint: true }, cb)`: an object none of whose
  // values is a zod type is the tool's annotations, which it would make the input schema, and every
  // tools/list then fails (trial 21A). tool() taken other than by a call (`srv.tool.bind(srv)`,
  // `srv['tool'](...)`): it converts calls only, and the v2 McpServer has no such member (trial 19A:
  // a crash at load).
  const written = annotationsOnlyTools(original);
  const misread = [
    ...written.map((a) => ({
      line: a.line,
      message: `v1 takes ${a.text} here as the tool's annotations (no value of it is a zod type), which the official v1→v2 codemod would turn into its input schema, breaking tools/list: write registerTool(name, { ${a.described ? 'description, ' : ''}annotations: ${a.text} }, handler) by hand (the handler then takes the context as its only argument), then move this file to the v2 packages`,
      link: UPGRADE_GUIDE,
    })),
    ...legacyRegistrationRefs(original).map((u) => ({
      line: u.line,
      message: `this file takes v1's ${u.name}() other than by calling it (${u.text}), which the official v1→v2 codemod cannot convert, and the v2 McpServer has no ${u.name}(): call ${REGISTER_SHAPE[u.name] ?? `register${u.name[0].toUpperCase()}${u.name.slice(1)}(...)`} instead, then move this file to the v2 packages`,
      link: UPGRADE_GUIDE,
    })),
    // A description or schema imported from a module this run cannot read, where v1 told them
    // apart by the value (trial 31B); annotations held in a constant (those written out are above).
    ...misreadArguments(original, constants).filter((m) => !written.some((a) => a.line === m.line)),
  ];
  if (misread.length > 0) return refuseAt(misread);
  const migration = getMigration('v1-to-v2');
  if (!migration) throw new Error('the official v1-to-v2 migration is missing from @modelcontextprotocol/codemod');
  project ??= new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const stash = stashDescriptions(original, constants);
  // v1's bare subpaths (`@modelcontextprotocol/sdk/client`, `/server`) are its index modules: the
  // official codemod knows them by that name only.
  const sourceFile = project.createSourceFile(virtual, stash.text.replace(BARE_SUBPATH, '$1@modelcontextprotocol/sdk/$2/index.js$1').replace(DECLARATION_SUBPATH, '$1.js$2'), { overwrite: true, scriptKind: scriptKindFor(path) });
  // The imports it writes take the file's quotes (ts-morph's default is double quotes).
  project.manipulationSettings.set({ quoteKind: importStyle(sourceFile.compilerNode).quote === "'" ? QuoteKind.Single : QuoteKind.Double });
  try {
    for (const transform of migration.transforms) {
      // The package's side decides where a file of shared protocol types takes them from.
      const outcome = transform.apply(sourceFile, { projectType: side });
      const count = outcome.changesCount - (transform.id === 'imports' ? addedImports : 0);
      if (count > 0) {
        // A transform that also asks for work by hand (a comment it writes: "split the export
        // manually") left this file half done: whatever it changed is to review.
        const asksForWork = outcome.diagnostics.some((d) => d.insertComment);
        // Or asks to verify what it did (the ErrorCode split: some members became SdkErrorCode strings).
        const asksToVerify = outcome.diagnostics.some((d) => d.level !== 'info');
        const safety = MECHANICAL_TRANSFORMS.has(transform.id) && !asksForWork && !asksToVerify ? 'safe' : 'review';
        const note = transform.id === 'handlers' && REQUEST_HANDLER_BY_METHOD.test(sourceFile.getFullText()) ? `; ${TYPED_RESULTS}` : '';
        result.changes.push({ line: 1, description: `official v1→v2 codemod: ${transform.name} (${count} edit${count === 1 ? '' : 's'})${note}`, safety });
      }
      for (const pkg of outcome.usedPackages ?? []) result.usedPackages.add(pkg);
      for (const d of outcome.diagnostics) {
        if (!d.insertComment) continue;
        const line = currentLine(d);
        // Its guess at a test's context mock (an object with sessionId and requestId keys) is a
        // log line's fields when the object is what a log call prints, or the application's own
        // context when typed with the application's own type: no handler ever gets it.
        if (CONTEXT_MOCK.test(d.message) && ownObjectAt(sourceFile.compilerNode, line)) continue;
        // Its doubt about a schema held in a variable, where this file makes that variable a zod object.
        const held = UNVERIFIED_SCHEMA.test(d.message) ? heldSchemasAt(sourceFile.compilerNode, line) : [];
        if (zodObjectsAt(sourceFile.compilerNode, held, constants)) continue;
        // A raw shape of another module of the run: which it is, said.
        const shapes = importedShapesAt(sourceFile.compilerNode, held, constants);
        if (shapes) {
          const them = shapes.length === 1 ? `${shapes[0]} is a raw shape` : `${shapes.join(', ')} are raw shapes`;
          // `Schema.shape` of a zod object: that object is the schema.
          const object = /^(.+)\.shape$/.exec(shapes[0])?.[1];
          const instead = object !== undefined && constants?.get(object) === 'schema' ? `pass ${object} itself here (the z.object ${shapes[0]} is the shape of)` : `pass z.object(${shapes[0]}) here, or make it a z.object() where it is made`;
          result.markers.push({ line, message: `official v1→v2 codemod: ${them} (an object of zod types, made in another module of this package), which the v2 packages still take but deprecate: the tool works as it is; when convenient, ${instead}`, link: UPGRADE_GUIDE });
          continue;
        }
        // Its doubt about `z`, which it knows from an import only, where the file requires it from zod.
        const zod = NOT_IMPORTED_ZOD.exec(d.message)?.[1];
        if (zod && requiredFromZod(sourceFile.compilerNode, zod)) continue;
        result.markers.push({ line, message: `official v1→v2 codemod: ${d.message}`, link: UPGRADE_GUIDE });
      }
    }
    // The imports it moved, back in the file's own order and style (see import-layout.ts).
    const layout = restoreImportLayout(original, sourceFile.getFullText(), virtual);
    result.text = layout.text;
    for (const m of result.markers) m.line = layout.line(m.line);
    // The transforms drop the first import's leading trivia when they rewrite it: a `#!` line, the
    // file's header comment, the blank lines after them (the official runner puts back only the
    // `#!`). They go back at the top, where the file had them. The markers, placed in the text
    // without them, move down with what they add.
    const head = fileHead(text);
    const headLeft = fileHead(result.text);
    if (head.trim() && result.text !== text && headLeft !== head && head.includes(headLeft.trim()) && !result.text.slice(headLeft.length).includes(head.trim())) {
      const restored = head + result.text.slice(headLeft.length).replace(/^(?:[ \t]*\r?\n)+/, '');
      const shift = restored.split('\n').length - result.text.split('\n').length;
      result.text = restored;
      for (const m of result.markers) m.line += shift;
    }
    if (stash.descriptions.length > 0) {
      const restored = restoreDescriptions(result.text, stash.descriptions, result.markers);
      if (restored === undefined) return refuse(firstSdkLine, 'the official v1→v2 codemod rewrote a tool\'s name or description that is no string literal (built from pieces, or held in a variable) in a way this run cannot follow: rewrite its server.tool() calls as registerTool(name, { description, inputSchema }, handler) by hand, then move this file to the v2 packages');
      result.text = restored;
    }
    const wrapped = wrapShapes(result.text, virtual, result.markers, constants);
    if (wrapped) {
      result.text = wrapped.text;
      result.changes.push({ line: wrapped.lines[0], description: `wrapped ${wrapped.lines.length} raw shape${wrapped.lines.length === 1 ? '' : 's'} (\`schema.shape\`, or an object of zod types another module makes, as v1 took them) in z.object(...), the schema v1 built from it`, safety: 'safe' });
    }
    result.text = outdentHandlers(result.text, text, virtual);
    result.text = outdentShapes(result.text, text, virtual);
    result.text = relayoutRegistrations(result.text, original, virtual, result.markers);
    // The context handed as a handler's only argument (a tool with no input schema, a prompt with
    // no arguments), which the official codemod leaves as v1 read it (trial 73C B1).
    const sole = soleContexts(result.text, virtual, text);
    if (sole.refused.length > 0) {
      return refuseAt(sole.refused.map((r) => ({ line: r.line, message: `this handler ${r.maybe ? 'may take' : 'takes'} v1's request context as ${r.param ? `its parameter ${r.param} (the official codemod moves the reads of one named extra only)` : `its only argument (${r.maybe ? 'as ' : ''}a tool with no input schema, a prompt with no arguments${r.maybe ? ', does' : ''})`}, and \`${r.use}\` cannot be moved to v2's context by this run: ${r.why}; rewrite it by hand (signal, requestId as id, _meta and sendNotification as notify under ctx.mcpReq; authInfo under ctx.http?), then move this file to the v2 packages`, link: UPGRADE_GUIDE })));
    }
    if (sole.lines.length > 0) {
      result.text = sole.text;
      const which = [sole.lines.length > sole.named ? `the only argument of ${sole.lines.length - sole.named} handler(s) with no input schema` : '', sole.named > 0 ? `a parameter not named extra in ${sole.named} handler(s)` : ''].filter(Boolean).join(', and ');
      result.changes.push({ line: sole.lines[0], description: `v1's request context, ${which}, now read from v2's as the official codemod reads a second parameter named extra (extra.signal → ctx.mcpReq.signal, extra.requestId → ctx.mcpReq.id, extra.sendNotification → ctx.mcpReq.notify, extra.authInfo → ctx.http?.authInfo)`, safety: 'review' });
    }
    result.markers.push(...sole.destructured);
    // A handler that destructures v1's request context (`async (args, { sendNotification }) =>`):
    // the official codemod only marks it, and the names are then undefined on v2 (trial 36B).
    const contexts = destructuredContexts(result.text, virtual, result.markers, text);
    if (contexts.refused.length > 0) {
      return refuseAt(contexts.refused.map((r) => ({ line: r.line, message: `this handler destructures v1's request context (${r.pattern}), and ${r.names} ${r.names.includes(',') ? 'have' : 'has'} no like-for-like counterpart in v2's context, which this run could take ${r.names.includes(',') ? 'them' : 'it'} from (v2's ctx.mcpReq.send infers a spec method's result and takes options second, where v1's sendRequest took a result schema; ctx.http?.req is a web Request, where v1's requestInfo held plain headers): rewrite the handler by hand, then move this file to the v2 packages`, link: UPGRADE_GUIDE })));
    }
    // One this run did not find at its marker (a layout it does not read): the file would name
    // members v2's context does not have (TS2339, undefined at run time, trial 48C), so it waits on v1.
    const unfound = result.markers.filter((m) => DESTRUCTURED_CONTEXT.test(m.message) && namesV1Context(m.message));
    if (unfound.length > 0) {
      return refuseAt(unfound.map((m) => ({ line: m.line, message: `this handler destructures v1's request context (${/"([^"]*)"/.exec(m.message)?.[1] ?? 'its second parameter'}), in a layout this run could not rewrite: take the same names from v2's context by hand (sendNotification from mcpReq.notify; signal, _meta and requestId from mcpReq; authInfo from http), then move this file to the v2 packages`, link: UPGRADE_GUIDE })));
    }
    if (contexts.lines.length > 0) {
      result.text = contexts.text;
      result.changes.push({ line: contexts.lines[0], description: `v1's request context destructured in ${contexts.lines.length} handler(s) now destructures v2's (sendNotification from mcpReq.notify, signal, _meta and requestId from mcpReq, authInfo from http)`, safety: 'review' });
    }
    const migrated = result.text === text ? undefined : parseFile(result.text, virtual);
    // The context handed on to a helper under a name of the file's own (`async (args, context) =>
    // helper(args, context)`): the official codemod says so only of the `extra` it renames (trial 31B).
    if (migrated) {
      for (const { line, callee } of forwardedContexts(migrated)) {
        if (result.markers.some((m) => m.line === line && m.message.includes('forwarded'))) continue;
        result.markers.push({ line, message: `official v1→v2 codemod: the handler's context object is forwarded to ${callee}(…): its property shape changed in v2 (extra.sendNotification is ctx.mcpReq.notify, extra._meta is ctx.mcpReq._meta, extra.signal is ctx.mcpReq.signal, extra.sendRequest is ctx.mcpReq.send). Update the helper's parameter type and property accesses`, link: UPGRADE_GUIDE });
      }
    }
    // The v2 McpServer has no tool()/prompt()/resource(): calls the official codemod could not turn
    // into registerTool/registerPrompt/registerResource (a raw shape imported from elsewhere, say)
    // would crash at startup once the import moves. The file stays on v1, marked.
    const legacy = migrated ? unconvertedRegistrations(original, migrated) : [];
    if (legacy.length > 0) {
      // One marker at each call: the first alone would leave the others to be found by the next run's refusal.
      const markers = legacy.map((l) => ({
        line: l.line,
        message: `the official v1→v2 codemod could not convert this ${l.name}() call, and the v2 McpServer has no ${l.name}(): rewrite it as ${REGISTER_SHAPE[l.name] ?? `register${l.name[0].toUpperCase()}${l.name.slice(1)}(...)`}, then move this file to the v2 packages`,
        link: UPGRADE_GUIDE,
      }));
      return refuseAt(markers);
    }
    const keyedBySchema = migrated ? schemaKeyedHandlers(original, migrated) : [];
    if (keyedBySchema.length > 0) {
      const markers = keyedBySchema.map((k) => ({
        line: k.line,
        message: `${k.call} registers a handler under a value v1 took as a schema (held in a variable or a table, which the official v1→v2 codemod cannot rewrite): the v2 packages take the method string there ('tools/list' for ListToolsRequestSchema) and throw for a schema when the server is built, so this file stays on SDK v1: pass the method string (in the table that holds the schema, say), then move this file to the v2 packages`,
        link: UPGRADE_GUIDE,
      }));
      return { ...refuse(markers[0].line, markers[0].message), markers };
    }
    const misread = migrated && misreadRegistration(migrated, constants);
    if (misread) {
      return refuse(firstSdkLine, `the official v1→v2 codemod would turn a tool's description into its input schema (a description built from pieces or held in a variable, around line ${misread} of the result): rewrite that server.tool() call as registerTool(name, { description, inputSchema }, handler) by hand, then move this file to the v2 packages`);
    }
    // A v1 module with no v2 home (experimental tasks, say) stays imported beside the v2 packages.
    // An event store is only a transport option, which the move to createMcpHandler drops with the transport.
    // (Requires move after this, by our table: unmovedRequires above refused those it cannot move.)
    const kept = migrated ? moduleImports(migrated).filter((i) => !i.cjs && SDK_MODULE.test(i.module) && !/EventStore/i.test(i.module)) : [];
    if (kept.length > 0 && moduleImports(migrated!).some((i) => V2_PACKAGE.test(i.module) || /^@modelcontextprotocol\/(server|client)\//.test(i.module))) {
      return refuse(firstSdkLine, `after the official v1→v2 codemod this file would still import ${kept[0].module}, which has no v2 home, beside the v2 packages (the two generations' objects do not mix): replace what it uses from there by hand, then move this file to the v2 packages`);
    }
    const unexported = migrated && lostReExport(original, migrated);
    if (unexported) {
      return refuse(unexported.line, `the official v1→v2 codemod would drop the re-export of ${unexported.name} from '${unexported.module}' (no v2 package exports it), and files that import it from this module would stop compiling: replace or remove that export by hand, then move this file to the v2 packages`);
    }
    const lost = migrated && lostComment(original, migrated);
    if (lost !== undefined) {
      // Never a rewrite that loses what the user wrote: the file stays as it was, marked.
      const excerpt = lost.length > 60 ? `${lost.slice(0, 57)}...` : lost;
      // At the comment's own line, so the refusal points at it (its text was read with its spaces collapsed).
      const found = text.search(new RegExp(lost.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+')));
      // Above the import it is in (`type Tool, // ...` in the braces), where a marker survives the move.
      const inImport = original.statements.find((s) => ts.isImportDeclaration(s) && s.getStart(original) <= found && found < s.end);
      const at = inImport ? inImport.getStart(original) : found;
      return refuse(at >= 0 ? text.slice(0, at).split('\n').length : firstSdkLine, `the official v1→v2 codemod would drop a comment of this file (${excerpt}), so it was not applied: move this file to the v2 packages by hand`);
    }
    if (migrated) {
      const generics = lostTypeParameters(migrated);
      const codes = stringErrorCodes(migrated);
      const headers = requestHeaderReads(migrated, UPGRADE_GUIDE);
      const statuses = httpErrorStatus(original, migrated);
      const clientKeys = clientCapabilitiesOnServer(migrated);
      // (And what v1's loose types let through and v2's do not, named where it is: trials 41A, 42B, 42C.)
      const misfits = typeMisfits(migrated).map((misfit) => ({ ...misfit, link: UPGRADE_GUIDE }));
      result.markers.push(...danglingNames(original, migrated), ...codes.markers, ...headers.markers, ...statuses.markers, ...clientKeys.markers, ...generics, ...widenedContent(migrated), ...overriddenRequest(migrated), ...misfits);
      result.changes.push(...codes.changes, ...headers.changes, ...statuses.changes, ...clientKeys.changes);
      // Each edit stays on its line: the lines of the markers and changes hold.
      const edits = [...codes.edits, ...headers.edits, ...statuses.edits, ...clientKeys.edits];
      if (edits.length > 0) result.text = applyEdits(migrated.text, edits);
      if (codes.edits.length > 0) result.text = dropBindings(result.text, virtual, ['SdkErrorCode'], [...result.markers, ...result.changes]);
      // The import move compiles no more where the file still passes type arguments or v1's requestInfo: a change to review.
      if (generics.length > 0 || headers.markers.length > 0) for (const change of result.changes) if (/Import path rewrites/.test(change.description)) change.safety = 'review';
    }
  } finally {
    project.removeSourceFile(sourceFile);
  }
  return result;
}
