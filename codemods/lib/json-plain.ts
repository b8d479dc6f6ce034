/**
 * Whether the values of some state survive a JSON round trip, decided from their declared type or,
 * without one, from the values the code stores (storesOnlyPlain). Live objects (a browser, a
 * socket, a class instance), Sets, Maps and Dates do not: moving them into a shared JSON store
 * would break the tool, so explicit-handles marks such state instead of rewriting it.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../../src/analysis/typescript.js';
import { calleeName, enclosingFunction, findAncestor, isAssignment, isExported, isFunctionLike, isLogCall, isPrimitiveLiteral, isStep, isThisOrSuper, literalMember, outermost, propertyNameText, referencesTo, resolveIdentifier, returnedExpressions, stringValue, unwrap, wholeCollectionUse, type Declaration } from '../../src/analysis/ast.js';
import type { TypeDeclaration } from '../../src/analysis/modules.js';
import { isCollectionInitializer, type Collection, type SessionFacts } from '../../src/analysis/session.js';
import { argumentSchema } from '../../src/rules/stateful-tool.js';
import { zodIdentifier } from './imports.js';

export function localTypeDeclaration(name: string, sf: TS.SourceFile): TS.InterfaceDeclaration | TS.TypeAliasDeclaration | undefined {
  for (const s of sf.statements) {
    if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name) return s;
  }
  return undefined;
}

/**
 * Where a type a file imports is declared, when a module of the run declares it (CodemodContext.importedType,
 * asked for the file `from`, this file or the module of a declaration read before): undefined for a
 * package's type or one the run cannot read.
 */
export type ImportedTypes = (from: TS.SourceFile, specifier: string, name: string) => TypeDeclaration | undefined;

/**
 * Types of the MCP SDK (and of the v2 packages) that are plain JSON, by the name they are exported
 * under: each is the type the SDK infers from the zod schema of a protocol message's part, data
 * that crosses the wire as JSON and so survives a JSON round trip (LoggingLevel, a string union:
 * a per-session log level, trial 76B B4). Not `Root`: a map of roots gets a marker of its own
 * (roots are deprecated). The SDK's classes (a server, a transport) are never data.
 */
const SDK_PLAIN_TYPES = new Set(['LoggingLevel', 'Role', 'TextContent', 'ImageContent', 'AudioContent', 'ResourceLink', 'EmbeddedResource', 'ContentBlock', 'PromptMessage', 'SamplingMessage', 'CallToolResult']);

/**
 * What a type name of a file is declared as: an interface or type alias of the file, `'plain'` for
 * a plain JSON type it imports from the SDK (SDK_PLAIN_TYPES), or the declaration of a type it
 * imports from another module of the run (`imported`); undefined where it cannot be seen.
 */
function typeDeclarationOf(name: string, sf: TS.SourceFile, imported?: ImportedTypes): TypeDeclaration | 'plain' | undefined {
  const local = localTypeDeclaration(name, sf);
  if (local) return local;
  for (const s of sf.statements) {
    const bindings = ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) ? s.importClause?.namedBindings : undefined;
    const element = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === name) : undefined;
    if (!element) continue;
    const specifier = ((s as TS.ImportDeclaration).moduleSpecifier as TS.StringLiteral).text;
    const exported = (element.propertyName ?? element.name).text;
    if (specifier.startsWith('@modelcontextprotocol/')) return SDK_PLAIN_TYPES.has(exported) ? 'plain' : undefined;
    return imported?.(sf, specifier, exported);
  }
  return undefined;
}

/** The interface, type alias, class or enum a type name of a file stands for: the file's own, or (with `imported`) the run's module it imports it from. */
export function declaredType(name: string, sf: TS.SourceFile, imported?: ImportedTypes): TypeDeclaration | undefined {
  const found = typeDeclarationOf(name, sf, imported);
  return found === 'plain' ? undefined : found;
}

/**
 * Whether values of a type survive a JSON round trip: primitives, literals, arrays, records and
 * object types of such, and the interfaces and type aliases of the file (or, with `imported`, of
 * the run's module a file imports one from: judged there by the same rules, trial 76B B4) that are.
 */
