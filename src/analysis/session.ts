/**
 * Per-file data-flow facts about the MCP session id.
 *
 * The word "session" proves nothing: a browser session, a CDP session or an OAuth session is not
 * an MCP session. What makes a value the MCP session id is where it comes from:
 *   - `extra.sessionId` / `ctx.sessionId` in a handler, `transport.sessionId`;
 *   - the `Mcp-Session-Id` header (`req.headers[...]`, `headers.get()`, `c.req.header()`, ...);
 *   - the `sessionId` query parameter of the legacy SSE message endpoint;
 *   - the argument of `onsessioninitialized` / `onsessionclosed`;
 *   - a local variable, destructuring, `??`/ternary or template built from one of those;
 *   - a parameter of a local function that is called with one of those.
 * A collection is session-keyed when such a value is used as its key (or its declared type says
 * it holds server transports keyed by string).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import {
  accessChain,
  calleeName,
  constantString,
  enclosingClass,
  isFunctionLike,
  propertyNameText,
  resolveFunction,
  resolveIdentifier,
  stringValue,
  typeNameText,
  unwrap,
} from './ast.js';
import { findRegistrations, type Registration } from './registrations.js';

export const SESSION_HEADER = 'mcp-session-id';

/** Names a handler's context parameter goes by in the wild. */
const CONTEXT_NAMES = new Set(['extra', '_extra', 'ctx', '_ctx', 'context', 'requestExtra', 'handlerExtra', 'mcpExtra', 'extras', 'reqExtra']);

const HEADER_READERS = new Set(['get', 'header', 'getHeader', 'headers', 'getHeaders']);

/** Methods whose first argument is the key of a map-like store (in-memory or external). */
const KEYED_METHODS = new Set([
  'get', 'set', 'has', 'delete', 'add', 'del', 'getItem', 'setItem', 'removeItem', 'put',
  'hget', 'hset', 'hgetall', 'hdel', 'hincrby', 'incr', 'incrby', 'decr', 'expire',
  'sadd', 'srem', 'smembers', 'lpush', 'rpush', 'lrange', 'json.get', 'json.set',
]);

const SEARCH_METHODS = new Set(['find', 'findIndex', 'filter', 'some', 'findLast']);

const TRANSPORT_TYPE = /(ServerTransport|^Transport$|HTTPTransport$)/;
const SERVER_TRANSPORT_TYPE = /(Streamable\w*ServerTransport|SSEServerTransport)$/;
const SERVER_TYPE = /^(McpServer|Server|FastMCP)$/;

export type ValueKind = 'transport' | 'server' | 'session-object' | 'data';

export interface Collection {
  /** The node a finding points at: the declaration's name, or the first keyed use. */
  reportNode: TS.Node;
  /** The declaration node (variable, property, constructor assignment), or the use for external stores. */
  decl: TS.Node;
  name: string;
  /** 'external' when the store is declared elsewhere (another module, a Redis client...). */
  origin: 'declared' | 'external';
  valueKind: ValueKind;
  /** Declared value type text, when there is one. */
  valueType?: string;
  sessionKeyed: boolean;
  keyEvidence?: TS.Node;
  typeEvidence: boolean;
  accesses: TS.Node[];
}

export interface FunctionUse {
  collections: Set<Collection>;
  sessionIdReads: TS.Node[];
}

function isCollectionInitializer(init: TS.Expression | undefined): boolean {
  if (!init) return false;
  const n = unwrap(init);
  if (ts.isNewExpression(n)) {
    const name = calleeName(n);
    return !!name && /^(Map|Set|WeakMap|LRUCache|LRU|NodeCache|TTLCache|QuickLRU)$/.test(name);
  }
  if (ts.isObjectLiteralExpression(n)) return n.properties.length === 0;
  if (ts.isArrayLiteralExpression(n)) return n.elements.length === 0;
  if (ts.isCallExpression(n)) return /^Object\.create$/.test(n.expression.getText()) && n.arguments.length === 1 && n.arguments[0].kind === ts.SyntaxKind.NullKeyword;
  return false;
}

interface TypeShape {
  collection: boolean;
  keyIsString: boolean;
  keyName?: string;
  valueType?: string;
}

