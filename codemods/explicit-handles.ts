/**
 * explicit-handles (both targets, after the transport codemods): replaces state keyed by the MCP
 * session id with state keyed by an explicit handle, the 2026-07-28 pattern (SEP-2567):
 *
 *   const carts = new Map<string, Cart>()         →  const carts = handleState<Cart>('carts')
 *   (no creator)                                   →  create_basket: mints basket_id, returns it in
 *                                                     structuredContent and text
 *   add_item({ sku }, extra) { carts.get(extra.sessionId) ... }
 *                                                  →  add_item gains a required, described basket_id;
 *                                                     withHandle(carts, { handle: 'basket_id', mintedBy:
 *                                                     'create_basket' }, ({ basket_id, sku }, extra) =>
 *                                                     { carts.get(basket_id) ... })
 *
 * The handler bodies stay as they were, apart from the session-id reads that become the handle:
 * `withHandle` (in the mcp-state module the codemod adds) loads the handle's value into a scope,
 * the body reads and writes `carts` like the Map it was, and the value is stored as JSON in Redis
 * (MCP_STATE_URL) or in memory, with a TTL. An unknown handle is a tool error naming the minting
 * tool. What it must not guess gets a marker: server→client requests (multi-round-trip instead),
 * per-session counters (key by principal), state it cannot follow.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { parseFile } from '../src/analysis/parse.js';
import { RUNS_LATER, accessRoot, importOf, isAssignment, isExported, calledThrough, calleeName, enclosingFunction, findAncestor, heldValues, codeSnippet, constantString, isFallback, isFunctionLike, jsDocTypeTag, jsDocValueType, isModuleVariable, isPropertyName, outermost, propertyNameText, referencesTo, resolveFunction, returnedExpressions, resolveIdentifier, someNode, stringValue, unwrap, walk, wholeCollectionUse } from '../src/analysis/ast.js';
import { frameworkRegistration, type Registration } from '../src/analysis/registrations.js';
import { servesBothEras, XMCP_MODULE } from '../src/analysis/mcp.js';
import { isRunSpecifier } from '../src/analysis/modules.js';
import { importedClassAt, importedDeclaration, instanceCall } from '../src/analysis/module-state.js';
import { accessKey, joinedSessionKey, refusesWhenMissing, withoutSessionId, requestScopedKey, setOfSessionIds, stateName, SessionFacts, type Collection } from '../src/analysis/session.js';
import { freeMintingToolName, handleForMinter, handleNameFor, namesContainer } from '../src/inventory/handles.js';
import { STATE_KIND_ADVICE, stateKind } from '../src/analysis/state-kind.js';
import { isSessionState } from '../src/rules/session-state.js';
import { usedOnlyOnLegacyPath } from '../src/analysis/eras.js';
import { DISK_ADVICE, DISK_LOSS, diskPaths, localDiskPaths } from '../src/analysis/disk-state.js';
import { statefulReasons } from '../src/rules/stateful-tool.js';
import { changesIn, storedValue } from '../src/analysis/changes.js';
import { appendPropertyEdits, applyEdits, firstPropertyEdit, indentAt, inQuotes, lineInRewrite, lineOf, lineStart, quoteStyle, removeStatement, startWithLeadingComments } from './lib/edits.js';
import { stateModuleFileName, stateModuleSource, stateModuleSpecifier, type ModuleFlavour, type RedisClient } from './lib/state-module.js';
import { declaredType, isJsonPlainType, storesOnlyPlain, typeTrouble, type ImportedTypes } from './lib/json-plain.js';
import { ensureNamedImport, importStyle, removeUnusedBindings, zodIdentifier } from './lib/imports.js';
import { SPEC_MRTR, serverToClientMessage } from './lib/messages.js';
import { removeEntryStatement, requestAuthPlan, typeNamesIn, type RequestAuthPlan } from './lib/request-auth.js';
import { isClientRequest, unaskedYes } from './lib/consequences.js';
import type { Change, CodeCodemod, CodeInput, CodemodContext, CrossModuleState, Marker, TextEdit } from './types.js';

const SPEC_TOOLS = 'https://modelcontextprotocol.io/specification/2026-07-28/server/tools';
const SPEC_LOGGING = 'https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging';
/** Whether a registration already declares an argument named `name` (outside its handler): `note_id: z.string()`. */
function declaresArgument(registration: Registration, name: string): boolean {
  const handler = registration.handler;
  const text = registration.call.getText();
  const declared = handler && handler.pos >= registration.call.pos && handler.end <= registration.call.end ? text.slice(0, handler.getStart() - registration.call.getStart()) + text.slice(handler.getEnd() - registration.call.getStart()) : text;
  return new RegExp(`(^|[^\\w$])['"]?${name}['"]?\\s*:`).test(declared);
}
/** The marker on a map of credentials kept by session that explicit-handles leaves. */
function credentialsBySessionMessage(name: string): string {
  return `${name} binds credentials to the MCP session id; 2026-07-28 requests carry no session, and a handle would let whoever learns it act with these credentials: read them from each request instead (its Authorization header; authInfo in the handler's context) and drop this map`;
}

/** Low-level list methods: their answers must not vary per session. */
const LIST_METHODS = new Set(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list']);
const REDIS_RANGE = '^5.8.0';

interface StatePlan {
  collection: Collection;
  decl: TS.VariableDeclaration | TS.PropertyDeclaration;
  /** How code refers to the state: `carts`, or `this.carts` for a class field. */
  ref: string;
  handle: string;
  mintedBy: string;
  users: Registration[];
  creator?: Registration;
  /** State kept across modules, decided by the runner for the whole group (CodemodContext.crossModuleStates). */
  cross?: CrossModuleState;
}

function flavourOf(sourceFile: TS.SourceFile): ModuleFlavour {
  if (/\.(ts|tsx|mts|cts)$/.test(sourceFile.fileName)) return 'ts';
  if (importStyle(sourceFile).cjs) return 'cjs';
  // (A `.js` module beside a `.mjs` one would load as CommonJS where package.json has no "type": "module", trial 39C.)
  return /\.mjs$/.test(sourceFile.fileName) ? 'mjs' : 'esm';
}

/**
 * `[]`, `{}`, `0`... : the constant literal the code itself stores as a new entry where it stores
 * one (`s = { todos: [], nextId: 1 }; sessions.set(sid, s)`: a handle starts as the entry the
 * helper would have made, not `nextId: 0` from the type), else from the state's declared value
 * type (with `imported`, one of the run's modules too) or the values it is set to.
 */
function initialValue(c: Collection, imported?: ImportedTypes): string {
  const stored = storedLiteral(c);
  if (stored !== undefined) return stored;
  const type = c.valueType?.trim();
  if (type) {
    // An object type with fields: each field's own (`{ items: [], total: 0 }`), as `{}` would lack
    // them (TS2739, and `NaN` from `total++`: trial 48B). Where a field has none, `{}` as before:
    // its type error shows the field to fill, which a cast would hide (review 59).
    const fields = objectTypeOf(type, c.decl.getSourceFile(), imported);
    if (fields) return fieldsInitial(fields) ?? '{}';
    // (Not a union's empty member: `Cart | null` gets what the code stores, below.)
    const empty = type.includes('|') ? undefined : emptyValue(type);
    if (empty !== undefined) return empty;
    if (/^(\{|Map<)/.test(type) || /^[A-Z]\w*$/.test(type)) return '{}';
  }
  for (const access of c.accesses) {
    if (ts.isCallExpression(access) && calleeName(access) === 'set' && access.arguments[1]) {
      const v = unwrap(access.arguments[1]);
      if (ts.isArrayLiteralExpression(v)) return '[]';
      if (ts.isObjectLiteralExpression(v)) return '{}';
      if (ts.isNumericLiteral(v)) return '0';
    }
  }
  return 'null';
}

/**
 * The one constant literal (numbers, strings, booleans, null, and arrays and objects of them) the
 * code stores as a whole entry of the state, written on one line (`{ todos: [], nextId: 1 }`):
 * given to `set` or assigned to an element, directly or through a local of the same function
 * (its initializer or an assignment). Undefined where it stores none, or two different ones.
 */
function storedLiteral(c: Collection): string | undefined {
  const found = new Set<string>();
  for (const access of c.accesses) {
    const value =
      ts.isCallExpression(access) && calleeName(access) === 'set' ? access.arguments[1]
      : ts.isElementAccessExpression(access) && ts.isBinaryExpression(access.parent) && access.parent.left === access && access.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? access.parent.right
      : undefined;
    if (!value) continue;
    const v = unwrap(value);
    const decl = ts.isIdentifier(v) ? resolveIdentifier(v) : undefined;
    const candidates = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? [...(decl.initializer ? [decl.initializer] : []), ...referencesTo(enclosingFunction(decl) ?? decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).flatMap((r) => (ts.isBinaryExpression(r.parent) && r.parent.left === r && r.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [r.parent.right] : []))] : [v];
    for (const candidate of candidates) {
      const text = constantLiteral(unwrap(candidate));
      if (text !== undefined) found.add(text);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** A constant literal's text on one line (`{ items: [], total: 0 }`), or undefined for anything else. */
function constantLiteral(node: TS.Node): string | undefined {
  if (ts.isNumericLiteral(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return node.getText();
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return node.getText();
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((e) => constantLiteral(unwrap(e)));
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const props = node.properties.map((p) => (ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) ? ((v) => (v === undefined ? undefined : `${p.name.getText()}: ${v}`))(constantLiteral(unwrap(p.initializer))) : undefined));
    return props.every((p) => p !== undefined) ? (props.length === 0 ? '{}' : `{ ${props.join(', ')} }`) : undefined;
  }
  return undefined;
}

/** The empty value of a type written as text (`string[]` → `[]`, `number` → `0`, a Record → `{}`, `T | null` → `null`), if it has one. */
function emptyValue(type: string): string | undefined {
  if (/\[\]$|^(Array|ReadonlyArray)</.test(type)) return '[]';
  if (type === 'number') return '0';
  if (type === 'string') return "''";
  if (type === 'boolean') return 'false';
  if (/^Record</.test(type)) return '{}';
  if (/\|\s*null\b|\bnull\s*\|/.test(type)) return 'null';
  if (/\|\s*undefined\b|\bundefined\s*\|/.test(type)) return 'undefined';
  return undefined;
}

/**
 * The members of an object type with required fields: written inline (`{ count: number; resetAt:
 * number }`), or an interface or type alias of the file by that name (with `imported`, of the
 * run's module the file imports it from). Undefined for any other type (a Record, a class, a
 * package's type) or one whose fields are all optional.
 */
function objectTypeOf(type: string, sf: TS.SourceFile, imported?: ImportedTypes): TS.NodeArray<TS.TypeElement> | undefined {
  let members: TS.NodeArray<TS.TypeElement> | undefined;
  if (type.startsWith('{')) {
    const alias = parseFile(`type T = ${type};`, 'type.ts').statements[0];
    if (alias && ts.isTypeAliasDeclaration(alias) && ts.isTypeLiteralNode(alias.type)) members = alias.type.members;
  } else if (/^[A-Z][\w$]*$/.test(type)) {
    const local = declaredType(type, sf, imported);
    if (local && ts.isInterfaceDeclaration(local) && !local.heritageClauses) members = local.members;
    else if (local && ts.isTypeAliasDeclaration(local) && ts.isTypeLiteralNode(local.type)) members = local.type.members;
  }
  return members && members.some((m) => ts.isPropertySignature(m) && !m.questionToken) ? members : undefined;
}

/** An object literal with each required field's empty value (emptyValue), or undefined where a field's type has none. */
function fieldsInitial(members: TS.NodeArray<TS.TypeElement>): string | undefined {
  const parts: string[] = [];
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.type || !m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) return undefined;
    if (m.questionToken) continue;
    const empty = emptyValue(m.type.getText());
    if (empty === undefined) return undefined;
    parts.push(`${m.name.getText()}: ${empty}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** The words of a tool that resets, empties or ends a piece of state (`clear_cart`, `resetGame`, `cart_empty`). */
const RESET_WORD = /^(clear|reset|empty|restart|wipe|flush|purge|delete|remove|drop|discard|cancel|abandon|end|close|stop|undo|revert|forget)$/i;

/** Verbs a tool's name may start with that do something other than reset (`set_stop_loss`, `create_empty_cart`). */
const OTHER_VERB = /^(create|new|start|open|init|initialize|make|begin|add|build|setup|register|set|get|update|put|save|store|write|record|load|fetch|book|place|submit|list|show|view|read|move|play|take|give|send|edit|rename|change|apply|run|check)$/i;

/**
 * Whether a tool's name says it resets what there is: its verb is a reset word, first (`clear_cart`),
 * after a namespace (`shop_clear_cart`, review 82 point 2), or last (`cart_clear`); not a name
 * whose verb does something else (`create_empty_cart`, review 81 point 2; `set_stop_loss`, review
 * 83 point 2). Snake, kebab and camel case alike.
 */
function namedReset(name: string): boolean {
  const words = name.split(/[_\-\s]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  if (words.length === 0 || OTHER_VERB.test(words[0])) return false;
  if (RESET_WORD.test(words[0]) || RESET_WORD.test(words[words.length - 1])) return true;
  return words.length > 2 && RESET_WORD.test(words[1]);
}

/** Whether a handler only creates the state (sets it) and never reads it: an existing creator. */
function onlyCreates(r: Registration, c: Collection): boolean {
  if (!r.handler?.body) return false;
  let sets = 0;
  let reads = 0;
  walk(r.handler.body, (n) => {
    if (ts.isCallExpression(n) && c.accesses.includes(n)) {
      const m = calleeName(n);
      if (m === 'set') sets++;
      else reads++;
    } else if (ts.isElementAccessExpression(n) && c.accesses.includes(n)) {
      const parent = n.parent;
      if (ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) sets++;
      else reads++;
    }
  });
  return sets > 0 && reads === 0;
}

/**
 * Adds a string property `handle` (described as `describe`) to a schema written in place: a zod raw
 * shape, `z.object({...})`, `fromJsonSchema(...)` of the v2 packages, or a JSON Schema literal
 * (listed in `required` too). False where the schema is another expression (a name, `.strict()`).
 */
function extendObjectSchema(schema: TS.Expression, handle: string, describe: string, sf: TS.SourceFile, edits: TextEdit[], zName: string, q: string): boolean {
  const zodProp = `${handle}: ${zName}.string().describe(${q}${describe}${q})`;
  const jsonProp = `${handle}: { type: ${q}string${q}, description: ${q}${describe}${q} }`;
  const insertIntoObject = (obj: TS.ObjectLiteralExpression, prop: string) => {
    if (!obj.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === handle)) edits.push(firstPropertyEdit(obj, prop, sf));
  };
  const s = unwrap(schema);
  if (ts.isObjectLiteralExpression(s)) {
    const props = s.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'properties');
    if (props && ts.isPropertyAssignment(props) && ts.isObjectLiteralExpression(unwrap(props.initializer)) && s.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === 'type')) {
      insertIntoObject(unwrap(props.initializer) as TS.ObjectLiteralExpression, jsonProp);
      const required = s.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'required');
      if (required && ts.isPropertyAssignment(required) && ts.isArrayLiteralExpression(unwrap(required.initializer))) {
        const arr = unwrap(required.initializer) as TS.ArrayLiteralExpression;
        if (!arr.elements.some((e) => ts.isStringLiteral(e) && e.text === handle)) {
          edits.push({ start: arr.getStart(sf) + 1, end: arr.getStart(sf) + 1, text: arr.elements.length ? `${q}${handle}${q}, ` : `${q}${handle}${q}` });
        }
      } else {
        edits.push({ start: props.getEnd(), end: props.getEnd(), text: `, required: [${q}${handle}${q}]` });
      }
      return true;
    }
    insertIntoObject(s, zodProp);
    return true;
  }
  if (ts.isCallExpression(s) && calleeName(s) === 'object' && s.arguments[0] && ts.isObjectLiteralExpression(unwrap(s.arguments[0]))) {
    insertIntoObject(unwrap(s.arguments[0]) as TS.ObjectLiteralExpression, zodProp);
    return true;
  }
  // v2: fromJsonSchema({ type: 'object', properties, required })
  if (ts.isCallExpression(s) && calleeName(s) === 'fromJsonSchema' && s.arguments[0]) return extendObjectSchema(s.arguments[0], handle, describe, sf, edits, zName, q);
  return false;
}

/**
 * An outputSchema of one property (`prop`, zod) added to a registerTool config that names its
 * properties in place and gives none; whether it was.
 */
function addOutputSchema(r: Registration, prop: string, sf: TS.SourceFile, edits: TextEdit[], zName: string): boolean {
  if (r.shape || r.viaWrapper || r.fromList || calleeName(r.call) !== 'registerTool' || !r.handler) return false;
  // Only where every result is a literal that carries no structured content of its own: a schema
  // of the handle alone refuses other properties, so the client would reject every call of a tool
  // that answers `structuredContent: { owner, items }` (review 88 point 5).
  const returns = returnedExpressions(r.handler);
  const plain = (x: TS.Expression) => {
    const v = unwrap(x);
    return ts.isObjectLiteralExpression(v) && v.properties.every((p) => !ts.isSpreadAssignment(p) && !(p.name && propertyNameText(p.name) === 'structuredContent'));
  };
  if (returns.length === 0 || !returns.every(plain)) return false;
  const config = r.call.arguments[1] && unwrap(r.call.arguments[1]);
  if (!config || !ts.isObjectLiteralExpression(config) || config.properties.length === 0 || config.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p) && !ts.isMethodDeclaration(p))) return false;
  // (As the input schema is written: a raw shape on v1, `z.object` on the v2 packages, trial 50C.)
  edits.push(...appendPropertyEdits(config, `outputSchema: ${servesBothEras(sf.text) ? `${zName}.object({ ${prop} })` : `{ ${prop} }`}`, sf));
  return true;
}

/** The schema argument or property of a registration, and how to add the handle to it. */
function addHandleToSchema(r: Registration, handle: string, mintedBy: string, sf: TS.SourceFile, edits: TextEdit[], zName: string, q = "'"): boolean {
  // A framework's own registration (mcp-use's `tool({ name, schema }, cb)`, mcp-lite's `tool(name, { handler })`): not the SDK's arguments.
  if (r.shape) return false;
  const describe = `Handle from ${mintedBy}`;
  const zodProp = `${handle}: ${zName}.string().describe(${q}${describe}${q})`;
  const extendSchema = (schema: TS.Expression) => extendObjectSchema(schema, handle, describe, sf, edits, zName, q);
  const call = r.call;
  const method = calleeName(call);
  const args = call.arguments;
  if (method === 'registerTool') {
    const config = args[1] && unwrap(args[1]);
    if (!config || !ts.isObjectLiteralExpression(config)) return false;
    const input = config.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'inputSchema');
    if (input && ts.isPropertyAssignment(input)) return extendSchema(input.initializer);
    if (input) return false;
    const last = config.properties[config.properties.length - 1];
    const at = last ? last.getEnd() : config.getStart(sf) + 1;
    // (`{}` becomes `{ inputSchema: { ... } }`, spaced as the rest of the file's objects are.)
    const closeUp = !last && config.getText(sf) === '{}' ? ' ' : '';
    // On the v2 packages (imported or required) a raw shape is deprecated: `z.object({ ... })`, as the official codemod wraps the others (trial 50C).
    const shape = servesBothEras(sf.text) ? `${zName}.object({ ${zodProp} })` : `{ ${zodProp} }`;
    edits.push({ start: at, end: at, text: `${last ? ', ' : ' '}inputSchema: ${shape}${closeUp}` });
    return true;
  }
  if (method === 'tool') {
    // tool(name, cb) | tool(name, description, cb) | tool(name, [description,] shape, [annotations,] cb)
    const middle = args.slice(1, -1);
    const shape = middle.find((a) => stringValue(a) === undefined);
    if (shape) return extendSchema(shape);
    const cb = args[args.length - 1];
    edits.push({ start: cb.getStart(sf), end: cb.getStart(sf), text: `{ ${zodProp} }, ` });
    return true;
  }
  return false;
}

/** The outputSchema a registerTool config gives in place (`outputSchema: { ... }`), or the expression it names; undefined where it gives none. */
function outputSchemaOf(r: Registration): TS.Expression | undefined {
  const config = calleeName(r.call) === 'registerTool' && r.call.arguments[1] ? unwrap(r.call.arguments[1]) : undefined;
  if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
  const property = config.properties.find((p) => p.name && propertyNameText(p.name as TS.PropertyName) === 'outputSchema');
  if (!property) return undefined;
  return ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : config;
}

/**
 * The description of an existing tool made the minting one, told what it now returns (trial 28C:
 * `open_cart` minted `basket_id` and its description still read "Open a cart", so a model could not
 * tell where the handle the other tools ask for comes from). A written description gets a sentence
 * appended; registerTool's config without one gets one, and so does a `.tool(name, [shape,] cb)`.
 */
function documentMinting(r: Registration, handle: string, users: readonly string[], sf: TS.SourceFile, edits: TextEdit[], q = "'"): boolean {
  if (r.shape || r.viaWrapper || r.fromList) return false;
  const note = users.length > 0 ? `Returns ${handle}: pass it to ${users.join(', ')}.` : `Returns ${handle}.`;
  const args = r.call.arguments;
  const config = calleeName(r.call) === 'registerTool' && args[1] ? unwrap(args[1]) : undefined;
  const property = config && ts.isObjectLiteralExpression(config) ? config.properties.find((p) => propertyNameText(p.name as TS.PropertyName) === 'description') : undefined;
  const literal = property && ts.isPropertyAssignment(property) ? unwrap(property.initializer) : calleeName(r.call) === 'tool' && args.length > 2 ? unwrap(args[1]) : undefined;
  if (literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))) {
    // One that ends in a line break or spaces (a template's last line) is laid out by hand: left.
    if (literal.text.includes(handle) || /\s$/.test(literal.text)) return false;
    const end = literal.getEnd() - 1;
    const text = `${/[.!?]\s*$/.test(literal.text) || literal.text === '' ? '' : '.'}${literal.text === '' ? '' : ' '}${note}`;
    const quote = sf.text[literal.getStart(sf)];
    edits.push({ start: end, end, text: quote === '`' ? text : text.replaceAll(quote, `\\${quote}`) });
    return true;
  }
  if (config && ts.isObjectLiteralExpression(config) && !property) {
    edits.push(firstPropertyEdit(config, `description: ${q}${note}${q}`, sf));
    return true;
  }
  // `.tool(name, [shape,] cb)` with no description: the overload with one (trial 59A B1: on v1 its
  // tools/list said nothing of the handle it returns). Not after a name that may hold one.
  const second = calleeName(r.call) === 'tool' && args.length >= 2 ? unwrap(args[1]) : undefined;
  if (second && (ts.isObjectLiteralExpression(second) || isFunctionLike(second))) {
    edits.push({ start: args[1].getStart(sf), end: args[1].getStart(sf), text: `${q}${note}${q}, ` });
    return true;
  }
  return false;
}

/** Whether the state's values survive JSON: from the declared value type, else from the values the code stores (storesOnlyPlain). */
function valuesArePlain(c: Collection, sf: TS.SourceFile, facts: SessionFacts, imported?: ImportedTypes): { ok: boolean; what: string; type?: TS.TypeNode } {
  const decl = c.decl;
  let typeNode: TS.TypeNode | undefined;
  const declared = ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) ? decl.type : undefined;
  if (declared && ts.isTypeReferenceNode(declared) && declared.typeArguments?.length === 2) typeNode = declared.typeArguments[1];
  else if (declared && ts.isTypeLiteralNode(declared)) typeNode = declared.members.find(ts.isIndexSignatureDeclaration)?.type;
  const init = (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!typeNode && init && ts.isNewExpression(init) && init.typeArguments?.length === 2) typeNode = init.typeArguments[1];
  if (typeNode) return { ok: !c.valueClass && isJsonPlainType(typeNode, sf, undefined, imported), what: `values of type ${typeNode.getText(sf)}`, type: typeNode };
  // In JavaScript, a JSDoc type above the declaration says it (a type of its own little file: names of this one do not resolve there).
  const documented = declared ? undefined : jsDocValueType(decl, sf);
  if (documented) return { ok: isJsonPlainType(documented, documented.getSourceFile()), what: `values of type ${documented.getText(documented.getSourceFile())}` };
  // Else from what the code stores in it, and changes in its entries (trial 75A B8).
  const ok = storesOnlyPlain(c, facts);
  return { ok, what: ok ? 'plain values' : UNSEEN_SHAPE };
}

/**
 * A collection declared as an array (`T[]`, `Array<T>`, an alias of the file for one, `type
 * History = Note[]`, review 79 point 4; `= []`): its entries are found by searching, not by a key.
 */
function heldInList(c: Collection, facts: SessionFacts): boolean {
  const decl = c.decl;
  if (!ts.isVariableDeclaration(decl) && !ts.isPropertyDeclaration(decl)) return false;
  const type = decl.type;
  const array = (text: string) => /\[\]$|^(Readonly)?Array\s*</.test(text.trim());
  if (type && (ts.isArrayTypeNode(type) || (ts.isTypeReferenceNode(type) && (/^(Readonly)?Array$/.test(type.typeName.getText()) || array(facts.localTypes.get(type.typeName.getText()) ?? ''))))) return true;
  return !type && !!decl.initializer && ts.isArrayLiteralExpression(unwrap(decl.initializer));
}

/** The edit that removes a comment line above a declaration that holds a JSDoc `@type` tag and nothing else. */
function typeOnlyJsDoc(decl: TS.Node, sf: TS.SourceFile): TextEdit | undefined {
  const c = jsDocTypeTag(decl, sf);
  if (!c || !/^\/\*\*\s*@type\s*\{[^\n]*\}\s*\*\/$/.test(sf.text.slice(c.pos, c.end))) return undefined;
  const start = lineStart(sf.text, c.pos);
  const end = sf.text.indexOf('\n', c.end);
  return /^[ \t]*$/.test(sf.text.slice(start, c.pos)) && end >= 0 && /^[ \t\r]*$/.test(sf.text.slice(c.end, end)) ? { start, end: end + 1, text: '' } : undefined;
}

/** What valuesArePlain says of values with no declared type that it cannot show are plain JSON (storesOnlyPlain). */
const UNSEEN_SHAPE = 'values whose shape the codemod cannot see (no type, not literals)';

/** A type name this file imports from the MCP SDK or the v2 packages (`Root`): protocol data. */
function importedFromSdk(name: string, sf: TS.SourceFile): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text.startsWith('@modelcontextprotocol/') &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === name),
  );
}