export function isJsonPlainType(type: TS.TypeNode | undefined, sf: TS.SourceFile, seen = new Set<string>(), imported?: ImportedTypes): boolean {
  if (!type) return false;
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
      return true;
  }
  const plain = (t: TS.TypeNode | undefined, at = sf) => isJsonPlainType(t, at, seen, imported);
  if (ts.isLiteralTypeNode(type)) return true;
  if (ts.isParenthesizedTypeNode(type)) return plain(type.type);
  if (ts.isArrayTypeNode(type)) return plain(type.elementType);
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => plain(t));
  if (ts.isTypeLiteralNode(type)) {
    return type.members.every((m) => (ts.isPropertySignature(m) && plain(m.type)) || (ts.isIndexSignatureDeclaration(m) && plain(m.type)));
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : '';
    const args = type.typeArguments ?? [];
    if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return plain(args[0]);
    if (name === 'Record' && args.length === 2) return plain(args[1]);
    if (name === 'Partial' || name === 'Readonly' || name === 'Required') return args.length === 1 && plain(args[0]);
    // (A name stands for one declaration per file: a type of another module may share it.)
    const key = `${sf.fileName}#${name}`;
    if (seen.has(key)) return true;
    const decl = name === '' ? undefined : typeDeclarationOf(name, sf, imported);
    if (decl === 'plain') return true;
    if (!decl || ts.isClassDeclaration(decl) || ts.isEnumDeclaration(decl)) return false;
    seen.add(key);
    const at = decl.getSourceFile();
    if (ts.isTypeAliasDeclaration(decl)) return plain(decl.type, at);
    return (
      !decl.heritageClauses?.length &&
      decl.members.every((m) => (ts.isPropertySignature(m) && plain(m.type, at)) || (ts.isIndexSignatureDeclaration(m) && plain(m.type, at)))
    );
  }
  return false;
}

/** What keeps a type from being plain JSON, for the advice a marker gives (see typeTrouble). */
export interface TypeTrouble {
  /** Timers (`NodeJS.Timeout`, `ReturnType<typeof setInterval>`): they live in one process and cannot be stored. */
  timers: boolean;
  /** Dates, Sets and Maps: data with a plain form (an ISO string, an array, entries). */
  convertible: string[];
  /** Type names declared outside this file (imported): whether they are plain JSON cannot be seen here. */
  unseen: string[];
}

const TIMER_TYPES = /^(NodeJS\.)?(Timeout|Timer|Immediate)$/;
const CONVERTIBLE_TYPES: Record<string, string> = { Date: 'a Date as an ISO string', Set: 'a Set as an array', ReadonlySet: 'a Set as an array', Map: 'a Map as its entries', ReadonlyMap: 'a Map as its entries' };
/** Standard library types that are never plain JSON and are not data either (a live object). */
const LIVE_TYPES = /^(Promise|Function|WeakMap|WeakSet|WeakRef|AbortController|ChildProcess|EventEmitter|Worker|Buffer)$/;
/** Imported types that are live objects by their well-known names (a browser page, a client, a pool, a socket). */
const LIVE_IMPORTS = /^(Browser|BrowserContext|Page|Frame|ElementHandle|Locator|CDPSession|Client|\w+Client|Pool|PoolClient|Connection|\w+Connection|Socket|WebSocket|Db|Database|Redis|\w*Transport|\w*Server|Process|Subprocess|Terminal|Pty|IPty|Stream|\w+Stream)$/;

/**
 * Why a type that isJsonPlainType refuses is not plain JSON, as far as this file tells (and, with
 * `imported`, the run's modules it imports types from: a class there is a live object, not unseen).
 */
export function typeTrouble(type: TS.TypeNode, sf: TS.SourceFile, imported?: ImportedTypes): TypeTrouble {
  const trouble: TypeTrouble = { timers: false, convertible: [], unseen: [] };
  const seen = new Set<string>();
  const visit = (t: TS.Node, at: TS.SourceFile): void => {
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText(at);
      if (TIMER_TYPES.test(name)) trouble.timers = true;
      else if (name === 'ReturnType' && /\b(setInterval|setTimeout|setImmediate)\b/.test(t.getText(at))) trouble.timers = true;
      else if (Object.hasOwn(CONVERTIBLE_TYPES, name)) {
        if (!trouble.convertible.includes(CONVERTIBLE_TYPES[name])) trouble.convertible.push(CONVERTIBLE_TYPES[name]);
      } else if (!/^(Array|ReadonlyArray|Record|Partial|Readonly|Required)$/.test(name) && !LIVE_TYPES.test(name) && !LIVE_IMPORTS.test(name.split('.').pop()!) && !seen.has(`${at.fileName}#${name}`)) {
        seen.add(`${at.fileName}#${name}`);
        const decl = ts.isIdentifier(t.typeName) ? typeDeclarationOf(name, at, imported) : undefined;
        if (!decl && !isLocalClass(name, at)) trouble.unseen.push(name);
        else if (decl && decl !== 'plain' && (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl))) visit(ts.isTypeAliasDeclaration(decl) ? decl.type : decl, decl.getSourceFile());
      }
    }
    ts.forEachChild(t, (child) => visit(child, at));
  };
  visit(type, sf);
  return trouble;
}

/** A class this file declares (its instances are live objects, not data of an unseen shape). */
function isLocalClass(name: string, sf: TS.SourceFile): boolean {
  return sf.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === name);
}