function typeShape(type: TS.TypeNode | undefined): TypeShape {
  if (!type) return { collection: false, keyIsString: false };
  if (ts.isTypeReferenceNode(type)) {
    const name = typeNameText(type) ?? '';
    const args = type.typeArguments ?? [];
    if (/^(Map|ReadonlyMap|WeakMap|Record|LRUCache)$/.test(name)) {
      return { collection: true, keyIsString: args.length > 0 && /^(string|String)$/.test(args[0].getText()), valueType: args[1]?.getText() };
    }
    if (/^(Set|ReadonlySet|Array|ReadonlyArray)$/.test(name)) return { collection: true, keyIsString: false, valueType: args[0]?.getText() };
  }
  if (ts.isArrayTypeNode(type)) return { collection: true, keyIsString: false, valueType: type.elementType.getText() };
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    if (index) {
      const param = index.parameters[0];
      return {
        collection: true,
        keyIsString: param?.type?.getText() === 'string',
        keyName: param && ts.isIdentifier(param.name) ? param.name.text : undefined,
        valueType: index.type.getText(),
      };
    }
  }
  return { collection: false, keyIsString: false };
}

function newExpressionShape(init: TS.Expression | undefined): TypeShape {
  if (!init) return { collection: false, keyIsString: false };
  const n = unwrap(init);
  if (ts.isNewExpression(n) && n.typeArguments && n.typeArguments.length > 0) {
    const name = calleeName(n) ?? '';
    if (/^(Map|WeakMap|LRUCache)$/.test(name)) {
      return { collection: true, keyIsString: /^string$/.test(n.typeArguments[0].getText()), valueType: n.typeArguments[1]?.getText() };
    }
    if (name === 'Set') return { collection: true, keyIsString: false, valueType: n.typeArguments[0].getText() };
  }
  return { collection: false, keyIsString: false };
}

function valueKindOfType(text: string | undefined): ValueKind | undefined {
  if (!text) return undefined;
  const base = text.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, '').replace(/\[\]$/, '').trim();
  if (/ClientTransport/.test(base)) return 'data';
  if (TRANSPORT_TYPE.test(base)) return 'transport';
  if (SERVER_TYPE.test(base)) return 'server';
  if (/^\{/.test(text) && /\b(transport|server)\s*[?]?:/.test(text)) return 'session-object';
  if (/Session/.test(base)) return 'session-object';
  return undefined;
}

export class SessionFacts {
  readonly sourceFile: TS.SourceFile;
  /** Whether the file mentions MCP at all; gates rules that match generic words. */
  readonly mcpFile: boolean;
  private readonly taintMemo = new Map<TS.Node, boolean>();
  private readonly inProgress = new Set<TS.Node>();
  private registrationsCache: Registration[] | undefined;
  private contextParams: Set<TS.ParameterDeclaration> | undefined;
  private callSites: Map<TS.Node, TS.CallExpression[]> | undefined;
  private collectionsCache: Collection[] | undefined;
  private readonly byDecl = new Map<TS.Node, Collection>();
  private readonly byMember = new Map<string, Collection>();
  private readonly functionUses = new Map<TS.Node, FunctionUse>();

  constructor(sourceFile: TS.SourceFile, lowerText: string) {
    this.sourceFile = sourceFile;
    this.mcpFile = lowerText.includes('mcp') || lowerText.includes('modelcontextprotocol');
  }

  get registrations(): Registration[] {
    this.registrationsCache ??= findRegistrations(this.sourceFile);
    return this.registrationsCache;
  }

  private isContextParam(param: TS.ParameterDeclaration): boolean {
    if (!this.contextParams) {
      this.contextParams = new Set();
      for (const r of this.registrations) if (r.contextParam) this.contextParams.add(r.contextParam);
    }
    return this.contextParams.has(param);
  }