/**
 * What state keyed by the session id does while it waits for a person (trial 39C: the default run
 * made the transport stateless, a cart left keyed by `extra.sessionId` became one cart for every
 * caller, and only the console said so): said in its marker, which is what the team commits.
 */
const MEANWHILE = 'Until then, every request without a session id (each 2026-07-28 request, and each request once the transport is stateless) reads and writes the same entry, so callers see each other\'s state';

/**
 * What it does meanwhile where every use of it by the session id refuses a request that has none
 * (withoutSessionId; trial 78A B10: `getSession(ctx)` threw "no chat session; reconnect"): calls
 * fail, no entry is shared. A write that only does not run then (`if (sid) chats.set(sid, ...)`) stores none.
 */
const MEANWHILE_FAILS = 'Until then, every request without a session id (each 2026-07-28 request, and each request once the transport is stateless) fails where it needs this state: the code refuses a request that has none';

/** The file's facts with the run's other modules (a codemod's own have none), to follow a function to its calls there: meanwhile's. */
const withModules = new WeakMap<TS.SourceFile, SessionFacts>();

/**
 * What state keyed by the session id does meanwhile: MEANWHILE, or MEANWHILE_FAILS where each use
 * of it by the id, or by a parameter its callers hand (`openChat(id)` in onsessioninitialized of
 * another module), refuses a request without one, or only does not run then, a write.
 */
function meanwhile(c: Collection, facts: SessionFacts, ctx: CodemodContext): string {
  // (One other modules may reach, exported: their uses are not seen here.)
  const decl = c.decl;
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && (isExported(decl.parent.parent) || referencesTo(decl.getSourceFile(), decl as TS.VariableDeclaration & { name: TS.Identifier }).some((ref) => ts.isExportSpecifier(ref.parent)))) return MEANWHILE;
  const sf = decl.getSourceFile();
  let run = facts;
  if (!facts.modules && ctx.modules) {
    run = withModules.get(sf) ?? new SessionFacts(sf);
    run.modules ??= { path: ctx.path, source: ctx.modules };
    withModules.set(sf, run);
  }
  let refused = false;
  for (const access of c.accesses) {
    const key = accessKey(access);
    const method = ts.isCallExpression(access) ? calleeName(access) : undefined;
    // (Deleting an entry under a missing id shares nothing.)
    if (!key || method === 'delete' || ts.isDeleteExpression(outermost(access).parent)) continue;
    const param = ts.isIdentifier(unwrap(key)) && resolveIdentifier(unwrap(key) as TS.Identifier);
    if (!run.isSessionId(key) && !(param && ts.isParameter(param))) continue;
    const fares = withoutSessionId(access, run);
    const writes = method === 'set' || (ts.isElementAccessExpression(access) && isAssignment(access.parent) && access.parent.left === access);
    if (fares === 'refused') refused = true;
    else if (fares !== 'skipped' || !writes) return MEANWHILE;
  }
  return refused ? MEANWHILE_FAILS : MEANWHILE;
}

/** A reason explicit-handles leaves a piece of state: its own marker's text, and a clause of it for a marker naming several. */
interface LeftReason {
  /** One no run of fix gets past (a schema it cannot extend, a handler that takes no handle): named first. */
  permanent: boolean;
  short: string;
  full: string;
  /** Where its marker goes alone, if not at the state's declaration. */
  pos?: number;
}

/**
 * The marker of state explicit-handles leaves for these reasons: one's own text, or a clause for
 * each (numbered, those no run of fix gets past first) and what the state does meanwhile, once.
 */
function leftMessage(name: string, reasons: readonly LeftReason[]): string {
  if (reasons.length === 1) return reasons[0].full;
  const ordered = [...reasons.filter((r) => r.permanent), ...reasons.filter((r) => !r.permanent)];
  const then = reasons.some((r) => r.full.endsWith(MEANWHILE))
    ? ' Until then, every request without a session id shares one entry of it.'
    : reasons.some((r) => r.full.endsWith(MEANWHILE_FAILS))
      ? ' Until then, every request without a session id fails where it needs it.'
      : '';
  return `${name} is keyed by the MCP session id, and explicit-handles leaves it for ${reasons.length} reasons, each to deal with before it can move it: ${ordered.map((r, i) => `(${i + 1}) ${r.short}`).join('; ')}.${then}`;
}

/**
 * The marker for state keyed by session whose values are not plain JSON, by what makes them so.
 * State a person moves by hand says what it does meanwhile (`then`: meanwhile()); timers and roots have no
 * entry to share, they go.
 */
function notPlainMarker(name: string, plain: { what: string; type?: TS.TypeNode }, then: string, sf: TS.SourceFile, cls?: Collection['valueClass'], imported?: ImportedTypes): { short: string; full: string } {
  const route = 'keep the live object on one instance and route each call by its handle, not by session (x-mcp-header on the handle argument lets a gateway do that)';
  const trouble = plain.type ? typeTrouble(plain.type, sf, imported) : undefined;
  // A class of the project in another module (the analysis found it there): seen, a class, not JSON (trial 76B B3).
  if (trouble && cls) trouble.unseen = trouble.unseen.filter((n) => n !== cls.name);
  const declared = cls && cls.path !== sf.fileName ? ` (${cls.name} is a class, declared in ${cls.path}: a JSON store keeps its fields and loses its methods)` : '';
  if (trouble?.timers) {
    return { short: `it holds timers (${plain.type!.getText(sf)}), which live in one process`, full: `${name} holds timers (${plain.type!.getText(sf)}) per MCP session: a timer lives in one process and cannot be stored, and 2026-07-28 has no session for what it does later to reach. Make that work something the client asks for (a tool call taking a handle the starting tool returned), or run it in a scheduler every instance shares` };
  }
  if (trouble && trouble.unseen.length > 0 && trouble.unseen.every((n) => n === 'Root' && importedFromSdk(n, sf)) && trouble.convertible.length === 0) {
    return { short: `it keeps the client's roots, which 2026-07-28 has no session to keep under`, full: `${name} keeps the client's roots per MCP session (${plain.type!.getText(sf)}): 2026-07-28 has no session to keep them under, and Roots is deprecated (SEP-2577). Take the directories or files a tool needs as its arguments (or from the server's config) and drop this map` };
  }
  if (trouble && trouble.unseen.length > 0 && trouble.convertible.length === 0) {
    const names = trouble.unseen.join(', ');
    return { short: `its ${plain.what} are declared outside this file${names === plain.type!.getText(sf) ? '' : ` (${names})`}, so it cannot see whether they are plain JSON`, full: `${name} holds ${plain.what}, declared outside this file${names === plain.type!.getText(sf) ? '' : ` (${names})`}: explicit-handles cannot see whether that is plain JSON, so it leaves it. If it is data, key it by an explicit handle in a shared store by hand; if it holds live objects, ${route}. ${then}` };
  }
  // Nothing says what they are: not known to be anything but JSON either (untyped JavaScript, trial
  // 18C). The first sentence says how to declare them: fix's reason for a file it leaves quotes it (trial 66A).
  if (plain.what === UNSEEN_SHAPE) {
    return { short: 'its values have no declared type, so it cannot tell whether they are plain JSON (declare it: in JavaScript by a JSDoc @type tag above it)', full: `${name} holds values with no declared type, stored as something other than literals, so explicit-handles cannot tell whether they are plain JSON and leaves it until their type is declared (in JavaScript by a JSDoc @type tag above it, such as @type {Map<string, string[]>}). If they are data, declare it and run fix again; if they hold live objects, ${route}. ${then}` };
  }
  const convert = trouble?.convertible.length ? ` (${trouble.convertible.join(', ')})` : '';
  return { short: `it holds ${plain.what}, which is not plain JSON${convert ? `: store only its serialisable data${convert}` : ''}`, full: `${name} holds ${plain.what}, which is not plain JSON${declared}: explicit-handles cannot move it into a shared store. Store only its serialisable data by handle${convert}, or ${route}. ${then}` };
}

/**
 * The handler's context parameter when the rewrite leaves it unread: a name (not `_` already),
 * every use of which is among the session-id reads the handle replaces. It is renamed `_name`,
 * which `noUnusedParameters` lets be (trial 45C B4). It stays, as the handler's arity picks the
 * SDK's overload (on v2, a one-parameter callback is the no-arguments kind).
 */
function contextLeftUnread(r: Registration, replaced: readonly TS.Node[]): TS.ParameterDeclaration | undefined {
  const fn = r.handler!;
  const param = r.contextParam;
  if (!param || !fn.parameters.includes(param) || !ts.isIdentifier(param.name) || param.name.text.startsWith('_') || param.dotDotDotToken) return undefined;
  const uses = referencesTo(fn, param as TS.ParameterDeclaration & { name: TS.Identifier });
  // (One unread before the rewrite is the project's as it was: not renamed.)
  return uses.length > 0 && uses.every((use) => replaced.some((node) => use.pos >= node.pos && use.end <= node.end)) ? param : undefined;
}

/**
 * Makes the handle available as an identifier in the handler; returns the expression to use.
 * `unread`: the context parameter the rewrite leaves unread (contextLeftUnread), renamed `_name`.
 */