/** What a value inferred plain JSON is: a primitive (nothing changes it in place), or maybe an object or an array. */
type Plain = 'primitive' | 'object';

/** Calls of the standard library whose result is a primitive, whatever they are handed. */
const PRIMITIVE_CALLS = /^(Date\.now|String|Number|Boolean|parseInt|parseFloat|isNaN|isFinite|Number\.\w+|Math\.\w+|JSON\.stringify|Array\.isArray|encodeURIComponent|decodeURIComponent)$/;
/** Calls of the standard library that read what they are handed and keep nothing of it (structuredClone: a copy). */
const READERS = new RegExp(`${PRIMITIVE_CALLS.source}|^(Object\\.keys|structuredClone)$`);
/** Methods of strings and arrays whose result is a primitive or a new array of strings (`split`). */
const PRIMITIVE_RESULT = /^(join|includes|indexOf|lastIndexOf|toString|toFixed|toPrecision|toUpperCase|toLowerCase|trim|trimStart|trimEnd|startsWith|endsWith|padStart|padEnd|localeCompare|charAt|charCodeAt|codePointAt|substring|substr|replace|replaceAll|repeat|split|normalize|some|every|findIndex|findLastIndex|forEach)$/;
/** Methods of arrays whose result is the array, part of it or its elements (or what their callback returns). */
const PART_RESULT = /^(filter|find|findLast|at|slice|concat|flat|valueOf|sort|reverse|fill|copyWithin|toSorted|toReversed|map|flatMap|reduce|reduceRight)$/;
/** Methods of arrays that call a function with its elements. */
const ELEMENT_CALLBACKS = /^(forEach|map|flatMap|filter|find|findLast|findIndex|findLastIndex|some|every|sort|toSorted|reduce|reduceRight)$/;
/** zod schemas of primitives (`z.string()`), and the calls on a zod schema that keep its type (`.optional()`, `.describe()`). */
const ZOD_PRIMITIVES = /^(string|number|int|boolean|enum|nativeEnum|literal|email|url|uuid)$/;
const ZOD_KEEPS = /^(describe|optional|nullable|nullish|min|max|length|nonempty|int|positive|negative|nonnegative|nonpositive|finite|safe|multipleOf|step|gt|gte|lt|lte|email|url|uuid|cuid|regex|startsWith|endsWith|includes|trim|toLowerCase|toUpperCase|datetime|ip|meta|refine|superRefine|brand|readonly)$/;

/**
 * Without a type: whether every value the code stores in a collection keyed by session is plain
 * JSON (trial 75A B8), seen from what it stores (`set`, an assignment) and from each change made
 * in place through an entry it reads (`d.items.push(text)`, `d.rev += 1`), also through the
 * locals that hold one. A stored value is plain when built only of literals, templates, arrays and
 * objects of such, the tool's arguments its input schema says are strings, numbers, booleans,
 * enums or arrays of those, arithmetic, `.length`, `Date.now()` and values of the entries
 * themselves. Anything else that may be stored (a Date, a Map, an instance, a function, what an
 * unknown call returns) or an entry handed where this cannot follow it (a function of the file)
 * makes it false: a false "plain" would lose data in the JSON round trip of the shared store.
 */
export function storesOnlyPlain(c: Collection, facts: SessionFacts): boolean {
  // (Entries that are all primitives need no look at how they are used; else they are followed.)
  return new StoredValues(c, facts, 'primitive').plain() || new StoredValues(c, facts, 'object').plain();
}

class StoredValues {
  private readonly sf: TS.SourceFile;
  /** Declarations worked out, by what they hold (undefined: not plain). */
  private readonly known = new Map<TS.Node, Plain | undefined>();
  private readonly order: TS.Node[] = [];
  /** Declarations that hold (part of) the state, whose every use is checked. */
  private readonly followed = new Set<Declaration & { name: TS.Identifier }>();
  /** Callbacks of an array method of the state: what they return is followed where the call's result goes. */
  private readonly callbacks = new Set<TS.Node>();
  private readonly handlers: Set<TS.Node>;

  constructor(
    private readonly c: Collection,
    private readonly facts: SessionFacts,
    /** What an entry read back is assumed to be (the stores are checked under that assumption). */
    private readonly entries: Plain,
  ) {
    this.sf = c.decl.getSourceFile();
    this.handlers = new Set(facts.registrations.flatMap((r) => (r.handler ? [r.handler] : [])));
  }