  /** Whether an identifier or access base is something that carries the MCP session id. */
  private isSessionCarrier(expr: TS.Node): boolean {
    const n = unwrap(expr);
    if (ts.isIdentifier(n)) {
      if (/transport/i.test(n.text)) return true;
      const decl = resolveIdentifier(n);
      if (decl && ts.isParameter(decl) && this.isContextParam(decl)) return true;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = unwrap(decl.initializer);
        if (ts.isNewExpression(init) && TRANSPORT_TYPE.test(calleeName(init) ?? '')) return true;
      }
      return this.mcpFile && CONTEXT_NAMES.has(n.text);
    }
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      if (/transport$/i.test(name)) return true;
      // req.query.sessionId: the legacy SSE message endpoint's routing parameter.
      if (name === 'query' && this.mcpFile) return true;
    }
    if (ts.isCallExpression(n) && calleeName(n) === 'query' && this.mcpFile) return true; // c.req.query().sessionId
    return false;
  }

  /** Whether `node` evaluates to the MCP session id (see the module comment). */
  isSessionId(node: TS.Node): boolean {
    const n = unwrap(node);
    const memo = this.taintMemo.get(n);
    if (memo !== undefined) return memo;
    if (this.inProgress.has(n)) return false;
    this.inProgress.add(n);
    const result = this.computeSessionId(n);
    this.inProgress.delete(n);
    this.taintMemo.set(n, result);
    return result;
  }

  /** Whether the node itself reads the session id from its source (not via a variable). */
  isSessionIdRead(node: TS.Node): boolean {
    const n = unwrap(node);
    if (ts.isPropertyAccessExpression(n)) return n.name.text === 'sessionId' && this.isSessionCarrier(n.expression);
    if (ts.isElementAccessExpression(n)) {
      const key = constantString(n.argumentExpression);
      if (key?.toLowerCase() === SESSION_HEADER) return true;
      return key === 'sessionId' && this.isSessionCarrier(n.expression);
    }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      const first = constantString(n.arguments[0]);
      if (name && HEADER_READERS.has(name) && first?.toLowerCase() === SESSION_HEADER) return true;
      if (this.mcpFile && (name === 'get' || name === 'query') && first === 'sessionId') {
        const receiver = ts.isPropertyAccessExpression(unwrap(n.expression)) ? (unwrap(n.expression) as TS.PropertyAccessExpression).expression : undefined;
        const receiverText = receiver ? accessChain(receiver) ?? receiver.getText() : '';
        return /searchParams|query|req/i.test(receiverText);
      }
    }
    return false;
  }

  private computeSessionId(n: TS.Node): boolean {
    if (this.isSessionIdRead(n)) return true;
    if (ts.isIdentifier(n)) {
      const decl = resolveIdentifier(n);
      if (!decl) return false;
      if (ts.isVariableDeclaration(decl)) return !!decl.initializer && this.isSessionId(decl.initializer);
      if (ts.isBindingElement(decl)) return this.bindingIsSessionId(decl);
      if (ts.isParameter(decl)) return this.parameterIsSessionId(decl);
      return false;
    }
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return this.isSessionId(n.left) || this.isSessionId(n.right);
      return false;
    }
    if (ts.isConditionalExpression(n)) return this.isSessionId(n.whenTrue) || this.isSessionId(n.whenFalse);
    if (ts.isTemplateExpression(n)) return n.templateSpans.some((span) => this.isSessionId(span.expression));
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name === 'String' && n.arguments.length === 1) return this.isSessionId(n.arguments[0]);
      if (name === 'toString' && ts.isPropertyAccessExpression(unwrap(n.expression))) return this.isSessionId((unwrap(n.expression) as TS.PropertyAccessExpression).expression);
    }
    return false;
  }

  private bindingIsSessionId(element: TS.BindingElement): boolean {
    const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    const pattern = element.parent;
    const holder = pattern.parent;
    if (key?.toLowerCase() === SESSION_HEADER) return true;
    if (key !== 'sessionId') return false;
    if (ts.isVariableDeclaration(holder) && holder.initializer) return this.isSessionCarrier(holder.initializer);
    if (ts.isParameter(holder)) return this.isContextParam(holder) || this.isSessionCallbackParam(holder);
    return false;
  }

  /** Parameters of `onsessioninitialized` / `onsessionclosed` callbacks carry the session id. */
  private isSessionCallbackParam(param: TS.ParameterDeclaration): boolean {
    const fn = param.parent;
    if (!isFunctionLike(fn) || fn.parameters[0] !== param) return false;
    const holder = fn.parent;
    if (ts.isPropertyAssignment(holder) || ts.isMethodDeclaration(fn)) {
      const name = propertyNameText(ts.isMethodDeclaration(fn) ? fn.name : (holder as TS.PropertyAssignment).name);
      return name === 'onsessioninitialized' || name === 'onsessionclosed';
    }
    if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = ts.isPropertyAccessExpression(holder.left) ? holder.left.name.text : undefined;
      return name === 'onsessioninitialized' || name === 'onsessionclosed';
    }
    return false;
  }

  private parameterIsSessionId(param: TS.ParameterDeclaration): boolean {
    if (this.isSessionCallbackParam(param)) return true;
    const fn = param.parent;
    if (!isFunctionLike(fn)) return false;
    const index = fn.parameters.indexOf(param);
    for (const call of this.callSitesOf(fn)) {
      const arg = call.arguments[index];
      if (arg && this.isSessionId(arg)) return true;
    }
    return false;
  }

  /** Calls in this file of a local function or class method. */
  private callSitesOf(fn: TS.FunctionLikeDeclaration): TS.CallExpression[] {
    if (!this.callSites) {
      const sites = new Map<TS.Node, TS.CallExpression[]>();
      const add = (target: TS.Node | undefined, call: TS.CallExpression) => {
        if (!target) return;
        const list = sites.get(target);
        if (list) list.push(call);
        else sites.set(target, [call]);
      };
      const visit = (node: TS.Node): void => {
        if (ts.isCallExpression(node)) {
          const callee = unwrap(node.expression);
          if (ts.isIdentifier(callee)) add(resolveFunction(callee), node);
          else if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
            const cls = enclosingClass(node);
            const method = cls?.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
            add(method, node);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(this.sourceFile);
      this.callSites = sites;
    }
    return this.callSites.get(fn) ?? [];
  }

  // -------------------------------------------------------------------------------------------
  // Collections
  // -------------------------------------------------------------------------------------------

  get collections(): Collection[] {
    if (!this.collectionsCache) this.collectionsCache = this.findCollections();
    return this.collectionsCache;
  }

  get sessionCollections(): Collection[] {
    return this.collections.filter((c) => c.sessionKeyed);
  }

  private memberKey(cls: TS.Node, name: string): string {
    return `${cls.pos}:${name}`;
  }

  private declare(decl: TS.Node, nameNode: TS.Node, name: string, shape: TypeShape, memberOf?: TS.Node): Collection {
    const collection: Collection = {
      reportNode: nameNode,
      decl,
      name,
      origin: 'declared',
      valueKind: valueKindOfType(shape.valueType) ?? 'data',
      valueType: shape.valueType,
      sessionKeyed: false,
      typeEvidence: false,
      accesses: [],
    };
    const serverTransportValues = !!shape.valueType && SERVER_TRANSPORT_TYPE.test(shape.valueType.replace(/\s*\|\s*undefined$/, '').replace(/<.*$/, ''));
    const sessionKeyName = !!shape.keyName && /session/i.test(shape.keyName);
    const sessionName = /^(transports|sessions|servers|sessionTransports|sessionServers|activeSessions)$/i.test(name);
    collection.typeEvidence =
      (shape.keyIsString && serverTransportValues) ||
      (sessionKeyName && collection.valueKind !== 'data') ||
      (sessionName && shape.keyIsString && collection.valueKind !== 'data');
    this.byDecl.set(decl, collection);
    if (memberOf) this.byMember.set(this.memberKey(memberOf, name), collection);
    return collection;
  }

  private findCollections(): Collection[] {
    const list: Collection[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const shape = typeShape(node.type);
        const fromNew = newExpressionShape(node.initializer);
        if (shape.collection || isCollectionInitializer(node.initializer)) {
          list.push(this.declare(node, node.name, node.name.text, shape.collection ? shape : fromNew));
        }
      } else if (ts.isPropertyDeclaration(node) && node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
        const shape = typeShape(node.type);
        const fromNew = newExpressionShape(node.initializer);
        const cls = node.parent;
        if (shape.collection || isCollectionInitializer(node.initializer)) {
          list.push(this.declare(node, node.name, node.name.text, shape.collection ? shape : fromNew, cls));
        }
      } else if (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && ts.isIdentifier(node.name) && node.modifiers?.length) {
        const shape = typeShape(node.type);
        if (shape.collection) list.push(this.declare(node, node.name, node.name.text, shape, node.parent.parent));
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        isCollectionInitializer(node.right)
      ) {
        const cls = enclosingClass(node);
        const name = node.left.name.text;
        if (cls && !this.byMember.has(this.memberKey(cls, name))) {
          list.push(this.declare(node, node.left, name, newExpressionShape(node.right), cls));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    this.collectUses(list);
    return list;
  }

  /** The declared collection an expression refers to (`x`, `this.x`, `this.#x`). */
  collectionOf(expr: TS.Node): Collection | undefined {
    const n = unwrap(expr);
    if (ts.isIdentifier(n)) {
      const decl = resolveIdentifier(n);
      return decl ? this.byDecl.get(decl) : undefined;
    }
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(n);
      return cls ? this.byMember.get(this.memberKey(cls, n.name.text)) : undefined;
    }
    return undefined;
  }

  private collectUses(list: Collection[]): void {
    const external = new Map<string, Collection>();
    const noteValue = (collection: Collection, value: TS.Node | undefined) => {
      if (!value || collection.valueKind !== 'data') return;
      const kind = this.valueKindOf(value);
      if (kind !== 'data') collection.valueKind = kind;
    };
    const noteKey = (collection: Collection, key: TS.Node | undefined, at: TS.Node) => {
      if (key && !collection.sessionKeyed && this.isSessionId(key)) {
        collection.sessionKeyed = true;
        collection.keyEvidence = at;
      }
    };
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = unwrap(node.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          const method = callee.name.text;
          let base: TS.Node = callee.expression;
          // subscriptions.get(uri).add(sessionId): attribute to the outer collection.
          const inner = unwrap(base);
          if (ts.isCallExpression(inner) && calleeName(inner) === 'get' && ts.isPropertyAccessExpression(unwrap(inner.expression))) {
            base = (unwrap(inner.expression) as TS.PropertyAccessExpression).expression;
          } else if (ts.isElementAccessExpression(inner)) {
            base = inner.expression;
          }
          const collection = this.collectionOf(base);
          if (collection) {
            collection.accesses.push(node);
            if (KEYED_METHODS.has(method)) {
              noteKey(collection, node.arguments[0], node);
              if (method === 'set') noteValue(collection, node.arguments[1]);
            } else if (SEARCH_METHODS.has(method)) {
              const fn = resolveFunction(node.arguments[0]);
              if (fn && this.comparesWithSessionId(fn)) {
                if (!collection.sessionKeyed) {
                  collection.sessionKeyed = true;
                  collection.keyEvidence = node;
                }
                if (collection.valueKind === 'data') collection.valueKind = 'session-object';
              }
            } else if (method === 'push' || method === 'unshift') {
              noteValue(collection, node.arguments[0]);
              const fn = node.arguments[0];
              if (fn && ts.isObjectLiteralExpression(unwrap(fn))) {
                const obj = unwrap(fn) as TS.ObjectLiteralExpression;
                if (obj.properties.some((p) => ts.isPropertyAssignment(p) && this.isSessionId(p.initializer))) noteKey(collection, p0(obj, this), node);
              }
            }
          } else if (KEYED_METHODS.has(method) && node.arguments.length > 0 && this.isSessionId(node.arguments[0]) && !this.isSessionIdRead(node)) {
            this.noteExternal(external, base, node);
          }
        }
      } else if (ts.isElementAccessExpression(node)) {
        const collection = this.collectionOf(node.expression);
        if (collection) {
          collection.accesses.push(node);
          noteKey(collection, node.argumentExpression, node);
          const parent = node.parent;
          if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) noteValue(collection, parent.right);
        } else if (!this.isSessionIdRead(node) && this.isSessionId(node.argumentExpression) && !/headers$/i.test(node.expression.getText())) {
          this.noteExternal(external, node.expression, node);
        }
      } else if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
        const collection = this.collectionOf(node);
        if (collection && !collection.accesses.includes(node.parent)) collection.accesses.push(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    list.push(...external.values());
  }

  private noteExternal(external: Map<string, Collection>, base: TS.Node, use: TS.Node): void {
    const text = accessChain(base) ?? base.getText();
    if (text.length > 80) return;
    const existing = external.get(text);
    if (existing) {
      existing.accesses.push(use);
      return;
    }
    const last = text.split('.').pop() ?? text;
    const valueKind: ValueKind = /transport/i.test(last) ? 'transport' : /^(servers?|mcpServers?)$/i.test(last) ? 'server' : /session/i.test(last) ? 'session-object' : 'data';
    external.set(text, {
      reportNode: use,
      decl: use,
      name: text,
      origin: 'external',
      valueKind,
      sessionKeyed: true,
      keyEvidence: use,
      typeEvidence: false,
      accesses: [use],
    });
  }

  private comparesWithSessionId(fn: TS.FunctionLikeDeclaration): boolean {
    let found = false;
    const visit = (node: TS.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
          if (this.isSessionId(node.left) || this.isSessionId(node.right)) found = true;
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return found;
  }

  valueKindOf(value: TS.Node): ValueKind {
    const v = unwrap(value);
    if (ts.isNewExpression(v)) {
      const name = calleeName(v) ?? '';
      if (/ClientTransport/.test(name)) return 'data';
      if (TRANSPORT_TYPE.test(name)) return 'transport';
      if (SERVER_TYPE.test(name)) return 'server';
      return 'data';
    }
    if (ts.isIdentifier(v)) {
      const decl = resolveIdentifier(v);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && unwrap(decl.initializer) !== v) {
        const fromInit = this.valueKindOf(decl.initializer);
        if (fromInit !== 'data') return fromInit;
        const fromType = valueKindOfType(decl.type?.getText());
        if (fromType) return fromType;
      }
      if (/transport$/i.test(v.text)) return 'transport';
      if (/^(server|mcpServer)$/i.test(v.text)) return 'server';
      return 'data';
    }
    if (ts.isObjectLiteralExpression(v)) {
      const names = v.properties.map((p) => propertyNameText(p.name as TS.PropertyName) ?? '');
      if (names.some((n) => /^(transport|server|mcpServer)$/.test(n))) return 'session-object';
    }
    return 'data';
  }

  // -------------------------------------------------------------------------------------------
  // What a function touches (for stateful-tool), following calls to local functions
  // -------------------------------------------------------------------------------------------

  usesOf(fn: TS.FunctionLikeDeclaration): FunctionUse {
    const cached = this.functionUses.get(fn);
    if (cached) return cached;
    const use: FunctionUse = { collections: new Set(), sessionIdReads: [] };
    this.functionUses.set(fn, use); // cycle guard: recursive calls see the partial result
    const sessionCollections = new Set(this.sessionCollections);
    const visit = (node: TS.Node): void => {
      if (this.isSessionIdRead(node)) use.sessionIdReads.push(node);
      if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
        const collection = this.collectionOf(node);
        if (collection && sessionCollections.has(collection)) use.collections.add(collection);
      }
      if (ts.isCallExpression(node) || ts.isElementAccessExpression(node)) {
        for (const c of sessionCollections) if (c.origin === 'external' && c.accesses.includes(node)) use.collections.add(c);
      }
      if (ts.isCallExpression(node)) {
        const callee = unwrap(node.expression);
        let target: TS.FunctionLikeDeclaration | undefined;
        if (ts.isIdentifier(callee)) target = resolveFunction(callee);
        else if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const cls = enclosingClass(node);
          const member = cls?.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
          if (member && ts.isMethodDeclaration(member)) target = member;
        }
        if (target && target !== fn) {
          const inner = this.usesOf(target);
          for (const c of inner.collections) use.collections.add(c);
          use.sessionIdReads.push(...inner.sessionIdReads);
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return use;
  }
}

function p0(obj: TS.ObjectLiteralExpression, facts: SessionFacts): TS.Node | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && facts.isSessionId(p.initializer)) return p.initializer;
  return undefined;
}

/** Short human text for the session-id source a node reads (for messages). */
export function describeSessionRead(node: TS.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export { stringValue };