function exposeHandle(r: Registration, handle: string, sf: TS.SourceFile, edits: TextEdit[], unread?: TS.ParameterDeclaration): string | undefined {
  const fn = r.handler!;
  const first = fn.parameters[0];
  const argsFirst = r.contextParam ? fn.parameters.indexOf(r.contextParam) > 0 : fn.parameters.length > 0 && fn.parameters[0] !== r.contextParam;
  if (!first || !argsFirst) {
    // (extra) => ... or () => ...: the args parameter did not exist.
    const open = fn.parameters.pos;
    const hasParens = fn.getChildren(sf).some((c) => c.kind === ts.SyntaxKind.OpenParenToken);
    if (!hasParens) {
      // `extra => ...` without parentheses.
      const p = fn.parameters[0];
      edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `({ ${handle} }, ${unread ? '_' : ''}${p.getText(sf)})` });
    } else if (unread) {
      // `(extra) => ...` whose extra only gave the session id: `({ basket_id }, _extra) => ...`.
      edits.push({ start: unread.name.getStart(sf), end: unread.name.getEnd(), text: `{ ${handle} }, _${unread.name.getText(sf)}` });
    } else {
      edits.push({ start: open, end: open, text: `{ ${handle} }${fn.parameters.length ? ', ' : ''}` });
    }
    return handle;
  }
  if (!ts.isObjectBindingPattern(first.name) && !ts.isIdentifier(first.name)) return undefined;
  // (Renamed only where the handle is exposed: a handler left as it is keeps its reads of it.)
  if (unread) edits.push({ start: unread.name.getStart(sf), end: unread.name.getEnd(), text: `_${unread.name.getText(sf)}` });
  if (ts.isIdentifier(first.name)) {
    // An arguments parameter the handler never read (`_args`): it takes the handle destructured, not
    // read through a name that says it is unused (trial 60/62 rough edge: `_args.draft_id`).
    if (first.name.text.startsWith('_') && referencesTo(fn, first as TS.ParameterDeclaration & { name: TS.Identifier }).length === 0) {
      edits.push({ start: first.name.getStart(sf), end: first.name.getEnd(), text: `{ ${handle} }` });
      return handle;
    }
    return `${first.name.text}.${handle}`;
  }
  if (first.name.elements.some((e) => e.name.getText(sf) === handle)) return handle;
  const el = first.name.elements[0];
  if (el) edits.push({ start: el.getStart(sf), end: el.getStart(sf), text: `${handle}, ` });
  else edits.push({ start: first.name.getStart(sf) + 1, end: first.name.getEnd() - 1, text: ` ${handle} ` });
  return handle;
}

/**
 * Session-id reads in a handler body, with the wrapper expression (`!`, `as string`) around them,
 * a call of a key helper of the file that returns the id among them;
 * and the identifiers declared outside the body that hold the session id (`sessionId`, what a
 * factory called per session was handed: smithery's `createStatefulServer(({ sessionId }) => ...)`).
 */
function sessionReadsIn(node: TS.Node, facts: SessionFacts): TS.Node[] {
  const reads: TS.Node[] = [];
  walk(node, (n) => {
    if (facts.isSessionIdRead(n) && !ts.isParenthesizedExpression(n)) {
      reads.push(outermost(n));
      return false;
    }
    // `sessionIdOf()`: a function the builder was handed that returns the session id; or a key
    // helper of the file handed the context (`keyFor(extra)`, trial 56A B1), whose call is the key.
    if (ts.isCallExpression(n) && ((n.arguments.length === 0 && ts.isIdentifier(unwrap(n.expression)) && isParameterRef(unwrap(n.expression) as TS.Identifier)) || returnsIdOnly(facts.callTarget(n), facts)) && facts.isSessionId(n)) {
      reads.push(outermost(n));
      return false;
    }
    if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const decl = resolveIdentifier(n);
      if (decl && !(decl.pos >= node.pos && decl.end <= node.end) && facts.isSessionId(n)) reads.push(n);
    }
    return undefined;
  });
  return reads;
}

/**
 * A session-id read handed to the SDK's own routing by the session (`server.sendLoggingMessage(params,
 * extra.sessionId)`, which looks up the log level a 2025 client set for its session): no key of the
 * application's, so it stays as it is, not the handle (trial 58C B3: the note's handle was handed
 * there, and a 2025 client's level was looked up under it).
 */
function routesLogs(read: TS.Node): boolean {
  const call = read.parent;
  return ts.isCallExpression(call) && call.arguments.indexOf(read as TS.Expression) === 1 && calleeName(call) === 'sendLoggingMessage';
}

/** The read a constant fallback falls back from (`extra.sessionId` of `extra.sessionId ?? 'anon'`), if `node` is one. */
function fallenBackFrom(node: TS.Node): TS.Expression | undefined {
  return isFallback(node) && constantString(node.right) !== undefined ? node.left : undefined;
}

/**
 * The uses `keeps` keeps of a local a session-id read initialises (`const sid = extra.sessionId!`
 * whose `sid` is also handed to sendLoggingMessage, routesLogs; or to a rate limiter the run only
 * marks, trial 75A B5): the local becomes the handle, so those uses get the read back (review 75:
 * the handle reached sendLoggingMessage through the local). Only a read of the context
 * (`extra.sessionId`), which stays in scope; none for another shape.
 */
function usesKeptThroughLocal(read: TS.Node, fn: TS.FunctionLikeDeclaration, context: TS.ParameterDeclaration | undefined, keeps: (use: TS.Identifier) => boolean): TS.Identifier[] {
  // (Through the constant it fell back to too, `extra.sessionId ?? 'anon'`, review 76: the log gets the read.)
  const access = unwrap(fallenBackFrom(read) ?? read);
  if (!context || !ts.isIdentifier(context.name) || !ts.isPropertyAccessExpression(access)) return [];
  const root = access.expression;
  if (!ts.isIdentifier(root) || root.text !== context.name.text) return [];
  let init: TS.Node = read;
  while (ts.isNonNullExpression(init.parent) || ts.isParenthesizedExpression(init.parent) || ts.isAsExpression(init.parent)) init = init.parent;
  const decl = init.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== init || !ts.isIdentifier(decl.name)) return [];
  return referencesTo(fn, decl as TS.VariableDeclaration & { name: TS.Identifier }).filter(keeps);
}

/**
 * The first key a tool's handler uses a collection by (`m.get(key)`, `m.set(key, v)`, `m[key]`) that
 * holds none of the session-id reads the rewrite replaces (sessionReadsIn): undefined when each does.
 */
function keysLeft(c: Collection, tools: readonly Registration[], facts: SessionFacts): { key: TS.Node; helper?: { name: string; param: string; read: string } } | undefined {
  const inside = (access: TS.Node, body: TS.Node) => access.pos >= body.pos && access.end <= body.end;
  const bodies = tools.flatMap((tool) => (tool.handler?.body ? [tool.handler.body] : []));
  for (const body of bodies) {
    const reads = sessionReadsIn(body, facts);
    for (const access of c.accesses) {
      const key = inside(access, body) ? accessKey(access) : undefined;
      if (key && !madeFromReads(key, reads, 3)) return { key };
    }
  }
  // Elsewhere (a helper the tools call): keyed by what the helper is handed (the handle, once the
  // tools hand it that), not by a session-id read of its own, which nothing rewrites (review 72:
  // `keyFor(extra)` that also records `lastSeen.set(id, ...)`).
  // (Its own parameters are what the tools hand it: `cartFor(sessionId)` is handed the handle.)
  const ownReads = new Map<TS.FunctionLikeDeclaration, TS.Node[]>();
  const readsOf = (fn: TS.FunctionLikeDeclaration) => {
    let reads = ownReads.get(fn);
    if (!reads) ownReads.set(fn, (reads = fn.body ? sessionReadsIn(fn.body, facts).filter((read) => !(ts.isIdentifier(read) && fn.parameters.some((p) => p === resolveIdentifier(read)))) : []));
    return reads;
  };
  for (const access of c.accesses) {
    // (Not the per-session cleanup step 5 removes, `carts.delete(transport.sessionId!)` on close, review 73.)
    const cleanup = cleanupAccess(access);
    const key = cleanup || bodies.some((body) => inside(access, body)) ? undefined : accessKey(access);
    const fn = key && enclosingFunction(access);
    const read = key && fn ? readsOf(fn).find((r) => madeFromReads(key, [r], 3)) : undefined;
    if (!key || !fn || !read) continue;
    // A named helper reading it from the handler's context it is handed (`currentGame(meta)`): said as such.
    const root = accessRoot(unwrap(fallenBackFrom(read) ?? read));
    const param = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
    const name = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
    const helper = param && ts.isParameter(param) && fn.parameters.includes(param) && name && ts.isIdentifier(name) ? { name: name.text, param: root.getText(), read: codeSnippet(read, 40) } : undefined;
    return { key, ...(helper ? { helper } : {}) };
  }
  return undefined;
}

/**
 * Whether an expression holds one of `reads`, or is a local made from one, a few locals deep
 * (`const sid = extra.sessionId; const key = sid ?? 'anon'`), by its initializer or by every value
 * a `let` is assigned (`let key; key = extra.sessionId ?? 'anon'`; review 72).
 */
function madeFromReads(expression: TS.Node, reads: readonly TS.Node[], depth: number): boolean {
  if (reads.some((read) => read.pos >= expression.pos && read.end <= expression.end && read.getSourceFile() === expression.getSourceFile())) return true;
  if (depth === 0) return false;
  // Only through what hands the id on as it is (review 73): a fallback to a constant, `!`, a cast,
  // `String(...)`; not an id found by it (`parentOf.get(sid) ?? sid`).
  const e = passedOnAsIs(expression);
  const decl = ts.isIdentifier(e) ? resolveIdentifier(e) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl)) return false;
  const values = heldValues(decl, enclosingFunction(decl) ?? decl.getSourceFile());
  return values.length > 0 && values.every((value) => madeFromReads(value, reads, depth - 1));
}

/** What an expression hands on as it is: inside a fallback to a constant (`id ?? 'anon'`), `String(id)`, `!` and casts. */
function passedOnAsIs(expression: TS.Node): TS.Node {
  let e = unwrap(expression);
  if (isFallback(e) && constantString(e.right) !== undefined) e = unwrap(e.left);
  if (ts.isCallExpression(e) && calleeName(e) === 'String' && e.arguments.length === 1) e = unwrap(e.arguments[0]);
  return e;
}

/**
 * A key helper that does nothing but hand back the session id (`return extra.sessionId ??
 * 'anonymous'`, through `!`, a cast or `String(...)`): its call can become the handle. Not one that
 * joins the id with more (`${sid}:${kind}`, two entries then collapsing into one) nor one with
 * other statements (what they do would be lost with the call; review 72).
 */
function returnsIdOnly(fn: TS.FunctionLikeDeclaration | undefined, facts: SessionFacts): boolean {
  const body = fn?.body;
  if (!body) return false;
  const last = ts.isBlock(body) ? body.statements[body.statements.length - 1] : undefined;
  const returned = ts.isBlock(body) ? (last && ts.isReturnStatement(last) ? last.expression : undefined) : body;
  if (!returned) return false;
  const e = passedOnAsIs(returned);
  // (After guards that throw where the id is missing, `if (!info.sessionId) throw new Error(...)`
  // (trial 78B B3): the handle the tool is then handed is never missing.)
  if (ts.isBlock(body) && !body.statements.slice(0, -1).every((statement) => throwsWithout(statement, e))) return false;
  return facts.isSessionIdRead(e) || (ts.isPropertyAccessExpression(e) && e.name.text === 'sessionId' && facts.isSessionId(e));
}

/**
 * Whether a statement only refuses the call where it finds `read` missing (`if (!info.sessionId)
 * throw ...`; session.ts's refusesWhenMissing), with no else and nothing else in its branch: a
 * guard that also records the call changes something of its own.
 */
function throwsWithout(statement: TS.Statement, read: TS.Node): boolean {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return false;
  if (ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length !== 1) return false;
  const text = read.getText();
  return refusesWhenMissing(statement, (n) => n.getText() === text);
}

/** Whether an identifier names a parameter of a function around it. */
function isParameterRef(id: TS.Identifier): boolean {
  const decl = resolveIdentifier(id);
  return !!decl && ts.isParameter(decl);
}