  plain(): boolean {
    const decl = this.c.decl;
    if (!ts.isVariableDeclaration(decl) && !ts.isPropertyDeclaration(decl)) return false;
    // (Exported, another module may store anything in it; made with entries, they are not seen.)
    if (ts.isVariableDeclaration(decl) && isExported(decl.parent.parent)) return false;
    const init = decl.initializer && unwrap(decl.initializer);
    if (init && !(isCollectionInitializer(decl.initializer) && !(ts.isNewExpression(init) && init.arguments?.length))) return false;
    let stores = 0;
    for (const a of this.c.accesses) {
      if (a.getSourceFile() !== this.sf) return false;
      const stored = this.access(a);
      if (stored === false) return false;
      if (stored === 'stores') stores++;
    }
    if (stores === 0) return false;
    for (const d of this.followed) {
      if (!referencesTo(this.sf, d).every((ref) => this.safeUse(ref))) return false;
    }
    return true;
  }

  /** Whether an expression is the collection itself (`drafts`, `this.drafts`). */
  private isCollection(node: TS.Node): boolean {
    const n = unwrap(node);
    if (ts.isIdentifier(n)) return resolveIdentifier(n) === this.c.decl;
    return ts.isPropertyAccessExpression(n) && isThisOrSuper(n.expression) && n.name.text === this.c.name && ts.isPropertyDeclaration(this.c.decl);
  }

  /** An entry read back: `drafts.get(k)`, `counts[k]`. */
  private isEntryRead(node: TS.Node): boolean {
    const n = unwrap(node);
    if (!this.c.accesses.includes(n)) return false;
    if (ts.isCallExpression(n)) return calleeName(n) === 'get' && ts.isPropertyAccessExpression(unwrap(n.expression)) && this.isCollection((unwrap(n.expression) as TS.PropertyAccessExpression).expression);
    return ts.isElementAccessExpression(n) && this.isCollection(n.expression);
  }

  /** What one access of the collection does: stores a plain value ('stores'), something else it allows (true), or what it cannot allow (false). */
  private access(a: TS.Node): boolean | 'stores' {
    const callee = ts.isCallExpression(a) ? unwrap(a.expression) : undefined;
    if (ts.isCallExpression(a) && callee && ts.isPropertyAccessExpression(callee)) {
      // (Through an entry, `d.push(x)`: followed from where the entry is read.)
      if (!this.isCollection(callee.expression)) return true;
      const method = callee.name.text;
      if (method === 'set') return a.arguments[1] && this.stores(this.value(a.arguments[1], true)) ? 'stores' : false;
      if (method === 'get') return this.entries === 'primitive' || this.safeUse(a);
      // (Used whole, `drafts.values()`: explicit-handles leaves it for that.)
      return method === 'has' || method === 'delete' || !!wholeCollectionUse(callee.expression);
    }
    if (ts.isElementAccessExpression(a) && this.isCollection(a.expression)) {
      const at = outermost(a);
      const parent = at.parent;
      if (isAssignment(parent) && parent.left === at) return this.assigned(parent) ? 'stores' : false;
      if (isStep(parent) || ts.isDeleteExpression(parent)) return true;
      return this.entries === 'primitive' || this.safeUse(a);
    }
    // Its name, the receiver of a call counted above, or a use whole; else the collection is handed on (`save(drafts)`).
    const parent = a.parent;
    if (parent === this.c.decl || (ts.isPropertyAccessExpression(parent) && parent.expression === a && this.c.accesses.includes(parent.parent))) return true;
    return ts.isIdentifier(a) && !!wholeCollectionUse(a);
  }

  /** Whether a value of that kind may be stored, under the assumption made of the entries. */
  private stores(kind: Plain | undefined): boolean {
    return kind === 'primitive' || (kind === 'object' && this.entries === 'object');
  }