function serverReceiver(r: Registration): string {
  const callee = unwrap(r.call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : 'server';
}

/** `ioredis` when the project already uses it (and not `redis`), else the `redis` package. */
function projectRedisClient(dependencies: Readonly<Record<string, string>> = {}): RedisClient {
  return dependencies.ioredis && !dependencies.redis ? 'ioredis' : 'redis';
}

/**
 * The name of the tool fix adds to mint a handle (freeMintingToolName): `create_basket`, or, where
 * the file registers a tool of that name already, or another module registers one on the server
 * the file's tools go to (ctx.toolNamesOnItsServers, review 91 point 2), the next free one
 * (trial 72A B2: a second registerTool('create_basket') threw "already registered" on every request).
 */
function freeMintingTool(handle: string, facts: CodeInput['facts'], ctx: CodemodContext): string {
  // (The SDK's registrations, where fix adds its tool; a framework's own, which it only marks, keep the plain name.)
  const taken = new Set(facts.registrations.flatMap((r) => (r.name !== undefined && !r.shape && /^(tool|registerTool)$/.test(calleeName(r.call) ?? '') ? [r.name] : [])));
  for (const name of ctx.toolNamesOnItsServers?.() ?? []) taken.add(name);
  return freeMintingToolName(handle, taken);
}

/**
 * The types the file (and the modules it imports them from) imports from other modules of the run,
 * as the runner reads them (CodemodContext.importedType): each import is asked of from the module
 * that writes it (trial 76B B4: `Map<string, Draft>` with `interface Draft` in ./draft.ts).
 */
function importedTypes(sf: TS.SourceFile, ctx: CodemodContext): ImportedTypes | undefined {
  const ask = ctx.importedType;
  if (!ask) return undefined;
  const paths = new Map<TS.SourceFile, string>([[sf, ctx.path]]);
  return (from, specifier, name) => {
    const at = paths.get(from);
    const found = at === undefined ? undefined : ask(specifier, name, at);
    if (found) paths.set(found.decl.getSourceFile(), found.path);
    return found?.decl;
  };
}

/** The handle `--handle-name` names for a piece of state, noted as taken. */
function chosenHandle(ctx: CodemodContext, state: string): string | undefined {
  const name = Object.hasOwn(ctx.handleNames, state) ? ctx.handleNames[state] : undefined;
  if (name !== undefined) ctx.usedHandleNames?.add(state);
  return name;
}

/**
 * What explicit-handles moves under a handle in a file (its plans), and the markers for the session
 * state it leaves: the decision alone, which stateless-transport also asks for (handledStates).
 */
function statePlans({ text, sourceFile: sf, facts }: CodeInput, ctx: CodemodContext): { plans: StatePlan[]; markers: Array<{ pos: number; message: string; link: string }>; unclaimed: Collection[]; authPlans: RequestAuthPlan[] } {
  const markers: Array<{ pos: number; message: string; link: string }> = [];
  const plans: StatePlan[] = [];
  /** Maps that hold only each request's own credentials: read from each request instead, and removed (requestAuthPlan). */
  const authPlans: RequestAuthPlan[] = [];
  /** Module-level state that nothing stops moving but that no tool handler of this file uses: tools of other modules may (crossModuleUsers). */
  const unclaimed: Collection[] = [];
  const zName = zodIdentifier(sf) ?? 'z';
  const tools = facts.registrations.filter((r) => r.kind === 'tool' && r.handler?.body);
  const imported = importedTypes(sf, ctx);
  /** Per tool, the module-level collections whose entry it reaches through a local of its server's factory (Reason.entryOf): read once, when first asked. */
  let entriesOf: Map<Registration, Set<string>> | undefined;
  const reachesEntryOf = (tool: Registration, collection: string) =>
    (entriesOf ??= new Map(tools.map((r) => [r, new Set(statefulReasons(facts, r).flatMap((reason) => (reason.entryOf ? [reason.entryOf] : [])))]))).get(tool)?.has(collection) ?? false;
  // Where a handler's state is marked, not rewritten: what else its finding says, which a handle
  // does not fix, marked where it is done (its requests to the client, through helpers too).
  const markServerRequests = (handler: Registration) => {
    for (const reason of statefulReasons(facts, handler)) {
      if (reason.kind !== 'server-request' || !ts.isCallExpression(reason.node)) continue;
      markers.push({ pos: reason.node.getStart(sf), message: serverToClientMessage(calleeName(reason.node) ?? 'this call', unaskedYes(reason.node), ctx.target), link: SPEC_MRTR });
    }
  };

  // State this file uses but does not declare, left: the marker goes where it is used, at its first
  // use (the session-state finding's) and at the first in each other tool that uses it, whose own
  // stateful-tool finding it answers (trial 78B B5: the tools after the first had none).
  const markAtEachTool = (c: Collection, message: string) => {
    const at = new Set([c.reportNode.getStart(sf)]);
    for (const tool of tools) {
      if (c.reportNode.pos >= tool.handler!.pos && c.reportNode.end <= tool.handler!.end) continue;
      const sites = facts.usesOf(tool.handler!).sites.get(c) ?? [];
      if (sites.length > 0) at.add(Math.min(...sites.map((site) => site.getStart(sf))));
    }
    for (const pos of at) markers.push({ pos, message, link: SPEC_TOOLS });
  };
  // (Not a map of transports or servers in the text as read, which stateless-transport kept where
  // other code still uses it: it goes with the sessions, trial 76A B1.)
  const asRead = ctx.sessionMapsAsRead?.() ?? new Set<string>();
  const leftState = (c: Collection) => isSessionState(c, facts) && !asRead.has(c.name) && !authPlans.some((p) => p.collection === c);
  // State kept across modules that the run moves as a group (its checks made there, on every module
  // at once, whose facts say what this file's alone do not: the session id its helpers are handed).
  const acrossModules = (c: Collection) => {
    const cross = ctx.crossModuleStates?.get(c.name);
    return cross && (c.origin === 'external' ? cross.from !== undefined : cross.from === undefined && cross.declaredIn === ctx.path && isModuleVariable(c.decl)) ? cross : undefined;
  };
  for (const [name, cross] of ctx.crossModuleStates ?? []) {
    if (cross.from === undefined) {
      // The module that declares it: its declaration moves.
      const c = facts.collections.find((c) => c.name === name && acrossModules(c) === cross);
      if (!c) continue;
      chosenHandle(ctx, c.name);
      plans.push({ collection: c, decl: c.decl as TS.VariableDeclaration, ref: cross.state, handle: cross.handle, mintedBy: cross.mintedBy, users: [], cross });
      continue;
    }
    // A tools module: one plan per state, its users the tools that name it or a helper of it (as the run found them).
    if (name !== cross.state) continue;
    const named = [...ctx.crossModuleStates!].filter(([, other]) => other === cross).map(([n]) => n.replace(/\(\)$/, ''));
    const refs = sf.statements.flatMap((s) => (ts.isImportDeclaration(s) && s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) ? s.importClause.namedBindings.elements.filter((e) => named.includes(e.name.text)) : [])).flatMap((e) => referencesTo(sf, e as TS.ImportSpecifier & { name: TS.Identifier }));
    const users = tools.filter((r) => refs.some((ref) => enclosingFunction(ref) === r.handler));
    if (users.length === 0) continue;
    const c = facts.collections.find((c) => c.name === name && c.origin === 'external') ?? { reportNode: users[0].nameNode, decl: users[0].nameNode, name, origin: 'external' as const, valueKind: 'data' as const, sessionKeyed: true, typeEvidence: false, accesses: [] };
    plans.push({ collection: c, decl: c.decl as TS.VariableDeclaration, ref: cross.state, handle: cross.handle, mintedBy: cross.mintedBy, users, cross });
  }
  for (const c of facts.collections.filter((c) => leftState(c) && !acrossModules(c) && !plans.some((p) => p.collection === c))) {
    // Used only on the 2025 path of code that speaks both eras: kept for 2025 clients' sessions on purpose (as session-state says).
    if (!requestScopedKey(c) && usedOnlyOnLegacyPath(c)) continue;
    const moduleLevel = isModuleVariable(c.decl);
    const classField = ts.isPropertyDeclaration(c.decl) && !!c.decl.initializer && !c.decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    const ids = c.origin === 'declared' ? setOfSessionIds(c) : undefined;
    if (ids?.holder) {
      markers.push({ pos: c.reportNode.getStart(sf), message: `the sets ${ids.holder} keeps under its own keys hold MCP session ids (taken out here as ${c.name}): 2026-07-28 requests carry no session id to record, and explicit-handles cannot move membership into a shared store. Record what each entry needs by a handle the client passes (one the tool that adds it returns), in a store every instance reaches (a Redis set, say)`, link: SPEC_TOOLS });
      continue;
    }
    // Nothing but the credentials the SDK hands each request already (`sessionAuth.set(sid,
    // req.auth)`, read back by the tools under their session id), whatever its name: each read
    // becomes the handler's own (trial 77B B2). No handle: one would let whoever learns it act
    // with these credentials.
    const fromRequest = requestAuthPlan(c, facts, ctx.credentialMapsAsRead?.());
    if (fromRequest) {
      authPlans.push(fromRequest);
      continue;
    }
    const kind = stateKind(stateName(c));
    // The level a session asked for with logging/setLevel: 2026-07-28 requests ask for their own,
    // so no handle (of any shape) is the remedy; said as scan says it (trial 76B B5: the marker told
    // the user to key it by an explicit handle, where scan said to drop it). Named for logging,
    // typed as the SDK's LoggingLevel, or set by a logging/setLevel handler: not a game's `levels`.
    if (kind === 'log-levels' && (/log/i.test(c.name) || /\bLoggingLevel\b/.test(c.valueType ?? '') || facts.registrations.some((r) => r.method === 'logging/setLevel' && !!r.handler?.body && facts.usesOf(r.handler).collections.has(c)))) {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} keeps the log level each session asked for (logging/setLevel) under the MCP session id; 2026-07-28 removed logging/setLevel, and a level is nothing to keep under an explicit handle, so explicit-handles leaves it. ${STATE_KIND_ADVICE['log-levels']}`, link: SPEC_LOGGING });
      continue;
    }
    // Credentials a store of another module keeps by session (`sessionManager.getSession(sid).accessToken`): no handle either way.
    if (kind === 'auth' && c.origin === 'external') {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} binds credentials${c.credentials ? ` (${c.credentials.join(', ')})` : ''} to the MCP session id; 2026-07-28 requests carry no session, and a handle would let whoever learns it act with these credentials: read them from each request instead (its Authorization header; authInfo in the handler's context) and stop keeping them by session`, link: SPEC_TOOLS });
      continue;
    }
    // Another module's collection, imported here (trial 76B B2: it was said to be no module-level collection).
    const importedFrom = c.origin === 'external' && !c.helper ? importedCollection(c, ctx) : undefined;
    if (importedFrom) {
      markAtEachTool(c, `${c.name} is a collection of another module (${importedFrom}), keyed here by the MCP session id: explicit-handles moves such a collection together with the tools of the modules that use it only where each of them uses it in tool handlers, by a session-id read, and the tools keep no other state (a run decides for all of them at once), so it leaves it. Keep the collection in the same module as the tools that use it and run fix again, or give those tools an explicit handle argument and key ${c.name} by it in a shared store by hand`);
      continue;
    }
    // An object of a class the module makes at its top level, whose own field keeps the entries
    // (trial 78B B5: said to be no module-level collection, which it is).
    const instance = classInstanceOf(c, facts, ctx);
    if (instance) {
      const where = instance.where ? ` (${instance.where})` : '';
      const keeps = instance.field ? `, whose ${instance.noun} ${instance.field} keeps its entries under the MCP session id` : ', keyed by the MCP session id';
      markAtEachTool(c, `${c.name} is an object of class ${instance.cls}${where}${keeps}: explicit-handles rewrites a Map or object a module declares, not what an object of a class keeps in its fields, so it leaves it. Replace the object by a Map declared here and run fix again, or give the tools that use it an explicit handle argument and key ${c.name} by it in a shared store by hand`);
      continue;
    }
    if (c.origin !== 'declared' || !(moduleLevel || classField)) {
      const message = `${c.name} is keyed by the MCP session id in a shape explicit-handles cannot follow (not a module-level collection): give it an explicit handle argument and a shared store by hand`;
      if (c.origin === 'external') markAtEachTool(c, message);
      else markers.push({ pos: c.reportNode.getStart(sf), message, link: SPEC_TOOLS });
      continue;
    }
    if (requestScopedKey(c)) {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} keeps entries for one call under the MCP session id with its request id; 2026-07-28 requests carry no session id, so clients' equal JSON-RPC ids would share an entry: key it by an id unique to each call (a UUID made when the call starts). No handle is needed: the call does not outlive its request`, link: SPEC_TOOLS });
      continue;
    }
    if (kind === 'counter') {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} counts per session; 2026-07-28 has no sessions: key it by the authenticated principal (or client id) in a shared store such as Redis`, link: SPEC_TOOLS });
      continue;
    }
    if (kind === 'oauth-flow') {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} keeps OAuth flow state (a PKCE verifier) under the MCP session id; 2026-07-28 requests carry no session: key it by the flow's own state parameter, in a store every instance reaches (the callback may land on another one), and drop the session key`, link: SPEC_TOOLS });
      continue;
    }
    if (kind === 'client-identity') {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} keeps what initialize said about the client under the MCP session id; 2026-07-28 clients send no initialize and say who they are on every request: read it from each request's _meta envelope instead (io.modelcontextprotocol/clientInfo and clientCapabilities; ctx.mcpReq.envelope on the v2 packages) and drop this map`, link: SPEC_TOOLS });
      continue;
    }
    if (kind === 'auth') {
      markers.push({ pos: c.reportNode.getStart(sf), message: credentialsBySessionMessage(c.name), link: SPEC_TOOLS });
      continue;
    }
    if (ids) {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} is a set of MCP session ids (it holds whether each session is in, no values): explicit-handles cannot move that into a shared store. Keep the membership by handle in a shared store (a Redis set, say), or keep it on one instance and route each call by its handle, not by session (x-mcp-header on the handle argument lets a gateway do that)`, link: SPEC_TOOLS });
      continue;
    }
    // Keyed by the session id joined with more (`${sid}:${topic}`): the shared store keeps one
    // entry per handle, under the handle alone, so the rewritten key would fail every call (trial 51A).
    const joined = joinedSessionKey(c, facts);
    if (joined) {
      const instead = joined.constant
        ? `Key it by the session id alone (the constant part only names its entries) and run fix again`
        : `Keep one entry per session that holds what the rest of the key picks (an object by topic, say: ${c.name}.get(sessionId)?.[topic]) and run fix again`;
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} is keyed by the MCP session id joined with more (${joined.text}): under an explicit handle the shared store keeps one entry per handle, named by the handle alone, so explicit-handles leaves it. ${instead}, or give the tools a handle argument and a shared store by hand`, link: SPEC_TOOLS });
      continue;
    }
    // Records in a list that carry the session id and are searched by it (`history.filter((h) =>
    // h.sid === extra.sessionId)`, trial 61B B4): no entry is keyed, so there is none to key by a handle.
    if (heldInList(c, facts)) {
      markers.push({ pos: c.reportNode.getStart(sf), message: `${c.name} is a list of records that carry the MCP session id and are searched by it: explicit-handles rewrites state kept under the session id as a key (a Map or an object), not records in a list, so it leaves it. Keep each caller's records under an explicit handle in a shared store by hand (a handle one tool returns and the others take). ${meanwhile(c, facts, ctx)}`, link: SPEC_TOOLS });
      continue;
    }
    // Every reason that keeps it from moving, gathered, not the first found (trial 77A B3, 77B B3:
    // each run named one, the next shown only once that was dealt with, the one no run of fix gets
    // past last): one marker names them all, those first.
    const reasons: LeftReason[] = [];
    /** Tools whose requests to the client are marked where they are made (their state is marked, not rewritten). */
    const asking = new Set<Registration>();
    /** Markers at the tools themselves, after the state's own. */
    const atTools: typeof markers = [];
    // Paths of files the server makes on this instance's disk (trial 77A B1: a directory mkdtemp
    // made per session, moved under a handle and called safe): a shared store of the paths shares no file.
    const disk = localDiskPaths(c);
    if (disk) {
      reasons.push({ permanent: true, short: `it holds ${diskPaths(disk)}, which a shared store of the paths does not share`, full: `${c.name} is keyed by the MCP session id and holds ${diskPaths(disk)}, so explicit-handles does not move it under a handle; ${DISK_ADVICE}, and give those tools that handle argument by hand (${DISK_LOSS}). ${meanwhile(c, facts, ctx)}` });
    }
    const plain = valuesArePlain(c, sf, facts, imported);
    if (!plain.ok) reasons.push({ permanent: false, ...notPlainMarker(c.name, plain, meanwhile(c, facts, ctx), sf, c.valueClass, imported) });
    const users = tools.filter((r) => facts.usesOf(r.handler!).collections.has(c));
    if (users.length === 0) {
      // Read by a prompts/get or resources/read handler only: such a request takes no handle argument.
      const readers = facts.registrations.filter((r) => (r.kind === 'prompt' || r.kind === 'resource' || /^(prompts\/get|resources\/read)$/.test(r.method ?? '')) && r.handler?.body && facts.usesOf(r.handler).collections.has(c));
      // Tools passed through a wrapper of the file that reaches it (`withGame(logic)` loads the game under the session id).
      const wrapped = tools.filter((r) => r.wrapper?.fn.body && facts.usesOf(r.wrapper.fn).collections.has(c));
      // Tools that reach an entry of it through a local of the function that builds their server
      // (`const history = moves.get(sessionId) ?? []` in buildServer(sessionId)): not bookkeeping (trial 38A).
      const throughLocal = tools.filter((r) => reachesEntryOf(r, c.name));
      if (readers.length > 0) {
        const what = readers[0].method ?? `${readers[0].kind} ${readers[0].name ?? ''}`.trim();
        reasons.push({ permanent: true, short: `the ${what} handler reads it, and takes no handle argument`, full: `${c.name} is keyed by the MCP session id and read by the ${what} handler, which takes no handle argument: answer it the same for every request (what a tool chose for one conversation goes in that tool's own result, or under a handle the tools take), or key what it reads by the prompt's arguments or the resource URI in a shared store` });
      } else if (wrapped.length > 0) {
        const through = wrapped[0].wrapper!.name;
        reasons.push({ permanent: true, short: `${through ? `${through}()` : 'a wrapper'} keys it for the tools it wraps (${wrapped.map((r) => r.name).join(', ')}), and explicit-handles cannot rewrite through a wrapper`, full: `${c.name} is keyed by the MCP session id in ${through ? `${through}()` : 'a wrapper'}, which wraps the handler of ${wrapped.length === 1 ? 'tool' : 'tools'} ${wrapped.map((r) => r.name).join(', ')}; 2026-07-28 requests carry no session id, so every call finds nothing (or fails): explicit-handles cannot rewrite through a wrapper. Give ${wrapped.length === 1 ? 'the tool' : 'those tools'} a handle argument by hand (in ${wrapped.length === 1 ? 'its' : 'each'} input schema), have the wrapper read it from the arguments, and keep the state under it in a shared store` });
      } else if (XMCP_MODULE.test(text)) {
        // An xmcp tool file: the tool is its default export, which xmcp registers by the file's name.
        reasons.push({ permanent: true, short: 'it is used in an xmcp tool, which explicit-handles does not rewrite', full: `${c.name} is keyed by the MCP session id in an xmcp tool (this file's default export), which explicit-handles does not rewrite: give the tool a required handle argument in its schema by hand (one a tool mints and returns), read that instead of extra.sessionId, and keep ${c.name} under the handle in a store every instance reaches` });
      } else if (throughLocal.length > 0) {
        const names = throughLocal.map((r) => r.name).join(', ');
        reasons.push({ permanent: true, short: `${throughLocal.length === 1 ? 'tool' : 'tools'} ${names} reach its entry through a local of the function that builds their server, which explicit-handles does not rewrite`, full: `${c.name} is keyed by the MCP session id, and ${throughLocal.length === 1 ? 'tool' : 'tools'} ${names} reach its entry through a local of the function that builds their server; 2026-07-28 requests carry no session id, so every call finds the same entry or none: explicit-handles does not rewrite through such a local. Give ${throughLocal.length === 1 ? 'the tool' : 'those tools'} a handle argument by hand (in ${throughLocal.length === 1 ? 'its' : 'each'} input schema), look the entry up by it in each call, and keep ${c.name} in a shared store` });
      } else if (reasons.length === 0) {
        // (Not beside a reason found above: tools of other modules may use it, which is no reason of its own.)
        if (c.origin === 'declared' && moduleLevel && !ctx.keptStates?.has(c.name)) unclaimed.push(c);
        // Often bookkeeping of the sessions themselves (when each began, whether it exists), kept by the HTTP routes.
        reasons.push({ permanent: false, short: 'no tool handler of this file uses it', full: `${c.name} is keyed by the MCP session id and used by no tool handler of this file: if it only keeps track of the sessions (when each began, whether one exists), delete it with them (2026-07-28 has none); if tools reach it through other code, give it an explicit handle by hand` });
      }
      markers.push({ pos: c.reportNode.getStart(sf), message: leftMessage(c.name, reasons), link: SPEC_TOOLS });
      continue;
    }
    // A list handler that answers from it: the list varies per session, and no handle fixes
    // that (list requests take no arguments of the application's).
    const lists = facts.registrations.filter((r) => r.kind === 'request' && LIST_METHODS.has(r.method ?? '') && r.handler?.body && facts.usesOf(r.handler).collections.has(c));
    if (lists.length > 0) {
      reasons.push({ permanent: true, short: `the ${lists[0].method} handler answers from it, and lists must be the same for every request`, full: `${c.name} is keyed by the MCP session id and the ${lists[0].method} handler answers from it: that list varies per session, and 2026-07-28 lists must be the same for every request (they may vary by the request's auth only). Serve one list to everyone, and check in the handler that runs an entry whether this caller may use it` });
      users.forEach((u) => asking.add(u));
    }
    // (Not a tool that resets what the session has, `clear_cart` setting `[]`: it acts on the
    // caller's state, which its handle names; trial 63A B1 made "Empty your cart" mint a new cart.)
    const creators = users.filter((r) => onlyCreates(r, c) && !namedReset(r.name ?? ''));
    const creator = creators.length === 1 && users.length > 1 ? creators[0] : undefined;
    // (Noted as used, as before reasons were gathered, only where nothing above stopped it: a state
    // left for its values is one --handle-name named in vain, said so, trial 76B B3.)
    const chosen = reasons.length === 0 ? chosenHandle(ctx, c.name) : Object.hasOwn(ctx.handleNames, c.name) ? ctx.handleNames[c.name] : undefined;
    const handle = chosen ?? freeHandle(handleForMinter(creator?.name) ?? handleNameFor(c.name), users, initialValue(c) === '[]');
    // A name `--handle-name` chose that a tool of the state already takes as an argument of its own
    // (`carts=sku` beside add_item's `sku`, trial 72A B3): one argument cannot be both the item and the cart.
    const clashing = chosen === undefined ? [] : takingArgument(users, chosen);
    if (clashing.length > 0) {
      reasons.push({
        permanent: false,
        short: `--handle-name names its handle ${chosen}, which ${clashing.map(toolLabel).join(', ')} already ${clashing.length === 1 ? 'takes' : 'take'} as an argument of ${clashing.length === 1 ? 'its' : 'their'} own`,
        full: `${c.name} is keyed by the MCP session id; --handle-name ${c.name}=${chosen} names its handle ${chosen}, but ${clashing.map(toolLabel).join(', ')} already ${clashing.length === 1 ? 'takes' : 'take'} ${chosen} as an argument of ${clashing.length === 1 ? 'its' : 'their'} own, which cannot also be the handle, so explicit-handles left it unchanged: choose another name (without --handle-name it would be ${freeHandle(handleForMinter(creator?.name) ?? handleNameFor(c.name), users, initialValue(c) === '[]')})`,
      });
      users.forEach((u) => asking.add(u));
    }
    const mintedBy = creator?.name ?? freeMintingTool(handle, facts, ctx);
    // All or nothing: if one user's schema or arguments cannot take the handle, migrating the
    // state for the others would break that tool at run time. Mark instead.
    // A tool registered through a helper of the file: its schema is the helper's, shared by every tool it registers.
    // One written as an object of a list registered in a loop: its schema is the loop's call's (every object's).
    const blocked = users.filter((u) => u.fromList || (u !== creator && (u.viaWrapper || !addHandleToSchema(u, handle, mintedBy, sf, [], zName))));
    if (blocked.length > 0) {
      const named = blocked.map(toolLabel);
      // Registered through a framework's own API: no run of fix extends those, so the marker asks
      // for the whole change (trial 20C).
      const via = new Map(blocked.map((b) => [b, frameworkRegistration(b)]));
      const foreign = [...new Set([...via.values()].filter((v) => v !== undefined))];
      const taking = blocked.filter((b) => declaresArgument(b, handle));
      if (foreign.length > 0) {
        const lacking = blocked.filter((b) => !taking.includes(b));
        const what =
          lacking.length === 0
            ? `${blocked.length === 1 ? 'it already takes' : 'they already take'} ${handle}: by hand, key ${c.name} by that argument instead of the session id, and keep it in a shared store`
            : `by hand, give ${lacking.map(toolLabel).join(', ')} a required ${handle} argument (minted by a ${mintedBy} tool)${taking.length > 0 ? ` as ${taking.map(toolLabel).join(', ')} already ${taking.length === 1 ? 'has' : 'have'}` : ''}, key ${c.name} by it, and keep it in a shared store`;
        reasons.push({ permanent: true, short: `${named.join(', ')} ${blocked.length === 1 ? 'is' : 'are'} registered with ${foreign.join(', ')}, which explicit-handles does not rewrite: ${what}`, full: `${c.name} is keyed by the MCP session id; explicit-handles rewrites only the SDK's tool() and registerTool() registrations, and ${named.join(', ')} ${blocked.length === 1 ? 'is' : 'are'} registered with ${foreign.join(', ')}; ${what}` });
      } else {
        const where = blocked.some(lowLevel) ? `the tools it serves by hand (their schemas are in the tools/list handler), minted by a ${mintedBy} tool, and key ${c.name} by it in a shared store` : `there (and a ${mintedBy} tool that mints it)`;
        // (A low-level tools/call handler serves every tool: no run of fix gets past it, so no "run fix again".)
        const full = blocked.some(lowLevel)
          ? `${c.name} is keyed by the MCP session id; explicit-handles left it unchanged because it cannot extend the input schema of ${named.join(', ')}, which no run of fix gets past: add a required ${handle} argument to ${where}`
          : `${c.name} is keyed by the MCP session id; explicit-handles left it unchanged because it cannot extend the input schema of ${named.join(', ')}: add a required ${handle} argument there (and a ${mintedBy} tool that mints it), then run fix again`;
        reasons.push({ permanent: true, short: `it cannot extend the input schema of ${named.join(', ')}, which no run of fix gets past: add a required ${handle} argument to ${where}`, full });
      }
      for (const b of blocked) {
        const api = via.get(b);
        const message = api
          ? taking.includes(b)
            ? `this tool already takes ${handle}: key ${c.name} by it instead of the MCP session id (explicit-handles does not rewrite ${api} registrations)`
            : `give this tool a required ${handle} argument, minted by a ${mintedBy} tool, and key ${c.name} by it (explicit-handles does not rewrite ${api} registrations)`
          : `add a required ${handle} argument to the input schema of ${lowLevel(b) ? 'the tools this handler serves (their schemas are in the tools/list handler)' : 'this tool'}, minted by a ${mintedBy} tool (fix adds it once it can extend every tool that uses ${c.name})`;
        atTools.push({ pos: b.nameNode.getStart(sf), message, link: SPEC_TOOLS });
        asking.add(b);
      }
    }
    const decl = c.decl as TS.VariableDeclaration | TS.PropertyDeclaration;
    // Shared state keyed by a handle is reachable only inside a tool call that names its handle:
    // a use anywhere else (an admin route's `carts.size`) would fail at run time. Mark instead.
    // (Not its uses in a list handler that answers from it: named above, once, trial 77A B3.)
    const inList = (n: TS.Node) => lists.some((r) => n.pos >= r.handler!.pos && n.end <= r.handler!.end);
    const uses = collectionUses(decl, sf).filter((use) => !inList(use));
    const outside = useOutsideTools(uses, users, facts);
    // Used whole by a tool (`notes.size` in a stats tool): under handles each entry is one
    // conversation's, in a store no call can count or list whole; rewritten, that tool would
    // fail at run time while tsc passes (trial 31C).
    const whole = outside ? undefined : uses.find((use) => wholeCollectionUse(use as TS.Expression));
    if (whole) {
      const tool = users.find((r) => r.handler && whole.pos >= r.handler.pos && whole.end <= r.handler.end);
      reasons.push({
        permanent: false,
        short: `it is also used whole (${useText(whole)}${tool ? ` in ${toolLabel(tool)}` : ''}), which no call can do under handles`,
        full: `${c.name} is keyed by the MCP session id and also used whole (${useText(whole)}${tool ? ` in ${toolLabel(tool)}` : ''}): under explicit handles each entry is one conversation's, kept in a shared store under its handle, which no call can count, list or clear whole, so explicit-handles leaves it. Decide what that use means without sessions (a count kept in the shared store, or none), then give the tools a handle argument by hand`,
      });
      // (Its tools' requests to the client are marked where they are made, as for a blocked tool: trial 69A B2.)
      users.forEach((u) => asking.add(u));
    }
    // (Work outside the tools that changes the entries later, a module-level timer advancing each
    // job: that is the reason to give, trial 78A B1.)
    const timer = outside && changedOutsideCalls(c, outside);
    if (timer) {
      reasons.push({ permanent: false, short: `its entries are changed outside any tool call, after the calls that made them returned, by ${codeSnippet(timer, 50)} in ${whereUsed(timer, sf)}`, full: `${c.name} is keyed by the MCP session id, and its entries are changed outside any tool call, after the calls that made them returned, by ${codeSnippet(timer, 50)} in ${whereUsed(timer, sf)}: under explicit handles a handle's value lives in the shared store, loaded into a call that names the handle and saved when its handler returns, so that work would neither reach nor change it, and explicit-handles leaves it. Have that work read and write each entry in the shared store under its handle (or do it within the calls), then give the tools a handle argument by hand` });
      users.forEach((u) => asking.add(u));
    } else if (outside) {
      reasons.push({ permanent: false, short: `it is also used outside the tools that take it (${useText(outside)}, in ${whereUsed(outside, sf)}), where no handle reaches`, full: `${c.name} is keyed by the MCP session id, and is also used outside the tools that take it (${useText(outside)}, in ${whereUsed(outside, sf)}): explicit-handles left it unchanged, because once it is keyed by a handle only a tool call naming that handle can reach it. Give those tools an explicit handle argument and a shared store by hand, and decide what that other use needs (a count kept in the store, say)` });
      users.forEach((u) => asking.add(u));
    }
    // Used by another module of the run where no tool call naming a handle reaches it, and left
    // there by this run (a cleanup in a transport this run keeps sessionful, an admin route): the
    // run found it on an earlier pass (trial 76B B1: `carts.delete(id)` threw once carts was moved).
    const elsewhere = ctx.keptStates?.get(c.name);
    if (elsewhere !== undefined) {
      reasons.push({ permanent: false, short: `another module uses it where no tool call naming a handle reaches it (${elsewhere})`, full: `${c.name} is keyed by the MCP session id, and another module uses it where no tool call naming a handle reaches it (${elsewhere}), which this run leaves as it is: explicit-handles left ${c.name} unchanged, because once it is keyed by a handle that use would throw. Remove that use (a cleanup when a session closes can go: entries under a handle expire) or move it into a tool, then run fix again` });
      users.forEach((u) => asking.add(u));
    }
    // Changed by work the handler leaves running (a timer, a listener, a promise it does not
    // await): the shared store keeps what the handler left when it returned (trial 52A).
    const later = changedAfterReturn(c, users);
    if (later) {
      const what = later.changes ? 'changes its entries' : 'reaches it';
      reasons.push({
        permanent: false,
        short: `${toolLabel(later.tool)} leaves work running that ${what} after the call returns (${codeSnippet(later.node, 50)})`,
        full: later.changes
          ? `${c.name} is keyed by the MCP session id, and ${toolLabel(later.tool)} leaves work running that changes its entries after the call returns (${codeSnippet(later.node, 50)}): under explicit handles a handle's value is saved to the shared store once, when the handler returns, so what that work changes later would never reach the store (a job polled there would stay as the handler left it), and explicit-handles leaves it. Have that work write the shared store under the handle itself (or finish it within the call), then give the tools a handle argument by hand`
          : `${c.name} is keyed by the MCP session id, and ${toolLabel(later.tool)} leaves work running that reaches it after the call returns (${codeSnippet(later.node, 50)}): under explicit handles the shared store keeps what a handler left when it returned, so changes made later would never reach it (and reads made later would not see the handle's entry), and explicit-handles leaves it. Have that work read and write the shared store under the handle itself (or finish it within the call), then give the tools a handle argument by hand`,
      });
      users.forEach((u) => asking.add(u));
    }
    // Read again in a loop that awaits, to leave it when another call has changed it (a cancel
    // flag, a poll for the next turn): under explicit handles calls on one handle run one after
    // another, so that other call waits for this one to end (trial 57A B5).
    const waiting = waitsForAnotherCall(c, users);
    if (waiting) {
      reasons.push({
        permanent: false,
        short: `${toolLabel(waiting.tool)} reads it again in a loop that awaits (${codeSnippet(waiting.node, 50)}) while another tool changes it`,
        full: `${c.name} is keyed by the MCP session id, and ${toolLabel(waiting.tool)} reads it again in a loop that awaits (${codeSnippet(waiting.node, 50)}) while another tool changes it: under explicit handles calls on one handle run one after another, so where the loop waits for that change (a cancel flag, say) the other call would wait until this one ends, or fail as busy, and explicit-handles leaves it. Keep such a flag where the running call can see it without the handle's turn (a key of its own in the shared store, read directly), then give the tools a handle argument by hand`,
      });
    }
    // Each key a tool looks it up by must be a session-id read the rewrite turns into the handle:
    // one it cannot see (an id made some other way) would stay, and the handle store, which loads
    // only the call's own handle, would refuse it on every call (trial 56A B1).
    const unfollowed = keysLeft({ ...c, accesses: c.accesses.filter((a) => !inList(a)) }, creator ? [creator, ...users] : users, facts);
    if (unfollowed?.helper) {
      // Read by a helper of the file from the handler's context it is handed (`currentGame(meta)`
      // reading `games[meta.sessionId]`, trial 77B B3: said to come from the importing modules).
      const { name, param, read: key } = unfollowed.helper;
      reasons.push({
        permanent: false,
        short: `the tools read its key through ${name}(${param}), a helper that takes the handler's context and reads ${key} itself (hand it ${param}.sessionId instead, or inline it)`,
        full: `${c.name} is keyed by the MCP session id, and the tools read the key through ${name}(${param}), a helper that takes the handler's context and reads ${key} itself: explicit-handles turns the session-id reads of tool handlers into the handle, not those of a helper, so it left ${c.name} unchanged. Have each tool hand the helper the id instead (${name}(${param}.sessionId), the helper keying ${c.name} by its parameter), or inline the helper, then run fix again`,
      });
    } else if (unfollowed) {
      // (Keyed by the session's transport object, which no session-id read gives: trial 78B B1.)
      const what = c.keyedByTransport ? ", the session's transport object, not a read of its id," : ',';
      reasons.push({ permanent: false, pos: unfollowed.key.getStart(sf), short: `it is keyed by ${codeSnippet(unfollowed.key, 50)}${what} which explicit-handles cannot turn into the handle`, full: `${c.name} is keyed here by ${codeSnippet(unfollowed.key, 50)}${what} which explicit-handles cannot turn into the handle: it left ${c.name} unchanged. Give the tools an explicit handle argument and key ${c.name} by it in a shared store by hand` });
    }
    if (reasons.length > 0) {
      markers.push({ pos: reasons.length === 1 && reasons[0].pos !== undefined ? reasons[0].pos : c.reportNode.getStart(sf), message: leftMessage(c.name, reasons), link: SPEC_TOOLS });
      // (One such marker per tool: a tool another state of the file already marked to take a handle
      // is not told to take a second one, under another name; the state's own marker says it.)
      markers.push(...atTools.filter((t) => !markers.some((m) => m.pos === t.pos)));
      asking.forEach(markServerRequests);
      continue;
    }
    const ref = ts.isPropertyDeclaration(decl) ? `this.${decl.name.getText(sf)}` : c.name;
    plans.push({ collection: c, decl, ref, handle, mintedBy, users: users.filter((u) => u !== creator), creator });
  }
  // The rewrite turns a tool's session-id reads into the handle, except those that key state it
  // leaves (feedsForeign below); a read held in a local that keys both (`const sid =
  // extra.sessionId!` for `notes.get(sid)` and `jobs.set(sid, ...)`) cannot be both: rewritten,
  // it would key the left map by the handle there and by the session id elsewhere (trial 62A B1:
  // the status tool never found the job). Leave the state such a tool keys through that local too.
  for (let i = 0; i < plans.length; ) {
    const plan = plans[i];
    // (Not state kept across modules: the run decided it for the group, whose tools key no other state.)
    const shared = plan.cross ? undefined : sharedKeyRead(plan, plans, facts, leftState);
    if (!shared) {
      i++;
      continue;
    }
    plans.splice(i, 1);
    i = 0;
    markers.push({
      pos: plan.collection.reportNode.getStart(sf),
      message: `${plan.collection.name} is keyed by the MCP session id, and ${toolLabel(shared.tool)} keys it and ${shared.other.name}, which explicit-handles leaves, by the same ${codeSnippet(shared.read, 40)}: giving the tool a handle would key ${shared.other.name} by the handle there and by the session id elsewhere, so it leaves ${plan.collection.name} too. Deal with ${shared.other.name} first (see its marker), or key each by its own expression, then run fix again`,
      link: SPEC_TOOLS,
    });
  }
  return { plans, markers, unclaimed, authPlans };
}

/**
 * The session state explicit-handles moves under a handle in this file, by name (none under
 * --safe-only, where it moves nothing). stateless-transport asks, to let go of a session callback's
 * cleanup of such state with the callback: explicit-handles removes that cleanup in the same run
 * (handles expire by TTL instead), so it is no work a person must place (trial 68C B2).
 */
export function handledStates(input: CodeInput, ctx: CodemodContext): ReadonlySet<string> {
  const { moved, fromRequest } = handedStates(input, ctx);
  return new Set([...moved, ...fromRequest]);
}

/**
 * handledStates, in two: the states moved under a handle (`moved`), and the maps of each request's
 * own credentials that go (`fromRequest`, requestAuthPlan), whose stores (`sessionAuth.set(sid,
 * req.auth)` in onsessioninitialized) are the same rewrite's to remove, as their cleanup is.
 */
export function handedStates(input: CodeInput, ctx: CodemodContext): { moved: ReadonlySet<string>; fromRequest: ReadonlySet<string> } {
  // (None where this run moves nothing: --safe-only, or --codemods without explicit-handles, review 87.)
  if (!ctx.allows('review') || (ctx.codemodsInRun && !ctx.codemodsInRun.has('explicit-handles'))) return { moved: new Set(), fromRequest: new Set() };
  // (Asking takes no handle name: the run's own explicit-handles notes those it uses.)
  const { plans, authPlans } = statePlans(input, { ...ctx, usedHandleNames: undefined });
  return { moved: new Set(plans.map((p) => p.collection.name)), fromRequest: new Set(authPlans.map((p) => p.collection.name)) };
}

/**
 * Where a collection of another module that this file keys comes from, when it is imported from a
 * module of the run by its own name (`orders` of `import { orders } from '../state.js'`): the file
 * that declares it where the run's modules tell it (`src/state.ts`, also through a barrel), else the
 * specifier.
 */
function importedCollection(c: Collection, ctx: CodemodContext): string | undefined {
  const at = unwrap(c.decl as TS.Expression);
  const root = accessRoot(ts.isCallExpression(at) ? at.expression : at);
  const from = ts.isIdentifier(root) && root.text === c.name.split('.')[0] ? importOf(root) : undefined;
  if (!from || !isRunSpecifier(from.module)) return undefined;
  // (The module that declares it, past a barrel that re-exports it: review 95.)
  const file = (ctx.modules && importedDeclaration(root as TS.Identifier, ctx.path, ctx.modules)?.module.path) ?? ctx.modules?.resolve(ctx.path, from.module)?.path;
  return file ? `declared in ${file}` : `imported from ${from.module}`;
}

/**
 * Where state keyed by the session id is an object the module makes of a class at its top level
 * (`export const workspaces = new SessionStore<Workspace>()`, trial 78B B5), what keeps its entries:
 * the class, the module that writes it (none for the file's own), and its collection the calls
 * reach, as stateful-tool names it (`data`, a Map: instanceCall's touches). Undefined for anything else.
 */