  /** An assignment to state (`counts[k] = v`, `d.rev += 1`): what it leaves there is plain. */
  private assigned(assignment: TS.BinaryExpression): boolean {
    const op = assignment.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) return this.stores(this.value(assignment.right, true));
    // (`+=`, `-=`...: a number or a string.)
    return true;
  }

  /**
   * Whether an expression's value is plain JSON, and what kind; `store`: it becomes part of the
   * state, so the locals it is read from are followed.
   */
  private value(node: TS.Node, store: boolean): Plain | undefined {
    const n = unwrap(node);
    if (this.isEntryRead(n)) return this.entries;
    if (isPrimitiveLiteral(n) || ts.isTemplateExpression(n)) return 'primitive';
    if (ts.isArrayLiteralExpression(n)) return n.elements.every((e) => this.value(ts.isSpreadElement(e) ? e.expression : e, store)) ? 'object' : undefined;
    if (ts.isObjectLiteralExpression(n)) {
      const fields = n.properties.every((p) => {
        if (p.name && ts.isComputedPropertyName(p.name) && !this.value(p.name.expression, false)) return false;
        if (ts.isPropertyAssignment(p)) return !!this.value(p.initializer, store);
        if (ts.isShorthandPropertyAssignment(p)) return !p.objectAssignmentInitializer && !!this.value(p.name, store);
        return ts.isSpreadAssignment(p) && !!this.value(p.expression, store);
      });
      return fields ? 'object' : undefined;
    }
    if (ts.isIdentifier(n)) return this.named(n, store);
    if (ts.isPropertyAccessExpression(n)) {
      if (n.name.text === 'length') return 'primitive';
      const argument = this.toolArgument(n);
      if (argument) return argument.kind === 'object' && store ? this.follow(argument.param) : argument.kind;
      // A field of a plain value, not a method of its prototype (`d.items.push` is a function).
      return BUILTIN_MEMBERS.has(n.name.text) ? undefined : this.value(n.expression, store) && 'object';
    }
    if (ts.isElementAccessExpression(n)) {
      const key = stringValue(n.argumentExpression);
      return key !== undefined && BUILTIN_MEMBERS.has(key) ? undefined : this.value(n.expression, store) && 'object';
    }
    if (ts.isCallExpression(n)) return this.called(n, store);
    if (ts.isAwaitExpression(n)) return this.value(n.expression, store);
    if (ts.isConditionalExpression(n)) return both(this.value(n.whenTrue, store), this.value(n.whenFalse, store));
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return both(this.value(n.left, store), this.value(n.right, store));
      if (op === ts.SyntaxKind.CommaToken) return this.value(n.right, store);
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return undefined;
      if (COMPARISONS.has(op)) return 'primitive';
      // Arithmetic: a number or a string, unless both sides may be BigInts.
      return this.value(n.left, false) || this.value(n.right, false) ? 'primitive' : undefined;
    }
    if (ts.isPrefixUnaryExpression(n)) {
      if (n.operator === ts.SyntaxKind.ExclamationToken || n.operator === ts.SyntaxKind.PlusToken) return 'primitive';
      return this.value(n.operand, false) && 'primitive';
    }
    if (ts.isPostfixUnaryExpression(n)) return this.value(n.operand, false) && 'primitive';
    if (ts.isTypeOfExpression(n) || ts.isVoidExpression(n) || ts.isDeleteExpression(n)) return 'primitive';
    return undefined;
  }

  /** A call's result: of the standard library, or a method of a plain string or array. */
  private called(n: TS.CallExpression, store: boolean): Plain | undefined {
    const callee = unwrap(n.expression);
    const text = callee.getText(this.sf);
    if (PRIMITIVE_CALLS.test(text)) return 'primitive';
    if (text === 'structuredClone' && n.arguments.length === 1) return this.value(n.arguments[0], false);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    // (A Date's, as before: `new Date().toISOString()`.)
    if (method === 'toISOString') return 'primitive';
    if (PRIMITIVE_RESULT.test(method)) return this.value(callee.expression, false) && (method === 'split' ? 'object' : 'primitive');
    if (!/^(filter|find|findLast|at|slice|concat|flat|valueOf|toSorted|toReversed|map|flatMap)$/.test(method)) return undefined;
    const receiver = this.value(callee.expression, store);
    if (!receiver) return undefined;
    if (method === 'concat' && !n.arguments.every((a) => this.value(a, store))) return undefined;
    if (method === 'map' || method === 'flatMap') {
      const fn = n.arguments[0] && unwrap(n.arguments[0]);
      if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !returnedExpressions(fn).every((r) => this.value(r, store))) return undefined;
      return 'object';
    }
    return receiver;
  }

  /** What a name holds: a local (its value and every value assigned to it), a tool's argument, an element of an array method's callback. */
  private named(id: TS.Identifier, store: boolean): Plain | undefined {
    if (id.text === 'undefined') return 'primitive';
    const decl = resolveIdentifier(id);
    if (!decl || decl === this.c.decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isBindingElement(decl)) || !ts.isIdentifier(decl.name)) return undefined;
    let kind: Plain | undefined;
    if (this.known.has(decl)) kind = this.known.get(decl);
    else {
      // (Assumed while it is worked out: a local that feeds itself, `n = n + 1`. Where it is not
      // plain, what was worked out meanwhile is worked out again.)
      this.known.set(decl, 'object');
      const mark = this.order.push(decl);
      kind = this.declared(decl);
      if (!kind) for (const later of this.order.splice(mark)) this.known.delete(later);
      this.known.set(decl, kind);
    }
    return kind === 'object' && store ? this.follow(decl as Declaration & { name: TS.Identifier }) : kind;
  }

  private declared(decl: TS.VariableDeclaration | TS.ParameterDeclaration | TS.BindingElement): Plain | undefined {
    let kind: Plain | undefined = 'primitive';
    const add = (k: Plain | undefined) => (kind = kind && k && (kind === 'object' || k === 'object' ? 'object' : 'primitive'));
    if (ts.isParameter(decl)) add(this.callbackElement(decl));
    else {
      const root = ts.isBindingElement(decl) ? findAncestor(decl, (x): x is TS.VariableDeclaration | TS.ParameterDeclaration => ts.isVariableDeclaration(x) || ts.isParameter(x)) : decl;
      if (!root) return undefined;
      if (ts.isBindingElement(decl) && decl.initializer) add(this.value(decl.initializer, true));
      if (ts.isParameter(root)) {
        // `({ title }) => ...` of a tool, or an element of an array method's callback.
        const argument = ts.isBindingElement(decl) && decl.parent === root.name ? this.toolArgumentNamed(root, decl) : undefined;
        add(argument ?? (ts.isBindingElement(decl) ? this.callbackElement(root) : undefined));
      } else if (root.initializer) add(this.value(root.initializer, true));
      else if (ts.isForOfStatement(root.parent.parent)) add(this.value(root.parent.parent.expression, true) && 'object');
      else if (!ts.isForInStatement(root.parent.parent)) add(undefined);
    }
    // And every value assigned to it later (not one it is destructured into, `[a, b] = pair`).
    for (const ref of referencesTo(this.sf, decl as Declaration & { name: TS.Identifier })) {
      let at = outermost(ref);
      if (isAssignment(at.parent) && at.parent.left === at) {
        const op = at.parent.operatorToken.kind;
        add(op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? this.value(at.parent.right, true) : 'primitive');
        continue;
      }
      while (ts.isArrayLiteralExpression(at.parent) || ts.isObjectLiteralExpression(at.parent) || ts.isPropertyAssignment(at.parent) || ts.isShorthandPropertyAssignment(at.parent) || ts.isSpreadElement(at.parent) || ts.isSpreadAssignment(at.parent)) at = at.parent;
      if ((isAssignment(at.parent) && at.parent.left === at) || ((ts.isForOfStatement(at.parent) || ts.isForInStatement(at.parent)) && at.parent.initializer === at)) add(undefined);
    }
    return kind;
  }

  /** Follows a declaration that holds (part of) the state: its every use is checked (safeUse). */
  private follow(decl: Declaration & { name: TS.Identifier }): 'object' {
    // (Entries assumed primitives: an object stored is refused anyway.)
    if (this.entries === 'object') this.followed.add(decl);
    return 'object';
  }

  /** The tool handler a function is, where the SDK hands it the arguments as its schema says. */
  private isToolHandler(fn: TS.Node): boolean {
    return this.facts.registrations.some((r) => r.handler === fn && r.kind === 'tool' && !r.viaWrapper && !r.fromList && !r.shape && !r.module && !r.wrapper);
  }

  /** What a tool's argument is, by its input schema: `title` of `({ title }) => ...`. */
  private toolArgumentNamed(param: TS.ParameterDeclaration, element: TS.BindingElement): Plain | undefined {
    const fn = param.parent;
    const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    return fn.parameters[0] === param && !element.dotDotDotToken && key !== undefined && this.isToolHandler(fn) ? this.argumentKind(fn, key) : undefined;
  }

  /** `args.title` of a tool handler's `args`: what the input schema says it is. */
  private toolArgument(n: TS.PropertyAccessExpression): { kind: Plain | undefined; param: TS.ParameterDeclaration & { name: TS.Identifier } } | undefined {
    const holder = unwrap(n.expression);
    const param = ts.isIdentifier(holder) ? resolveIdentifier(holder) : undefined;
    if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name) || param.parent.parameters[0] !== param || !this.isToolHandler(param.parent)) return undefined;
    return { kind: this.argumentKind(param.parent, n.name.text), param: param as TS.ParameterDeclaration & { name: TS.Identifier } };
  }

  private argumentKind(handler: TS.Node, name: string): Plain | undefined {
    const schema = argumentSchema(this.facts, handler, name);
    return schema && (schema.json ? jsonSchemaKind(schema.value) : zodKind(schema.value, this.sf));
  }

  /** A parameter of a callback an array method calls with its elements (`(item, i) => ...` of `items.map`): an element of a plain array, or its index. */
  private callbackElement(param: TS.ParameterDeclaration): Plain | undefined {
    const fn = param.parent;
    const call = fn.parent;
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isCallExpression(call) || call.arguments[0] !== outermost(fn)) return undefined;
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ELEMENT_CALLBACKS.test(callee.name.text) || /^(reduce|reduceRight)$/.test(callee.name.text)) return undefined;
    const index = fn.parameters.indexOf(param);
    if (callee.name.text !== 'sort' && callee.name.text !== 'toSorted' && index === 1) return 'primitive';
    return this.value(callee.expression, true) && 'object';
  }

  /**
   * Whether a use of the state (an entry read, a local that holds one) leaves it plain: reads that
   * keep nothing, changes that store plain values, and where it goes on as the state (a member,
   * a local, back into the collection, the tool's result). False where it is handed to code this
   * cannot follow.
   */
  private safeUse(start: TS.Node): boolean {
    let t: TS.Node = start;
    for (;;) {
      const at = outermost(t);
      const p = at.parent;
      if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === at) {
        const member = outermost(p);
        if (ts.isPropertyAccessExpression(p) && ts.isCallExpression(member.parent) && member.parent.expression === member) {
          const next = this.methodUse(p.name.text, member.parent);
          if (next === true || next === false) return next;
          t = next;
          continue;
        }
        if (ts.isPropertyAccessExpression(p) && p.name.text === 'length') return true;
        t = p;
        continue;
      }
      if (isAssignment(p) && p.left === at) return this.assigned(p);
      if (isAssignment(p) && p.right === at) {
        if (!this.inState(p.left)) return false;
        t = p;
        continue;
      }
      if (ts.isVariableDeclaration(p) && p.initializer === at) return this.followBindings(p.name);
      if (ts.isForOfStatement(p) && p.expression === at) return ts.isVariableDeclarationList(p.initializer) ? p.initializer.declarations.every((d) => this.followBindings(d.name)) : this.inState(p.initializer);
      if (ts.isSpreadElement(p) && !ts.isArrayLiteralExpression(p.parent)) return ts.isCallExpression(p.parent) && this.passedTo(p.parent, p) === true;
      if (ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
        if (ts.isPropertyAssignment(p) && p.initializer !== at) return true;
        t = p.parent;
        continue;
      }
      if (ts.isArrayLiteralExpression(p) || ts.isAwaitExpression(p) || (ts.isConditionalExpression(p) && p.condition !== at)) {
        t = p;
        continue;
      }
      if (ts.isBinaryExpression(p)) {
        const op = p.operatorToken.kind;
        if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || (op === ts.SyntaxKind.CommaToken && p.right === at)) {
          t = p;
          continue;
        }
        // Arithmetic, a comparison, `in`, `instanceof`: a primitive.
        return true;
      }
      if (ts.isCallExpression(p) && p.expression !== at) {
        const next = this.passedTo(p, at);
        if (next === true || next === false) return next;
        t = next;
        continue;
      }
      if (ts.isReturnStatement(p) || (isFunctionLike(p) && p.body === at)) {
        // Returned by a handler (the SDK sends it) or by an array method's callback (followed where the call's result goes).
        const fn = ts.isReturnStatement(p) ? enclosingFunction(p) : p;
        return !!fn && (this.handlers.has(fn) || this.callbacks.has(fn));
      }
      if (ts.isTemplateSpan(p)) return !ts.isTaggedTemplateExpression(p.parent.parent);
      if (ts.isElementAccessExpression(p) || ts.isComputedPropertyName(p) || ts.isConditionalExpression(p)) return true;
      return (
        ts.isPrefixUnaryExpression(p) ||
        ts.isPostfixUnaryExpression(p) ||
        ts.isTypeOfExpression(p) ||
        ts.isVoidExpression(p) ||
        ts.isDeleteExpression(p) ||
        ts.isExpressionStatement(p) ||
        ts.isIfStatement(p) ||
        ts.isWhileStatement(p) ||
        ts.isDoStatement(p) ||
        ts.isForStatement(p) ||
        ts.isForInStatement(p) ||
        ts.isSwitchStatement(p) ||
        ts.isCaseClause(p)
      );
    }
  }

  /** A method called on the state (`d.items.push(text)`): safe, not, or its result, which is still the state. */
  private methodUse(method: string, call: TS.CallExpression): boolean | TS.Node {
    if (/^(push|unshift)$/.test(method)) return call.arguments.every((a) => this.stores(this.value(ts.isSpreadElement(a) ? a.expression : a, true)));
    if (method === 'splice') return call.arguments.slice(2).every((a) => this.stores(this.value(ts.isSpreadElement(a) ? a.expression : a, true)));
    if (method === 'fill' && !(call.arguments[0] && this.stores(this.value(call.arguments[0], true)))) return false;
    // (What they take out is no longer the state.)
    if (method === 'pop' || method === 'shift') return true;
    if (ELEMENT_CALLBACKS.test(method)) {
      const fn = call.arguments[0] && unwrap(call.arguments[0]);
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
        this.callbacks.add(fn);
        if (!fn.parameters.every((param) => this.followBindings(param.name))) return false;
      } else if (!(fn && ts.isIdentifier(fn) && /^(Boolean|String|Number)$/.test(fn.text))) return /^(sort|toSorted)$/.test(method) && !fn ? call : false;
    }
    if (PRIMITIVE_RESULT.test(method)) return true;
    return PART_RESULT.test(method) || /^(keys|values|entries)$/.test(method) ? call : false;
  }

  /** The state handed to a call: read only (safe), kept in the state, or the call's result still is the state. */
  private passedTo(call: TS.CallExpression, arg: TS.Node): boolean | TS.Node {
    const callee = unwrap(call.expression);
    const text = callee.getText(this.sf);
    if (isLogCall(call) || READERS.test(text)) return true;
    if (/^(Object\.(values|entries)|Array\.from)$/.test(text) && call.arguments.length === 1) return call;
    if (text === 'Object.assign') return call.arguments[0] === arg ? (call.arguments.slice(1).every((a) => this.stores(this.value(a, true))) ? call : false) : ts.isObjectLiteralExpression(unwrap(call.arguments[0])) ? call : false;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    // Back into the collection (`drafts.set(sid, d)`: a store, checked as one), or into the state (`d.items.push(item)`).
    if (this.isCollection(callee.expression)) return method === 'set' || method === 'get' || method === 'has' || method === 'delete';
    if (/^(push|unshift|splice|fill)$/.test(method)) return this.inState(callee.expression);
    // An argument of a method of a plain string or array that keeps nothing (`text.includes(d.title)`).
    return PRIMITIVE_RESULT.test(method) && !ELEMENT_CALLBACKS.test(method) && !!this.value(callee.expression, false);
  }

  /** Whether a target is (part of) the state, or a local that is followed from now on as it holds some. */
  private inState(target: TS.Node): boolean {
    let root = unwrap(target);
    while ((ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) && !this.isEntryRead(root)) root = unwrap(root.expression);
    if (this.isEntryRead(root)) return true;
    return ts.isIdentifier(root) && this.followBindings(root, true);
  }

  /** Follows the names a declaration (or an assignment, `reference`) binds the state to: `d` of `const d = drafts.get(k)`, each name of a pattern. */
  private followBindings(name: TS.BindingName, reference = false): boolean {
    if (ts.isIdentifier(name)) {
      const decl = reference ? resolveIdentifier(name) : (name.parent as Declaration);
      if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isBindingElement(decl)) || !ts.isIdentifier(decl.name)) return false;
      this.follow(decl as Declaration & { name: TS.Identifier });
      return true;
    }
    return name.elements.every((e) => ts.isOmittedExpression(e) || this.followBindings(e.name));
  }
}