function classInstanceOf(c: Collection, facts: SessionFacts, ctx: CodemodContext): { cls: string; where: string; field?: string; noun?: string } | undefined {
  if (c.origin !== 'external' || !c.declaredHere || c.helper) return undefined;
  const at = unwrap(c.decl as TS.Expression);
  const root = accessRoot(ts.isCallExpression(at) ? at.expression : at);
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  const made = isModuleVariable(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!made || !ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return undefined;
  const own = resolveIdentifier(made.expression);
  const local = own && ts.isClassDeclaration(own) ? own : undefined;
  const imported = local || !ctx.modules ? undefined : importedClassAt(made.expression, ctx.path, ctx.modules);
  const specifier = local || imported ? undefined : importOf(made.expression)?.module;
  const where = local ? 'of this module' : imported ? `written in ${imported.module.path}` : specifier === undefined ? '' : isRunSpecifier(specifier) ? `imported from ${specifier}` : `of package ${specifier}`;
  // (Its calls on the object, each the way stateful-tool follows it: the first collection one reaches.)
  for (const access of c.accesses) {
    if (!ts.isCallExpression(access)) continue;
    const receiver = accessRoot(access.expression);
    if (!ts.isIdentifier(receiver) || resolveIdentifier(receiver) !== decl) continue;
    const found = local ? instanceCall(access, local, facts.ownModule) : imported && instanceCall(access, imported.cls, imported.module);
    const touch = found?.touches.find((t) => t.state.noun !== 'setting');
    if (touch) return { cls: made.expression.text, where, field: touch.state.name.slice(touch.state.name.lastIndexOf('.') + 1), noun: touch.state.noun };
  }
  return { cls: made.expression.text, where };
}

/**
 * The states `--handle-name` names that this file's explicit-handles looked at and left, each with
 * the marker on it that says why (trial 76B B3: the run said to name the variable that holds the
 * state, which the user had done): ctx.refusedHandleNames.
 */
function noteRefusedHandleNames(plans: readonly StatePlan[], markers: ReadonlyArray<{ pos: number; message: string }>, { sourceFile: sf, facts }: CodeInput, ctx: CodemodContext): void {
  if (!ctx.refusedHandleNames) return;
  for (const state of Object.keys(ctx.handleNames)) {
    if (plans.some((p) => p.collection.name === state)) continue;
    const c = facts.collections.find((c) => c.name === state && isSessionState(c, facts));
    const marker = c && markers.find((m) => m.pos === c.reportNode.getStart(sf));
    // (Without what the state does meanwhile: the marker says that.)
    if (marker) ctx.refusedHandleNames.set(state, { file: ctx.path, reason: marker.message.replace(` ${MEANWHILE}`, '').replace(` ${MEANWHILE_FAILS}`, '') });
  }
}

export const explicitHandles: CodeCodemod = {
  kind: 'code',
  id: 'explicit-handles',
  title: 'Explicit handles for session-keyed tool state, kept in a shared store',
  target: 'any',
  resolves: ['session-state', 'stateful-tool'],
  keywords: ['sessionid', 'mcp-session-id'],
  transform(input, ctx: CodemodContext) {
    const { text, sourceFile: sf, facts } = input;
    const edits: TextEdit[] = [];
    const changes: Change[] = [];
    const { plans, markers, authPlans } = statePlans(input, ctx);
    noteRefusedHandleNames(plans, markers, input, ctx);
    // Once per file: the quote style and the zod import's name do not change between states.
    const q = quoteStyle(text);
    const zName = zodIdentifier(sf) ?? 'z';
    // Moving state into the shared store is a change to review (its declaration's is): under
    // --safe-only none of it is made, not the safe half of it (trial 19C). Nor are the reads of
    // each request's own credentials: such a map is marked as before.
    if (!ctx.allows('review')) for (const p of authPlans) markers.push({ pos: p.collection.reportNode.getStart(sf), message: credentialsBySessionMessage(p.collection.name), link: SPEC_TOOLS });
    if ((plans.length === 0 && authPlans.length === 0) || !ctx.allows('review')) {
      return { text, changes, markers: markers.map((m) => ({ line: lineOf(sf, m.pos), message: m.message, link: m.link })) };
    }

    const typed = /\.(ts|tsx|mts|cts)$/.test(ctx.path);

    // State keyed by the same session id belongs to one conversation: one handle for all of it,
    // named after the state most of its tools use (the primary), minted once, required by every
    // user; but state a tool of its own creates, and what its tools use with it, takes a handle of
    // its own (handleGroups: a new game must not drop the language another tool set, trial 53A).
    const owned = new Set(plans.map((p) => p.collection));
    // (With the locals that held the session id for them alone, which go: `const sid = extra.sessionId!;`.)
    const authReads = authPlans.flatMap((p) => [...p.reads.map((read) => read.node), ...p.locals]);
    const withStore = { users: false, creator: false, minted: false, declared: false };
    // (State kept across modules: a group of its own by handle, with the handle and minting tool the run chose for every module.)
    const acrossModules = new Map<string, StatePlan[]>();
    for (const p of plans) if (p.cross) acrossModules.set(p.handle, [...(acrossModules.get(p.handle) ?? []), p]);
    const groups = [...handleGroups(plans.filter((p) => !p.cross), (p) => chosenHandle(ctx, p.collection.name)), ...acrossModules.values()];
    for (const group of groups) {
      group.sort((a, b) => b.users.length - a.users.length);
      const primary = group[0];
      const cross = primary.cross;
      const creator = primary.creator;
      const handle = cross?.handle ?? groupHandle(group, (p) => chosenHandle(ctx, p.collection.name));
      const mintedBy = cross?.mintedBy ?? creator?.name ?? freeMintingTool(handle, facts, ctx);
      const groupRefs = [...new Set(group.map((p) => p.ref))];
      const refs = groupRefs.length === 1 ? groupRefs[0] : `[${groupRefs.join(', ')}]`;
      const users: Registration[] = [];
      for (const p of group) for (const u of [...p.users, ...(p.creator && p.creator !== creator ? [p.creator] : [])]) if (u !== creator && !users.includes(u)) users.push(u);
      if (users.length > 0) withStore.users = true;
      if (creator) withStore.creator = true;
      else if (!cross || cross.mint) withStore.minted = true;

      for (const plan of group) {
        const c = plan.collection;
        // (A tools module's use of state declared in another: its declaration is rewritten there.)
        if (plan.cross?.from !== undefined) continue;
        withStore.declared = true;
        // 1. The declaration: an in-memory map becomes handle-keyed shared state.
        const typeArg = typed && c.valueType ? `<${c.valueType.replace(/\s*\|\s*undefined$/, '')}>` : '';
        const declEnd = ts.isPropertyDeclaration(plan.decl) ? plan.decl.initializer!.getEnd() : plan.decl.getEnd();
        const from = ts.isPropertyDeclaration(plan.decl) && plan.decl.type ? plan.decl.type.getEnd() : plan.decl.name.getEnd();
        edits.push({ start: from, end: declEnd, text: inQuotes(` = handleState${typeArg}('${c.name.replace(/^#/, '')}')`, q) });
        // A JSDoc tag that only typed the map goes with the map, as a TypeScript annotation does.
        const tag = typed ? undefined : typeOnlyJsDoc(plan.decl, sf);
        if (tag) edits.push(tag);
        changes.push({ line: lineOf(sf, plan.decl.getStart(sf)), description: `${c.name} now lives in the shared mcp-state store, keyed by ${handle} (Redis when MCP_STATE_URL is set)`, safety: 'review' });
      }

      // 2. Minting: reuse the creator, or generate create_<noun>.
      const initial = cross ? (cross.mint?.initial ?? 'null') : initialValue(primary.collection, importedTypes(sf, ctx));
      if (cross && (!cross.mint || users.length === 0)) {
        // (Across modules the minting tool is added once, by the tools module the run chose.)
      } else if (creator) {
        const takers = users.flatMap((u) => (u.name ? [u.name] : []));
        const documented = documentMinting(creator, handle, takers, sf, edits, q);
        // Its result now carries the handle in structuredContent: an output schema must list it,
        // or clients that check the result against it reject every call (trial 60A B1).
        const output = outputSchemaOf(creator);
        const describe = takers.length ? `Pass it to ${takers.join(', ')}` : `Handle of the new ${handle.replace(/_id$/, '').replace(/_/g, ' ')}`;
        // One with none gets one, as the create_* tool made below does (trial 70A): every result
        // mintingHandle lets through carries the handle; a tool error, which it returns as it is, is not checked against it.
        const listed = output !== undefined ? extendObjectSchema(output, handle, describe, sf, edits, zName, q) : addOutputSchema(creator, `${handle}: ${zName}.string().describe(${q}${describe}${q})`, sf, edits, zName);
        if (output && !listed) {
          markers.push({ pos: creator.nameNode.getStart(sf), message: `${mintedBy}'s outputSchema does not list ${handle}, which its result now carries in structuredContent: add ${handle} (a string) to it, or clients that check a result against its tool's output schema (the SDK's do) reject every call of ${mintedBy}`, link: SPEC_TOOLS });
        }
        changes.push({ line: lineOf(sf, creator.call.getStart(sf)), description: `${mintedBy} mints ${handle} (it already created ${primary.collection.name})${documented ? '; its description says so' : ''}${listed ? `; its outputSchema lists ${handle}` : ''}; each call of it now starts anew under a new ${handle}, where a second call used to change what the first made for the session`, safety: 'review' });
      } else {
        const first = users[0];
        let statement: TS.Node = first.call;
        while (!ts.isExpressionStatement(statement) && statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
        const anchor = ts.isExpressionStatement(statement) ? statement : first.call;
        const indent = indentAt(text, anchor.getStart(sf));
        const names = cross ? [...cross.users] : users.map((u) => u.name).filter(Boolean);
        const thing = handle.replace(/_id$/, '').replace(/_/g, ' ');
        // A list per conversation (`todos` → todo_id): one handle holds the whole list, so the model
        // calls the tool once, not once per item (trial 57A B6: "Create a new todo" invited a new,
        // empty list for every todo). A conventional container (a basket) says so by its name.
        const list = initial === '[]' && !namesContainer(handle) ? ` One ${handle} holds a whole list: call ${mintedBy} once, not once per item.` : '';
        const description = `Create a new ${thing} and return its ${handle}. Pass ${handle} to ${names.join(', ')}.${list} It expires after 24 hours without use.`;
        const receiver = serverReceiver(first);
        // (Handed the call's context, the handle is bound to the caller's credentials where it has
        // some, as a handle minted through mintingHandle is: 77B B6.)
        const mint = `mintHandle(${primary.ref}, { handle: ${q}${handle}${q}, initial: ${initial}, description: ${q}Created ${thing}.${q} }, extra)`;
        // Its result carries the handle in structuredContent (mintHandle): the output schema says so,
        // as the revision's own create_basket does (trial 66A). (The older tool() has no place for one.)
        const outputProp = `${handle}: ${zName}.string().describe(${q}Pass it to ${names.join(', ')}${q})`;
        const output = servesBothEras(sf.text) ? `${zName}.object({ ${outputProp} })` : `{ ${outputProp} }`;
        const registration =
          calleeName(first.call) === 'registerTool'
            ? `${receiver}.registerTool(${q}${mintedBy}${q}, { description: ${q}${description}${q}, outputSchema: ${output} }, async (extra) => ${mint});`
            : `${receiver}.tool(${q}${mintedBy}${q}, ${q}${description}${q}, async (extra) => ${mint});`;
        const at = lineStart(text, startWithLeadingComments(anchor, sf));
        edits.push({ start: at, end: at, text: `${indent}${registration}\n\n` });
        changes.push({ line: lineOf(sf, anchor.getStart(sf)), description: `added tool ${mintedBy}, which mints ${handle}`, safety: 'safe' });
      }

      // 3. Every tool that uses the state requires the handle.
      for (const r of users) {
        addHandleToSchema(r, handle, mintedBy, sf, edits, zName, q);
        const names = group.map((p) => p.collection.name).join(', ');
        // (A tool that ran before anything was made for the session, reading an entry it may lack:
        // requiring the handle makes the minting tool a must for it; trial 78B B2.)
        const touched = group.filter((p) => p.collection.accesses.some((a) => r.handler?.body && a.pos >= r.handler.body.pos && a.end <= r.handler.body.end));
        const optional = touched.length > 0 && touched.every((p) => ranWithoutEntry(r, p.collection));
        changes.push(
          optional
            ? { line: lineOf(sf, r.call.getStart(sf)), description: `tool ${r.name} requires ${handle} (documented in its input schema) and keys ${names} by it; it used to run where ${mintedBy} had made nothing (a missing entry was no error for it), so a call of it without ${handle} now fails: make ${handle} optional for it by hand if it must still run without ${mintedBy}`, safety: 'review', madeRequired: { tool: r.name ?? '', handle, mintedBy } }
            : { line: lineOf(sf, r.call.getStart(sf)), description: `tool ${r.name} requires ${handle} (documented in its input schema) and keys ${names} by it`, safety: 'safe' },
        );
      }

      // 4. Handlers: the session-id reads become the handle; the handler is wrapped (the creator's mints it).
      const rewrittenTools = creator ? [creator, ...users] : users;
      // Reads that feed state explicit-handles does not own (a marked counter) keep their meaning:
      // in an access of it, or handed to a helper of the file that reaches it and none of the state
      // moved (`if (limited(sessionId!)) return ...`, trial 75A B5: the limiter was keyed by the handle).
      // (Not a map of each request's credentials: its reads go whole, `sessionAuth.get(extra.sessionId!)` → `extra.authInfo`.)
      const foreign = facts.collections.filter((c) => !owned.has(c) && !authPlans.some((p) => p.collection === c));
      const within = (read: TS.Node, nodes: readonly TS.Node[] | undefined) => !!nodes?.some((a) => read.pos >= a.pos && read.end <= a.end);
      const inAuthRead = (n: TS.Node) => within(n, authReads);
      const helperCalls = (fn: TS.FunctionLikeDeclaration, c: Collection) => facts.usesOf(fn).sites.get(c)?.filter(ts.isCallExpression);
      const feedsForeign = (read: TS.Node, fn: TS.FunctionLikeDeclaration) =>
        foreign.some((c) => within(read, c.accesses)) || (foreign.some((c) => within(read, helperCalls(fn, c))) && ![...owned].some((c) => within(read, helperCalls(fn, c))));
      for (const r of rewrittenTools) {
        const fn = r.handler!;
        const replacements = sessionReadsIn(fn.body!, facts)
          .filter((read) => !feedsForeign(read, fn) && !routesLogs(read) && !inAuthRead(read))
          .map((read) => {
            // `{ sessionId }` keeps its key: `{ sessionId: basket_id }`.
            const shorthand = ts.isShorthandPropertyAssignment(read.parent) && read.parent.name === read ? `${read.getText(sf)}: ` : '';
            // A constant the read fell back to (`extra?.sessionId || 'default'`) is dead once the read is the required handle.
            const fallback = fallenBackFrom(read.parent) === read ? read.parent : undefined;
            return { replaced: fallback ?? read, shorthand };
          });
        const throughLocal = replacements.flatMap(({ replaced }) => usesKeptThroughLocal(replaced, fn, r.contextParam, (use) => (routesLogs(use) || feedsForeign(use, fn)) && !inAuthRead(use)).map((use) => ({ use, read: replaced })));
        // (Not renamed where a read of the request's credentials takes it: `extra.authInfo`.)
        const unread = throughLocal.length || authPlans.some((p) => p.reads.some((read) => read.handler === fn)) ? undefined : contextLeftUnread(r, replacements.map((x) => x.replaced));
        const handleExpr = exposeHandle(r, handle, sf, edits, unread);
        if (!handleExpr) {
          markers.push({ pos: r.nameNode.getStart(sf), message: `cannot pass ${handle} into this handler's arguments automatically`, link: SPEC_TOOLS });
          continue;
        }
        for (const { replaced, shorthand } of replacements) edits.push({ start: replaced.getStart(sf), end: replaced.getEnd(), text: `${shorthand}${handleExpr}` });
        for (const { use, read } of throughLocal) edits.push({ start: use.getStart(sf), end: use.getEnd(), text: (fallenBackFrom(read) ?? read).getText(sf) });
        // Local helpers called from the handler keep their own parameters (now the handle).
        const prefix = r === creator ? `mintingHandle(${refs}, { handle: ${q}${handle}${q}, initial: ${initial} }, ` : `withHandle(${refs}, { handle: ${q}${handle}${q}, mintedBy: ${q}${mintedBy}${q} }, `;
        const target = r.call.arguments.find((a) => resolveFunction(a) === fn) ?? fn;
        edits.push({ start: target.getStart(sf), end: target.getStart(sf), text: prefix });
        edits.push({ start: target.getEnd(), end: target.getEnd(), text: ')' });
        // Server→client requests cannot be kept across instances: multi-round-trip results instead.
        walk(fn.body!, (n) => {
          if (isClientRequest(n)) {
            markers.push({ pos: n.getStart(sf), message: serverToClientMessage(calleeName(n)!, unaskedYes(n), ctx.target), link: SPEC_MRTR });
          }
        });
      }

      // 5. Session cleanup outside tools (delete on close) becomes TTL expiry.
      // (Not in the module that declares state kept across modules: its helpers run inside the tools' withHandle, unchanged.)
      for (const plan of group.filter((p) => !(p.cross && p.cross.from === undefined))) {
        for (const access of plan.collection.accesses) {
          if (!cleanupAccess(access)) continue;
          if (rewrittenTools.some((r) => access.pos >= r.handler!.pos && access.end <= r.handler!.end)) continue;
          let statement: TS.Node = access;
          while (!ts.isExpressionStatement(statement) && statement.parent && !isFunctionLike(statement.parent)) statement = statement.parent;
          if (ts.isExpressionStatement(statement)) {
            // (The body of an `if` without braces goes with its `if` where that tests nothing else
            // it needs, `if (transport.sessionId) carts.delete(...)`; else it becomes an empty
            // block: removed alone, the `if` would not parse, review 73.)
            edits.push(removeEntryStatement(statement, sf));
            changes.push({ line: lineOf(sf, access.getStart(sf)), description: `removed per-session cleanup of ${plan.collection.name}: handles expire by TTL instead`, safety: 'review' });
          }
        }
      }
    }

    // 6. Maps of each request's own credentials: each read becomes the handler's, and the map goes
    // with what stores and forgets its entries (trial 77B B2).
    const authWrites = new Set<TS.Node>(authPlans.flatMap((p) => p.writes));
    for (const p of authPlans) {
      for (const read of p.reads) edits.push({ start: read.node.getStart(sf), end: read.node.getEnd(), text: read.text });
      for (const write of p.writes) edits.push(removeEntryStatement(write, sf, authWrites));
      for (const local of p.locals) edits.push(removeStatement(local, sf));
      edits.push(removeStatement(p.decl.parent.parent, sf));
      changes.push({ line: lineOf(sf, p.decl.getStart(sf)), description: `removed ${p.collection.name}, which kept each session's credentials: the handlers read those of each request instead (${p.reads[0].text}, which the SDK sets from the request's Authorization header through the bearer-token middleware's req.auth)`, safety: 'review' });
    }
    if (plans.length === 0) {
      let next: string;
      try {
        next = withoutUnusedTypes(applyEdits(text, edits), ctx.path, authPlans);
      } catch {
        return { text, changes: [], markers: [...markers, ...authPlans.map((p) => ({ pos: p.collection.reportNode.getStart(sf), message: credentialsBySessionMessage(p.collection.name), link: SPEC_TOOLS }))].map((m) => ({ line: lineOf(sf, m.pos), message: m.message, link: m.link })) };
      }
      return { text: next, changes, markers: markers.map((m) => ({ line: lineInRewrite(sf, lineOf(sf, m.pos), next), message: m.message, link: m.link })) };
    }

    // 7. Import the store module; add it to the project.
    const flavour = flavourOf(sf);
    const names = [...(withStore.declared ? ['handleState'] : []), ...(withStore.users ? ['withHandle'] : []), ...(withStore.creator ? ['mintingHandle'] : []), ...(withStore.minted ? ['mintHandle'] : [])];
    // (Where state of another folder's module is used: the mcp-state module beside that one.)
    const stateDir = plans.find((p) => p.cross?.stateDir)?.cross?.stateDir;
    const specifier = stateDir ? `${stateDir.startsWith('.') ? stateDir : `./${stateDir}`}${stateModuleSpecifier(flavour).slice(1)}` : stateModuleSpecifier(flavour);
    edits.push(...ensureNamedImport(sf, specifier, names));
    // State declared in another module: imported from it beside what the file imports from there already.
    const fromOthers = new Map<string, Set<string>>();
    for (const p of plans) if (p.cross?.from !== undefined) fromOthers.set(p.cross.from, (fromOthers.get(p.cross.from) ?? new Set()).add(p.cross.state));
    for (const [from, states] of fromOthers) edits.push(...ensureNamedImport(sf, from, [...states]));
    if (!zodIdentifier(sf) && plans.some((p) => p.users.some((u) => calleeName(u.call) === 'tool' || calleeName(u.call) === 'registerTool'))) {
      edits.push(...ensureNamedImport(sf, 'zod', ['z']));
    }

    let next: string;
    try {
      next = withoutUnusedTypes(applyEdits(text, edits), ctx.path, authPlans);
    } catch {
      return {
        text,
        changes: [],
        markers: plans.map((p) => ({ line: lineOf(sf, p.decl.getStart(sf)), message: `${p.collection.name} is used in a way explicit-handles could not rewrite safely: give it an explicit handle by hand`, link: SPEC_TOOLS })),
      };
    }
    const out: Marker[] = markers.map((m) => ({ line: lineInRewrite(sf, lineOf(sf, m.pos), next), message: m.message, link: m.link }));
    const client = projectRedisClient(ctx.dependencies);
    return {
      text: next,
      changes,
      markers: out,
      files: [{ path: stateDir ? `${stateDir}/${stateModuleFileName(flavour)}` : stateModuleFileName(flavour), text: stateModuleSource(flavour, client) }],
      dependencies: (client === 'redis' ? { redis: REDIS_RANGE } : {}) as Record<string, string>,
    };
  },
};

/** `text` without the imports of types only the removed maps of credentials named (`import type { AuthInfo }`), where nothing else uses them. */
function withoutUnusedTypes(text: string, path: string, authPlans: readonly RequestAuthPlan[]): string {
  const names = new Set(authPlans.flatMap((p) => [...typeNamesIn(p.decl)]));
  if (names.size === 0) return text;
  const { edits } = removeUnusedBindings(parseFile(text, path), names);
  return edits.length > 0 ? applyEdits(text, edits) : text;
}

/** The tools a state's plan rewrites: its users and the tool that creates it. */
function toolsOf(plan: StatePlan): Registration[] {
  return plan.creator ? [...plan.users, plan.creator] : plan.users;
}

/**
 * A group's handle: one the user chose for any of its states, else the creator's, else the
 * primary's (the state most tools use), in both cases a name none of its tools takes already.
 */
function groupHandle(group: readonly StatePlan[], chosen: (plan: StatePlan) => string | undefined): string {
  const primary = [...group].sort((a, b) => b.users.length - a.users.length)[0];
  return group.map(chosen).find(Boolean) ?? freeHandle(handleForMinter(primary.creator?.name) ?? primary.handle, group.flatMap(toolsOf), initialValue(primary.collection) === '[]');
}

/**
 * `name`, or where a tool of the state already takes an argument of that name and its handler
 * reads it (trial 54A: `cancel_order(order_id)`, the order to cancel, beside `orders` kept per
 * session), another: the argument means something else there (the state is keyed by the session,
 * not by it), and one argument cannot be both. `order_list_id` for a state holding lists, else
 * `order_state_id`. One declared and never read is the handle, added ahead of the rest of the
 * change (a tool that already takes draft_id, trial 20C).
 */
function freeHandle(name: string, tools: readonly Registration[], lists: boolean): string {
  // (Also where a tool takes the name in camelCase: `job_id` beside a `jobId` of the tool's own
  // would be mixed up by models, trial 78A B6.)
  const taken = (n: string) => [n, n.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())].some((spelling) => takingArgument(tools, spelling).length > 0);
  if (!taken(name)) return name;
  const base = name.replace(/_id$/, '');
  const candidates = [`${base}_${lists ? 'list' : 'state'}_id`, ...[2, 3, 4].map((n) => `${base}_${n}_id`)];
  return candidates.find((c) => !taken(c)) ?? name;
}

/** The tools that take an argument of that name and read it: it means something of their own there. */
function takingArgument(tools: readonly Registration[], name: string): Registration[] {
  // (The handler's parameters too: `({ order_id: target })` reads it under another name, review 70.)
  return tools.filter((t) => declaresArgument(t, name) && !!t.handler && new RegExp(`(^|[^\\w$])${name}([^\\w$]|$)`).test(t.handler.getText()));
}

/**
 * The states that take one handle together. States a tool uses together (and, through such tools,
 * all they reach) always do. A group with a tool that creates its state (`new_game`, which starts
 * a game on each call) mints handles of its own: under the conversation's handle, each new game
 * would also drop what other tools kept (trial 53A: the language set_lang chose, and a wizard
 * that needed a basket first). The other groups share one handle, as they shared the session.
 * Groups that would come to the same handle name are one group, as two handles of one name
 * cannot be told apart.
 */
function handleGroups(plans: readonly StatePlan[], chosen: (plan: StatePlan) => string | undefined): StatePlan[][] {
  const linked: StatePlan[][] = [];
  for (const plan of plans) {
    const tools = new Set(toolsOf(plan));
    const meeting = linked.filter((g) => g.some((p) => toolsOf(p).some((t) => tools.has(t))));
    const merged = [...meeting.flat(), plan];
    for (const g of meeting) linked.splice(linked.indexOf(g), 1);
    linked.push(merged);
  }
  const created = linked.filter((g) => g.some((p) => p.creator));
  const conversation = linked.filter((g) => !created.includes(g)).flat();
  const groups = [...(conversation.length > 0 ? [conversation] : []), ...created];
  // (Same handle name: one group.)
  const byHandle = new Map<string, StatePlan[]>();
  for (const g of groups) {
    const handle = groupHandle(g, chosen);
    byHandle.set(handle, [...(byHandle.get(handle) ?? []), ...g]);
  }
  return [...byHandle.values()];
}

/**
 * Work a tool's handler leaves running that reaches the collection after the handler returns: a
 * function handed to a timer, a listener or a promise's then() (RUNS_LATER) that changes the
 * collection or an entry the handler holds in a local (`const job = {...}; jobs.set(sid, job)`,
 * `jobsOf(sid)[job.id] = job`, `const job = jobs.get(sid)`: `changes`), or that names the
 * collection, or a call of an async function of the file handed such a local and not awaited
 * (`void run(job)`). Not one that only reads such a local (a timer that logs the job): it reads
 * the object the call left, as before. The tool, and the node that reaches it (the first that
 * changes it, else the first that reaches it).
 */
function changedAfterReturn(c: Collection, users: readonly Registration[]): { tool: Registration; node: TS.Node; changes: boolean } | undefined {
  for (const tool of users) {
    const body = tool.handler!.body!;
    const inBody = c.accesses.filter((a) => a.pos >= body.pos && a.end <= body.end);
    // The locals of the handler that hold an entry: what it stores, or what it took out.
    const entries = entryLocals(c, body, inBody);
    // (Also through a function of the file the deferred work calls, `notesOf(sid)`: trial 62A B1.)
    const reachesCollection = (n: TS.Node) => inBody.some((a) => a.pos >= n.pos && a.end <= n.end) || someNode(n, (x) => ts.isCallExpression(x) && usedIn(c, resolveFunction(x.expression)));
    const reaches = (n: TS.Node) => reachesCollection(n) || someNode(n, (x) => ts.isIdentifier(x) && !isPropertyName(x) && entries.has(resolveIdentifier(x) as TS.Node));
    let found: TS.Node | undefined;
    let read: TS.Node | undefined;
    walk(body, (n) => {
      if (found) return false;
      if (!ts.isCallExpression(n) || awaitedWithin(n, body)) return undefined;
      const later = RUNS_LATER.test(calleeName(n) ?? '') ? n.arguments.map(unwrap).filter(isFunctionLike) : [];
      // (One that changes an entry, also through a local that holds it: trial 78A B1, `job.progress
      // += 25` in a setInterval of the handler; one that only reads the local finds the object the
      // call left, as before.)
      if (later.some((fn) => changesState(c, fn, inBody, entries))) found = n;
      // One that reaches the collection itself, or an async function left running that is handed
      // an entry or that changes the collection (`buildReport(sid, topic)` setting `reports` after
      // an await, trial 57A B1).
      else if (later.some((fn) => reachesCollection(fn)) || (leftRunning(n) && (n.arguments.some((a) => ts.isIdentifier(unwrap(a)) && reaches(a)) || touchesCollection(n, c)))) read ??= n;
      return undefined;
    });
    if (found) return { tool, node: found, changes: true };
    if (read) return { tool, node: read, changes: false };
  }
  return undefined;
}

/**
 * The timer, listener or then() outside the tools whose function, around a use of the collection,
 * changes it (`setInterval(() => { for (const job of jobs.values()) job.progress += 10 })` in
 * module code): work that changes the entries after the calls that made them returned.
 */
function changedOutsideCalls(c: Collection, use: TS.Node): TS.CallExpression | undefined {
  for (let fn = enclosingFunction(use); fn; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.some((a) => unwrap(a) === fn) || !RUNS_LATER.test(calleeName(call) ?? '')) continue;
    const mine = c.accesses.filter((a) => a.pos >= fn!.pos && a.end <= fn!.end);
    if (changesState(c, fn, mine, new Set())) return call;
  }
  return undefined;
}

/**
 * Whether an expression is the collection or part of it, as a function sees it: an access of
 * `accesses`, a call of a function of the file that uses the collection (`jobsOf(sid)`), or a
 * local of `entries`, also through members, `.get(k)` and `Object.values(...)` (`jobsOf(sid)[id]`).
 */
function ofState(c: Collection, n: TS.Node, accesses: readonly TS.Node[], entries: ReadonlySet<TS.Node>): boolean {
  let x = unwrap(n);
  for (;;) {
    if (ts.isAwaitExpression(x) || ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = unwrap(x.expression);
    else if (isFallback(x)) x = unwrap(x.left);
    else if (ts.isCallExpression(x) && /^Object\.(values|entries)$/.test(x.expression.getText()) && x.arguments[0]) x = unwrap(x.arguments[0]);
    else if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(unwrap(x.expression)) && /^(get|at|find|values|entries)$/.test(calleeName(x) ?? '') && !accesses.includes(x)) x = unwrap((unwrap(x.expression) as TS.PropertyAccessExpression).expression);
    else break;
  }
  const at = x;
  if (accesses.some((a) => at.pos >= a.pos && at.end <= a.end)) return true;
  if (ts.isCallExpression(at)) return usedIn(c, resolveFunction(at.expression));
  return ts.isIdentifier(at) && entries.has(resolveIdentifier(at) as TS.Node);
}

/**
 * The locals of a function that hold an entry of the collection (or the part of it a helper
 * returns): taken out of it (`const job = jobs.get(sid) ?? fresh`, `for (const job of
 * jobs.values())`, `jobs.forEach((job) => ...)`), or stored in it (`jobsOf(sid)[job.id] = job`).
 */
function entryLocals(c: Collection, body: TS.Node, accesses: readonly TS.Node[]): Set<TS.Node> {
  const entries = new Set<TS.Node>();
  const add = (name: TS.BindingName) => {
    if (ts.isIdentifier(name)) entries.add(name.parent);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) add(e.name);
  };
  for (let size = -1; size !== entries.size; ) {
    size = entries.size;
    walk(body, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && ofState(c, n.initializer, accesses, entries)) add(n.name);
      else if (ts.isForOfStatement(n) && ts.isVariableDeclarationList(n.initializer) && ofState(c, n.expression, accesses, entries)) n.initializer.declarations.forEach((d) => add(d.name));
      else if (ts.isCallExpression(n) && calleeName(n) === 'forEach' && ts.isPropertyAccessExpression(unwrap(n.expression)) && ofState(c, (unwrap(n.expression) as TS.PropertyAccessExpression).expression, accesses, entries)) {
        const fn = n.arguments[0] && unwrap(n.arguments[0]);
        if (fn && isFunctionLike(fn) && fn.parameters[0]) add(fn.parameters[0].name);
      }
      return undefined;
    });
    for (const change of changesIn(body)) {
      const stored = storedValue(change.at, change.how);
      const local = stored && ts.isIdentifier(unwrap(stored)) ? resolveIdentifier(unwrap(stored) as TS.Identifier) : undefined;
      if (local && ts.isVariableDeclaration(local) && ofState(c, change.target, accesses, entries)) entries.add(local);
    }
  }
  return entries;
}

/**
 * Whether a function (work left running) changes the collection: an entry or the collection
 * itself (`job.progress += 25`, `jobs.set(...)`, `list.push(x)`), not a local of its own; also
 * through a function of the file it calls that changes it.
 */
function changesState(c: Collection, fn: TS.Node, outer: readonly TS.Node[], held: ReadonlySet<TS.Node>): boolean {
  const entries = new Set([...held, ...entryLocals(c, fn, outer)]);
  // (Not a local set anew, `job = other`: a change in place of one, `lines.push(x)`, is.)
  if (changesIn(fn).some((change) => (change.how === 'mutate' || !ts.isIdentifier(unwrap(change.target))) && ofState(c, change.target, outer, entries))) return true;
  // (`jobs.set(...)` itself: the access holds its target.)
  if (changesIn(fn).some((change) => outer.some((a) => change.target.pos >= a.pos && change.target.end <= a.end))) return true;
  return someNode(fn, (x) => ts.isCallExpression(x) && touchesCollection(x, c));
}

/**
 * Whether the handler waits for a call before it returns: it awaits or returns it (`await
 * normalise(t).then(...)`), or it runs in the executor of a promise the handler awaits (`await new
 * Promise((done) => setTimeout(done, 100))`; review 67).
 */
function awaitedWithin(call: TS.Node, body: TS.Node): boolean {
  for (let p = call; p !== body && p.parent; p = p.parent) {
    const up = p.parent;
    if (ts.isAwaitExpression(up) || ts.isReturnStatement(up)) return true;
    if (isFunctionLike(up) && !(ts.isNewExpression(up.parent) && up.parent.expression.getText() === 'Promise')) return false;
  }
  // (A concise arrow's body is what it returns.)
  return !ts.isBlock(body);
}