/** What both sides of a choice (`a ?? b`, `c ? a : b`) make, where both are plain. */
function both(a: Plain | undefined, b: Plain | undefined): Plain | undefined {
  return a && b && (a === 'primitive' && b === 'primitive' ? 'primitive' : 'object');
}

const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
]);

/** Members every string, array or object has from its prototype (functions), not fields of its own. */
const BUILTIN_MEMBERS = new Set(
  [Array.prototype, String.prototype, Object.prototype, Number.prototype, Boolean.prototype].flatMap((proto) => Object.getOwnPropertyNames(proto)).filter((name) => name !== 'length'),
);

/** What a zod schema of an argument makes it: a primitive (`z.string()`, `z.enum([...])`), an array of primitives, or undefined for anything else. */
function zodKind(node: TS.Node, sf: TS.SourceFile): Plain | undefined {
  const n = unwrap(node);
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(unwrap(n.expression))) return undefined;
  const callee = unwrap(n.expression) as TS.PropertyAccessExpression;
  const method = callee.name.text;
  const receiver = unwrap(callee.expression);
  if (ts.isIdentifier(receiver)) {
    if (receiver.text !== (zodIdentifier(sf) ?? 'z')) return undefined;
    if (method === 'array') return n.arguments[0] && zodKind(n.arguments[0], sf) === 'primitive' ? 'object' : undefined;
    return ZOD_PRIMITIVES.test(method) ? 'primitive' : undefined;
  }
  if (method === 'array') return zodKind(receiver, sf) === 'primitive' ? 'object' : undefined;
  if (method === 'default' || method === 'catch') return n.arguments.every(isPrimitiveLiteral) ? zodKind(receiver, sf) : undefined;
  return ZOD_KEEPS.test(method) ? zodKind(receiver, sf) : undefined;
}

/** What a JSON Schema property makes an argument: `{ type: 'string' }`, `{ enum: [...] }`, or an array of such. */
function jsonSchemaKind(node: TS.Node): Plain | undefined {
  const n = unwrap(node);
  if (!ts.isObjectLiteralExpression(n)) return undefined;
  const type = stringValue(literalMember(n, 'type'));
  if (type === 'array') {
    const items = literalMember(n, 'items');
    return items && jsonSchemaKind(items) === 'primitive' ? 'object' : undefined;
  }
  if (type === undefined) {
    const values = literalMember(n, 'enum');
    return values && ts.isArrayLiteralExpression(unwrap(values)) && (unwrap(values) as TS.ArrayLiteralExpression).elements.every(isPrimitiveLiteral) ? 'primitive' : undefined;
  }
  return /^(string|number|integer|boolean)$/.test(type) ? 'primitive' : undefined;
}