/** A call of an async function of the file whose promise nobody awaits (`void run(job);`, `run(job);`, `run(job).catch(log);`): its work goes on after the caller returns. */
function leftRunning(call: TS.CallExpression): boolean {
  // (Through the handlers it is chained to: `run(job).catch((e) => log(e));`, read-through 68; an
  // awaited one changedAfterReturn has let go already.)
  const statement = findAncestor(call, ts.isExpressionStatement);
  if (!statement || calledThrough(statement.expression) !== call) return false;
  const fn = resolveFunction(call.expression);
  return !!fn && (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/**
 * A tool that tests the collection again on each turn of a loop of its handler that awaits, where
 * another tool changes it (a cancel flag: `while (!job.cancelled)`, or `if (job.cancelled) return`
 * in the loop, `job` taken out before the loop or in it; the other tool's change in its handler or
 * a function of the file it calls): it waits for another call to change the entry. The test, and
 * the tool. Not a loop that only goes through what it holds (`for (const item of cart.items)`,
 * review 75), nor one that reads back only what its own tool changes.
 */
function waitsForAnotherCall(c: Collection, users: readonly Registration[]): { tool: Registration; node: TS.Node } | undefined {
  for (const tool of users) {
    const handler = tool.handler!;
    if (!users.some((other) => other !== tool && changesThrough(c, other.handler!))) continue;
    // What reads it in the handler: its accesses, and the locals that hold one (`const job = imports.get(sid)!`).
    const mine = c.accesses.filter((a) => enclosingFunction(a) === handler);
    const locals = new Set<TS.Node>();
    for (const access of mine) {
      const local = takenInto(access);
      if (local) locals.add(local);
    }
    const reads = (n: TS.Node) => someNode(n, (x) => mine.includes(x) || (ts.isIdentifier(x) && !isPropertyName(x) && locals.has(resolveIdentifier(x) as TS.Node)));
    let found: TS.Node | undefined;
    walk(handler.body!, (n) => {
      if (found || (n !== handler.body && isFunctionLike(n))) return false;
      if (!ts.isIterationStatement(n, false) || !someNode(n.statement, (x) => ts.isAwaitExpression(x) && enclosingFunction(x) === handler)) return undefined;
      // Its condition, or an `if` in it that leaves the loop on what it reads.
      const condition = ts.isWhileStatement(n) || ts.isDoStatement(n) ? n.expression : ts.isForStatement(n) ? n.condition : undefined;
      if (condition && reads(condition)) found = condition;
      walk(n.statement, (x) => {
        if (found || (x !== n.statement && isFunctionLike(x))) return false;
        if (ts.isIfStatement(x) && reads(x.expression) && leaves(x.thenStatement)) found = x.expression;
        return undefined;
      });
      return undefined;
    });
    if (found) return { tool, node: found };
  }
  return undefined;
}

/** Whether a branch ends by leaving the turn, the loop or the handler: return, break, continue, throw. */
function leaves(statement: TS.Statement): boolean {
  if (ts.isBlock(statement)) return statement.statements.length > 0 && leaves(statement.statements[statement.statements.length - 1]);
  return ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement);
}

/**
 * Whether a handler sets a field of an entry, itself or in a function of the file it calls
 * (`job.cancelled = true`, `markCancelled(sid)`): a flag a running call may wait for. Not one that
 * only stores or drops entries (`carts.delete(sid)`), which a loop going through its own entry
 * does not wait for (review 75).
 */
function changesThrough(c: Collection, handler: TS.FunctionLikeDeclaration): boolean {
  if (changesEntries(c, handler, true)) return true;
  return someNode(handler.body!, (n) => {
    const fn = ts.isCallExpression(n) ? resolveFunction(n.expression) : undefined;
    return !!fn?.body && fn !== handler && changesEntries(c, fn, true);
  });
}

/**
 * Whether a tool ran without an entry of the collection (trial 78B B2: `checkout` reading an
 * optional coupon, `coupons.get(sid)`, where none was applied): it reads the collection, stores
 * no entry in it nor changes one (dropping one, `delete`, is reading it to the end), asserts no
 * read of it (`!`), and fails nowhere under a test of what it read (`if (!cart) return { isError
 * ... }`, a throw).
 */
function ranWithoutEntry(r: Registration, c: Collection): boolean {
  const body = r.handler?.body;
  if (!body) return false;
  const mine = c.accesses.filter((a) => a.pos >= body.pos && a.end <= body.end);
  if (mine.length === 0 || changesEntries(c, r.handler!, true)) return false;
  const taken = new Set<TS.Node>();
  for (const access of mine) {
    if (ts.isCallExpression(access) && /^(set|clear)$/.test(calleeName(access) ?? '')) return false;
    let holder: TS.Node = access;
    while (ts.isParenthesizedExpression(holder.parent) || ts.isAwaitExpression(holder.parent) || ts.isAsExpression(holder.parent)) holder = holder.parent;
    if (ts.isNonNullExpression(holder.parent)) return false;
    if (ts.isBinaryExpression(holder.parent) && holder.parent.left === holder && holder.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && holder.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
    const local = takenInto(access);
    if (local) taken.add(local);
  }
  // (A branch that leaves under such a test, `if (!wizard) return { content: 'call wiz_start first' }`, needs the entry.)
  const tests = (condition: TS.Node) => someNode(condition, (n) => mine.includes(n) || (ts.isIdentifier(n) && taken.has(resolveIdentifier(n) as TS.Node)));
  const throws = (branch: TS.Node) => someNode(branch, (n) => ts.isThrowStatement(n));
  return !someNode(body, (n) => (ts.isIfStatement(n) && tests(n.expression) && (leaves(n.thenStatement) || (!!n.elseStatement && leaves(n.elseStatement)))) || (ts.isConditionalExpression(n) && tests(n.condition) && (throws(n.whenTrue) || throws(n.whenFalse))));
}

/**
 * The local an access of a collection is taken into (`const job = imports.get(sid)!`, through an
 * await, parentheses, a cast or `!`; `fallbacks`: also a `??` or `||` default, `?? []`).
 */
function takenInto(access: TS.Node, fallbacks = false): TS.VariableDeclaration | undefined {
  let holder: TS.Node = access;
  while ((fallbacks && isFallback(holder.parent)) || ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent) || ts.isNonNullExpression(holder.parent)) holder = holder.parent;
  return ts.isVariableDeclaration(holder.parent) && holder.parent.initializer === holder && ts.isIdentifier(holder.parent.name) ? holder.parent : undefined;
}

/** Whether a function changes the collection or an entry it takes out (`imports.set(...)`, `const job = imports.get(sid); job.cancelled = true`); `fieldsOnly`: only an entry's fields. */
function changesEntries(c: Collection, handler: TS.FunctionLikeDeclaration, fieldsOnly = false): boolean {
  const mine = c.accesses.filter((a) => a.pos >= handler.pos && a.end <= handler.end);
  const taken = new Set<TS.Node>();
  for (const access of mine) {
    if (!fieldsOnly && ts.isCallExpression(access) && /^(set|delete|clear)$/.test(calleeName(access) ?? '')) return true;
    const local = takenInto(access);
    if (local) taken.add(local);
  }
  const fromEntry = (target: TS.Node): boolean => {
    let root = unwrap(target);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
    return (ts.isIdentifier(root) && taken.has(resolveIdentifier(root) as TS.Node)) || mine.includes(root);
  };
  return someNode(handler.body!, (n) => (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !ts.isIdentifier(unwrap(n.left)) && fromEntry(n.left)) || ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && !ts.isIdentifier(unwrap(n.operand)) && fromEntry(n.operand)));
}

/** Whether the function a call runs changes the collection in its own body (`async function buildReport(sid) { ...; reports.set(sid, done) }`); one that only reads it (an audit) changes nothing later. */
function touchesCollection(call: TS.CallExpression, c: Collection): boolean {
  const fn = resolveFunction(call.expression);
  return !!fn?.body && changesEntries(c, fn);
}

/**
 * A session-id read in a tool of a plan that keys both the plan's state and state no plan moves
 * (through a local they share), which the rewrite can neither replace nor keep (see its use).
 */
function sharedKeyRead(plan: StatePlan, plans: readonly StatePlan[], facts: SessionFacts, leftState: (c: Collection) => boolean): { tool: Registration; read: TS.Node; other: Collection } | undefined {
  const keysIn = (c: Collection, body: TS.Node) => c.accesses.flatMap((a) => (a.pos >= body.pos && a.end <= body.end ? [accessKey(a)] : [])).filter((k): k is TS.Node => !!k);
  // (State explicit-handles leaves with a marker of its own: not a session map of transports, review 80.)
  const foreign = facts.collections.filter((c) => leftState(c) && !plans.some((p) => p.collection === c));
  for (const tool of plan.creator ? [plan.creator, ...plan.users] : plan.users) {
    const body = tool.handler?.body;
    if (!body) continue;
    for (const read of sessionReadsIn(body, facts)) {
      // (A read written in the left state's own key stays as it is: only a read the keys share.)
      if (foreign.some((c) => c.accesses.some((a) => read.pos >= a.pos && read.end <= a.end))) continue;
      if (!keysIn(plan.collection, body).some((k) => madeFromReads(k, [read], 3))) continue;
      const other = foreign.find((c) => keysIn(c, body).some((k) => madeFromReads(k, [read], 3)));
      if (other) return { tool, read, other };
    }
  }
  return undefined;
}

/** Whether a function of the file uses a collection in its body. */
function usedIn(c: Collection, fn: TS.FunctionLikeDeclaration | undefined): boolean {
  const body = fn?.body;
  return !!body && c.accesses.some((a) => a.pos >= body.pos && a.end <= body.end);
}

/** The uses of a collection in the file: `carts`, or `this.carts` for a field. */
function collectionUses(decl: TS.VariableDeclaration | TS.PropertyDeclaration, sf: TS.SourceFile): TS.Node[] {
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) return referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const name = decl.name.getText(sf);
  const uses: TS.Node[] = [];
  walk(sf, (n) => {
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === name) uses.push(n);
    return undefined;
  });
  return uses;
}

/**
 * The first use of a collection explicit-handles would move that no tool call reaches: not in the
 * handler of a tool that uses it (`users`, wrapped with its handle), nor in a function of the file
 * only such handlers call, nor a per-session cleanup statement (`carts.delete(sid);`, which the
 * rewrite removes). Undefined when every use is inside a tool call.
 */
function useOutsideTools(uses: readonly TS.Node[], users: readonly Registration[], facts: SessionFacts): TS.Node | undefined {
  const handlers = users.flatMap((u) => (u.handler ? [u.handler] : []));
  const inside = (node: TS.Node, within: readonly TS.Node[]) => within.some((h) => node.pos >= h.pos && node.end <= h.end);
  const reached = (node: TS.Node, depth: number): boolean => {
    if (inside(node, handlers)) return true;
    if (depth === 0) return false;
    for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
      if (!isFunctionLike(n)) continue;
      const calls = facts.callSitesOf(n as TS.FunctionLikeDeclaration);
      return calls.length > 0 && calls.every((call) => reached(call, depth - 1));
    }
    return false;
  };
  return uses.find((use) => {
    if (reached(use, 2)) return false;
    // `carts.delete(sid);` on its own: the session's cleanup, removed by the rewrite (handles expire instead).
    const call = use.parent?.parent;
    const removed = (ts.isPropertyAccessExpression(use.parent) && use.parent.name.text === 'delete' && call && ts.isCallExpression(call) && ts.isExpressionStatement(call.parent)) || (ts.isElementAccessExpression(use.parent) && use.parent.expression === use && deletedEntry(use.parent));
    return !removed;
  });
}

/** A collection's access that empties an entry: `carts.delete(id)`, or `delete wizards[id]` on a plain object (deletedEntry). */
function cleanupAccess(access: TS.Node): boolean {
  return (ts.isCallExpression(access) && calleeName(access) === 'delete') || deletedEntry(access);
}

/** `delete wizards[id]`: an entry of a plain object deleted, the session cleanup `.delete(id)` is for a Map (trial 78B B4). */
function deletedEntry(access: TS.Node): boolean {
  return ts.isElementAccessExpression(access) && ts.isDeleteExpression(access.parent) && !!access.parent.parent && (ts.isExpressionStatement(access.parent.parent) || (ts.isVoidExpression(access.parent.parent) && ts.isExpressionStatement(access.parent.parent.parent)));
}

/** Where a use sits, for a marker that must not change when lines move: the route or function around it. */
function whereUsed(use: TS.Node, sf: TS.SourceFile): string {
  for (let n: TS.Node | undefined = use.parent; n; n = n.parent) {
    if (!isFunctionLike(n)) continue;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(n as TS.Expression)) {
      const path = call.arguments[0] && stringValue(call.arguments[0]);
      return `${unwrap(call.expression).getText(sf).replace(/\s+/g, '')}(${path !== undefined ? `'${path}'` : '...'})`;
    }
    const name = (n as TS.FunctionLikeDeclaration).name;
    if (name) return `${name.getText(sf)}()`;
    if (ts.isVariableDeclaration(n.parent)) return `${n.parent.name.getText(sf)}()`;
    return 'a callback';
  }
  return 'module code';
}

/** A use's text with the member reads and calls made on it (`carts.size`, `carts.values()`), on one line. */
function useText(use: TS.Node): string {
  let n = use;
  while ((ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent) || ts.isCallExpression(n.parent)) && (n.parent as { expression: TS.Node }).expression === n) n = n.parent;
  return codeSnippet(n, 60);
}

/** How a marker names a tool: by its name, or the low-level handler that serves every tool. */
function toolLabel(tool: Registration): string {
  return lowLevel(tool) ? 'the tools/call handler' : `the tool ${tool.name}`;
}

/** A low-level request handler (`setRequestHandler(CallToolRequestSchema, ...)`): it serves every tool. */
function lowLevel(tool: Registration): boolean {
  return !tool.name || tool.name.includes('/');
}

/**
 * For the runner's planning of state kept across modules (CodemodContext.crossModuleStates): the
 * module-level collections of a file that explicit-handles would move but that no tool handler of
 * the file uses (each refusal of statePlans passed: plain JSON values, a key of the session id
 * alone...), with the value a new handle starts with and the exported functions of the file that
 * key it by one of their parameters (name → that parameter's index). Not one the file uses in any
 * other way (whole, in module code, in a function it does not export): no tool call could reach that.
 */
export function unclaimedStates(input: CodeInput, ctx: CodemodContext): Array<{ state: string; initial: string; exported: boolean; helpers: Map<string, number> }> {
  const { sourceFile: sf } = input;
  const found: Array<{ state: string; initial: string; exported: boolean; helpers: Map<string, number> }> = [];
  for (const c of statePlans(input, { ...ctx, usedHandleNames: undefined, crossModuleStates: undefined }).unclaimed) {
    const decl = c.decl;
    if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !ts.isVariableStatement(decl.parent.parent)) continue;
    let exported = isExported(decl.parent.parent);
    const helpers = new Map<string, number>();
    const followed = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier }).every((ref) => {
      if (ts.isExportSpecifier(ref.parent)) return (exported = true);
      if (ts.isTypeQueryNode(ref.parent)) return true;
      const fn = enclosingFunction(ref);
      const holder = fn && (ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent : undefined);
      const statement = holder && (ts.isFunctionDeclaration(holder) ? holder : holder.parent.parent);
      const name = holder?.name && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
      if (!fn || !name || !statement || !ts.isSourceFile(statement.parent) || !isExported(statement)) return false;
      const access = ts.isPropertyAccessExpression(ref.parent) && ts.isCallExpression(ref.parent.parent) && ref.parent.parent.expression === ref.parent ? ref.parent.parent : ts.isElementAccessExpression(ref.parent) && ref.parent.expression === ref ? ref.parent : undefined;
      const key = access && accessKey(access);
      const param = key && ts.isIdentifier(unwrap(key)) ? resolveIdentifier(unwrap(key) as TS.Identifier) : undefined;
      const index = param && ts.isParameter(param) ? fn.parameters.indexOf(param) : -1;
      if (index < 0 || (helpers.has(name) && helpers.get(name) !== index)) return false;
      helpers.set(name, index);
      return true;
    });
    if (followed && (exported || helpers.size > 0)) found.push({ state: c.name, initial: initialValue(c, importedTypes(sf, ctx)), exported, helpers });
  }
  return found;
}

/**
 * For the runner's planning: the tool handlers of a module of the run that reach `state` of another
 * module (the modules `fromState` tells by their specifiers), imported by its own name or through
 * its `helpers` (each by the index of the argument it keys the state by), each handing it a
 * session-id read (the reads the rewrite turns into the handle); or why the module uses it
 * otherwise, in which case the run leaves the state for a person. A use outside tool handlers that
 * is only a cleanup statement (`carts.delete(id);` when a session closes) goes with its session
 * callback (stateless-transport, handleStateElsewhere).
 */
export function crossModuleUsers(input: CodeInput, ctx: CodemodContext, fromState: (specifier: string) => boolean, state: string, helpers: ReadonlyMap<string, number>): { tools: Registration[] } | { refused: string } {
  const { sourceFile: sf, facts } = input;
  const tools = facts.registrations.filter((r) => r.kind === 'tool' && r.handler?.body);
  const bindings: TS.ImportSpecifier[] = [];
  for (const s of sf.statements) {
    const specifier = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
    if (specifier === undefined || !fromState(specifier)) continue;
    if (ts.isExportDeclaration(s)) return { refused: `${ctx.path} re-exports that module` };
    const clause = (s as TS.ImportDeclaration).importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name || (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings))) return { refused: `${ctx.path} imports that module whole` };
    for (const el of clause.namedBindings?.elements ?? []) {
      const imported = (el.propertyName ?? el.name).text;
      if (el.isTypeOnly || (imported !== state && !helpers.has(imported))) continue;
      if (el.name.text !== imported) return { refused: `${ctx.path} imports ${imported} as ${el.name.text}` };
      bindings.push(el);
    }
  }
  const users: Registration[] = [];
  for (const binding of bindings) {
    const name = binding.name.text;
    for (const ref of referencesTo(sf, binding as TS.ImportSpecifier & { name: TS.Identifier })) {
      if (ts.isTypeQueryNode(ref.parent)) continue;
      const tool = tools.find((t) => enclosingFunction(ref) === t.handler);
      const call = ts.isCallExpression(ref.parent) && ref.parent.expression === ref ? ref.parent : ts.isPropertyAccessExpression(ref.parent) && ts.isCallExpression(ref.parent.parent) && ref.parent.parent.expression === ref.parent ? ref.parent.parent : undefined;
      if (!tool) {
        // `carts.delete(id);` on its own, in a callback: a session's cleanup.
        const cleanup = name === state && call && calleeName(call) === 'delete' && ts.isExpressionStatement(call.parent) && enclosingFunction(call) !== undefined;
        if (cleanup) continue;
        return { refused: `${codeSnippet(call ?? ref, 50)} in ${ctx.path} (${whereUsed(ref, sf)})` };
      }
      const reads = sessionReadsIn(tool.handler!.body!, facts);
      const key = name === state ? (call ? accessKey(call) : ts.isElementAccessExpression(ref.parent) && ref.parent.expression === ref ? ref.parent.argumentExpression : undefined) : call && call.expression === ref ? call.arguments[helpers.get(name)!] : undefined;
      if (!key || !madeFromReads(key, reads, 3) || (call && wholeCollectionUse(call))) return { refused: `${codeSnippet(call ?? ref, 50)} in ${toolLabel(tool)} of ${ctx.path}` };
      if (!users.includes(tool)) users.push(tool);
    }
  }
  const ours = (c: Collection) => c.origin === 'external' && (c.name === state || (c.name.endsWith('()') && helpers.has(c.name.slice(0, -2))));
  const zName = zodIdentifier(sf) ?? 'z';
  for (const u of users) {
    if (u.fromList || u.viaWrapper || !addHandleToSchema(u, 'handle', 'it', sf, [], zName)) return { refused: `the input schema of ${toolLabel(u)} in ${ctx.path}, which explicit-handles cannot extend` };
    const other = [...facts.usesOf(u.handler!).collections].find((c) => !ours(c));
    if (other) return { refused: `${toolLabel(u)} of ${ctx.path}, which also keeps ${other.name} by the MCP session id` };
  }
  for (const c of facts.collections.filter(ours)) {
    const creator = users.find((u) => onlyCreates(u, c));
    if (creator) return { refused: `${toolLabel(creator)} of ${ctx.path}, which only creates it` };
    const later = changedAfterReturn(c, users) ?? waitsForAnotherCall(c, users);
    if (later) return { refused: `${codeSnippet(later.node, 50)} in ${toolLabel(later.tool)} of ${ctx.path}, which outlives the call or waits for another` };
  }
  return { tools: users };
}

/** For the runner's planning: the handle of state kept across modules, used by `tools` (as statePlans names one); undefined where `--handle-name` names one a tool takes as its own argument. */
export function crossModuleHandle(state: string, initial: string, tools: readonly Registration[], ctx: CodemodContext): string | undefined {
  const chosen = Object.hasOwn(ctx.handleNames, state) ? ctx.handleNames[state] : undefined;
  if (chosen !== undefined) return takingArgument(tools, chosen).length > 0 ? undefined : chosen;
  return freeHandle(handleNameFor(state), tools, initial === '[]');
}
