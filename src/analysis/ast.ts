/**
 * Small, dependency-free helpers over the TypeScript compiler AST.
 *
 * The scanner works syntactically, one file at a time, without a type checker: a checker would
 * make scanning a monorepo orders of magnitude slower. Where a rule needs to know what an
 * identifier refers to, `resolveIdentifier` does a lexical scope lookup inside the file.
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { kinds, NodeIndex } from './nodes.js';

export type Node = TS.Node;

/** Strips parentheses, `as`/`satisfies`/`<T>` assertions and non-null `!`. */
export function unwrap(node: TS.Node): TS.Node {
  let current = node;
  // A switch on the kind: this runs for most expressions a rule looks at.
  for (;;) {
    switch (current.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        current = (current as TS.ParenthesizedExpression).expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * The inverse of unwrap: the outermost of the parentheses, assertions and non-null `!` around an
 * expression, as the code around it sees it (`(x as T)!` for `x`).
 */
export function outermost(node: TS.Node): TS.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    switch (parent.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        current = parent;
        break;
      default:
        return current;
    }
  }
}

/** `a`, `a and b`, `a, b and c`: names as a message lists them. */
export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * An expression's code for a message, on one line, in at most `max` characters and never cut
 * inside it: the whole text when it fits; else an access or a call written from its base, the
 * parentheses and assertions around that left out and its arguments elided
 * (`server.server.transport?.sessionId` for `(server.server.transport as { sessionId?: string } |
 * undefined)?.sessionId`, `store.get(…)`), and `…` for a base that still does not fit
 * (`….sessionId`).
 */
export function codeSnippet(node: TS.Node, max = 40): string {
  const text = node.getText().replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const n = unwrap(node);
  if (n !== node) return codeSnippet(n, max);
  const from = (base: TS.Node, tail: string): string => {
    const shown = codeSnippet(base, max - tail.length);
    return shown.length + tail.length <= max ? `${shown}${tail}` : `…${tail}`;
  };
  if (ts.isPropertyAccessExpression(n)) return from(n.expression, `${n.questionDotToken ? '?.' : '.'}${n.name.text}`);
  if (ts.isElementAccessExpression(n)) return from(n.expression, `${n.questionDotToken ? '?.' : ''}[…]`);
  if (ts.isCallExpression(n)) return from(n.expression, `${n.questionDotToken ? '?.' : ''}(…)`);
  return '…';
}

/** `===`, `!==`, `==` or `!=`: a comparison of two values for (in)equality. */
export function isEqualityTest(node: TS.Node): node is TS.BinaryExpression {
  if (!ts.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
}

/** The value of a string literal or a template without substitutions. */
export function stringValue(node: TS.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  return undefined;
}

/** Name of a property name node (identifier, private name, string or numeric literal). */
export function propertyNameText(name: TS.PropertyName | TS.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** `a.b.c(...)` → `c`; `f(...)` → `f`; `new X(...)` → `X`. */
export function calleeName(node: TS.CallExpression | TS.NewExpression): string | undefined {
  const callee = unwrap(node.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee)) return stringValue(callee.argumentExpression);
  return undefined;
}

/** `a.b.c(...)` → the node `a.b`, or undefined for a plain call. */
export function calleeReceiver(node: TS.CallExpression): TS.Expression | undefined {
  const callee = unwrap(node.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return callee.expression;
  return undefined;
}

/** The name of the member accessed by `a.b` / `a['b']`, if static. */
export function accessName(node: TS.Node): string | undefined {
  const n = unwrap(node);
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n)) return stringValue(n.argumentExpression);
  return undefined;
}

/** What a reference is called: an identifier's name or the member an access names (`sessionStore`, `this.sessions`), else ''. */
export function referenceName(node: TS.Node): string {
  const n = unwrap(node);
  return ts.isIdentifier(n) ? n.text : (accessName(n) ?? '');
}

/** The outermost access of a chain that starts at `access` (`a.b.c` of `a.b`, `a[i].b` of `a`). */
export function accessChainTop(access: TS.Node): TS.Node {
  let top = access;
  while ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent)) && top.parent.expression === top) top = top.parent;
  return top;
}

/** Dotted text of a simple access chain (`this.a.b`, `x.y`), else undefined. */
export function accessChain(node: TS.Node): string | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(n)) {
    const left = accessChain(n.expression);
    return left === undefined ? undefined : `${left}.${n.name.text}`;
  }
  return undefined;
}

export function isFunctionLike(node: TS.Node): node is TS.FunctionLikeDeclaration {
  return (
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** How long a subtree's text must be for `walk` to read it off the file's NodeIndex. */
const INDEXED_WALK_MIN = 64;

/**
 * Depth-first walk of a subtree; return `false` from the callback to skip a node's children.
 * The scanner's rules visit whole files through the NodeIndex (nodes.ts), walked once for all.
 */
export function walk(node: TS.Node, visit: (node: TS.Node) => boolean | void): void {
  // A subtree of a file the scanner indexed (NodeIndex): its nodes are read off the index's
  // pre-order array, which costs far less than the compiler's per-node child visits. (A small
  // subtree is not worth finding in the array.)
  if (node.end - node.pos > INDEXED_WALK_MIN) {
    const sourceFile = node.getSourceFile() as TS.SourceFile | undefined;
    const index = sourceFile && NodeIndex.ofFile(sourceFile);
    if (index?.walkSubtree(node, visit)) return;
  }
  // Recursion through forEachChild allocates nothing per node.
  // `go` returns undefined, so forEachChild never stops early.
  const go = (current: TS.Node): undefined => {
    if (visit(current) !== false) ts.forEachChild(current, go);
    return undefined;
  };
  go(node);
}

/** Whether some node of a subtree (the root included) passes `test`; the walk stops at the first. */
export function someNode(root: TS.Node, test: (node: TS.Node) => boolean): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    found = test(n);
    return undefined;
  });
  return found;
}

export function findAncestor<T extends TS.Node>(node: TS.Node, test: (n: TS.Node) => n is T): T | undefined {
  let current: TS.Node | undefined = node.parent;
  while (current) {
    if (test(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/**
 * Deno's package specifiers (`npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js`, `jsr:@std/path`):
 * the scheme, the package's name, an optional version after it, then the module's path.
 */
const DENO_PACKAGE_SPECIFIER = /^(?:npm|jsr):\/?((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/;

/**
 * A module specifier as the package's module, the way Node names it: Deno's `npm:` and `jsr:`
 * specifiers without their scheme and the version after the package's name
 * (`npm:@modelcontextprotocol/sdk@1.25.0/server/mcp.js` is `@modelcontextprotocol/sdk/server/mcp.js`).
 * Every other specifier as it is. The rules compare modules by their Node names, and a Deno server
 * importing the SDK through npm: was not taken for SDK code (trial 68C B3). (Text tests allow the
 * same: SPECIFIER_SCHEME and SPECIFIER_VERSION of mcp.ts.)
 */
export function packageModule(specifier: string): string {
  if (!specifier.startsWith('npm:') && !specifier.startsWith('jsr:')) return specifier;
  const m = DENO_PACKAGE_SPECIFIER.exec(specifier);
  return m ? `${m[1]}${m[2] ?? ''}` : specifier;
}

/**
 * Where an identifier comes from when an import declaration binds it: the module (as Node names
 * it, packageModule), and the name the module exports (`b` for `import { b as c }`, 'default' for
 * a default import, '*' for a namespace). Undefined for anything else (a local, a require, a global).
 */
export function importOf(identifier: TS.Identifier): { module: string; exported: string } | undefined {
  const decl = resolveIdentifier(identifier);
  if (!decl || !(ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl))) return undefined;
  let statement: TS.Node = decl;
  while (!ts.isImportDeclaration(statement)) statement = statement.parent;
  const module = ts.isStringLiteral(statement.moduleSpecifier) ? packageModule(statement.moduleSpecifier.text) : '';
  const exported = ts.isImportSpecifier(decl) ? (decl.propertyName ?? decl.name).text : ts.isImportClause(decl) ? 'default' : '*';
  return { module, exported };
}

/**
 * The names an import declaration binds in its file, each with the name the module exports
 * (as importOf says it: 'default' for a default import, '*' for a namespace).
 */
export function importedBindings(statement: TS.ImportDeclaration): Array<{ local: string; exported: string }> {
  const clause = statement.importClause;
  if (!clause) return [];
  const found = clause.name ? [{ local: clause.name.text, exported: 'default' }] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) found.push({ local: bindings.name.text, exported: '*' });
  if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) found.push({ local: e.name.text, exported: (e.propertyName ?? e.name).text });
  return found;
}

/**
 * The module an identifier is bound from: an import declaration, or `require('m')` in CommonJS
 * (`const { a } = require('m')`, `const m = require('m')`). Undefined for anything else.
 */
export function sourceModuleOf(identifier: TS.Identifier): string | undefined {
  const imported = importOf(identifier)?.module;
  if (imported !== undefined) return imported;
  let decl: TS.Node | undefined = resolveIdentifier(identifier);
  while (decl && (ts.isBindingElement(decl) || ts.isObjectBindingPattern(decl))) decl = decl.parent;
  return decl && ts.isVariableDeclaration(decl) && decl.initializer ? requiredModule(decl.initializer) : undefined;
}

/**
 * The module a `require('m')` reads (as Node names it, packageModule), also as tsc and bundlers wrap
 * it for an ES import compiled to CommonJS (`__importStar(require('m'))`, `__importDefault(...)`, `__toESM(...)`).
 */
export function requiredModule(init: TS.Node): string | undefined {
  let call = unwrap(init);
  if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && /^(__importStar|__importDefault|__toESM)$/.test(call.expression.text) && call.arguments.length > 0) call = unwrap(call.arguments[0]);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require') return undefined;
  const module = stringValue(call.arguments[0]);
  return module === undefined ? undefined : packageModule(module);
}

/** The module a value is loaded from: `require('m')` (requiredModule), or `import('m')`, awaited or not. */
export function loadedModule(init: TS.Node): string | undefined {
  const required = requiredModule(init);
  if (required !== undefined) return required;
  let e = unwrap(init);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  const imported = ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword ? stringValue(e.arguments[0]) : undefined;
  return imported === undefined ? undefined : packageModule(imported);
}

/**
 * The parameter a member is read from: `ctx` of `ctx.member`, or the parameter `member` is
 * destructured from (`(_args, { member }) => ...`). A handler context's `log` or `session`.
 */
export function parameterOfMember(expr: TS.Node, member: string): TS.ParameterDeclaration | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (!decl || !ts.isBindingElement(decl) || propertyNameText(decl.propertyName ?? (decl.name as TS.Identifier)) !== member) return undefined;
    const param = decl.parent.parent;
    return ts.isParameter(param) ? param : undefined;
  }
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== member || !ts.isIdentifier(unwrap(e.expression))) return undefined;
  const decl = resolveIdentifier(unwrap(e.expression) as TS.Identifier);
  return decl && ts.isParameter(decl) ? decl : undefined;
}

/** A string naming a module: an import's or export's specifier, `require('m')`'s or `import('m')`'s argument. */
export function isModuleSpecifier(node: TS.StringLiteral): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return parent.moduleSpecifier === node;
  if (ts.isExternalModuleReference(parent)) return true;
  return ts.isCallExpression(parent) && parent.arguments[0] === node && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require'));
}

/**
 * Where a reference to something a module exports comes from, whichever way the file binds it: an
 * import (`import { A as B }`), a CommonJS destructuring (`const { A: B } = require('m')`, or of
 * `await import('m')`), or a
 * member of the module's namespace (`ns.A` with `import * as ns from 'm'`, or `const ns =
 * require('m')` as tsc compiles an import to CommonJS: `new sse_js_1.SSEServerTransport(...)`).
 * `exported` is the name the module exports. Undefined for anything else.
 */
export function moduleExportOf(node: TS.Node): { module: string; exported: string } | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) {
    const imported = importOf(n);
    if (imported) return imported;
    const decl = resolveIdentifier(n);
    if (!decl || !ts.isBindingElement(decl) || !ts.isObjectBindingPattern(decl.parent) || !ts.isVariableDeclaration(decl.parent.parent)) return undefined;
    const module = decl.parent.parent.initializer && loadedModule(decl.parent.parent.initializer);
    const exported = propertyNameText(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
    return module !== undefined && exported !== undefined ? { module, exported } : undefined;
  }
  const namespace = ts.isPropertyAccessExpression(n) ? unwrap(n.expression) : ts.isQualifiedName(n) ? n.left : undefined;
  if (!namespace || !ts.isIdentifier(namespace)) return undefined;
  const member = ts.isPropertyAccessExpression(n) ? n.name.text : (n as TS.QualifiedName).right.text;
  const imported = importOf(namespace);
  if (imported) return imported.exported === '*' ? { module: imported.module, exported: member } : undefined;
  const decl = resolveIdentifier(namespace);
  const module = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer ? loadedModule(decl.initializer) : undefined;
  return module !== undefined ? { module, exported: member } : undefined;
}

/** A logger the `debug` module made (`const testDebug = debug('pw:mcp')`, `createDebug(...)`, `require('debug')(...)`), not `setDebug()`. */
function debugLogger(name: TS.Identifier): boolean {
  const init = resolveInitializer(name);
  const call = init && unwrap(init);
  if (!call || !ts.isCallExpression(call)) return false;
  const made = unwrap(call.expression);
  return (ts.isIdentifier(made) && /^(debug|createDebug|Debug)$/.test(made.text)) || (ts.isCallExpression(made) && /^require\(\s*['"]debug['"]\s*\)$/.test(made.getText()));
}

/**
 * `console.log(...)`, `logger.info(...)`, `this.logger.debug(...)`, and a `debug` module's
 * loggers called bare (`debug('...')`, `testDebug('...')`): a call that only writes a log line.
 */
export function isLogCall(call: TS.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return /^(debug|log|trace)$/.test(callee.text) || debugLogger(callee) || localLogger(callee);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = unwrap(callee.expression);
  // `logger.info`, `this.logger.warn`, `appLogger.debug`, a framework's logger on the request or app
  // (`request.log.info`, `fastify.log.warn`), and a variable made by a logging library (`const l = log4js.getLogger()`).
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  if (name === 'console') return true;
  if (!name || !/^(log|info|debug|warn|warning|error|trace|verbose|fatal)$/.test(callee.name.text)) return false;
  return LOGGER_NAME.test(name) || (ts.isIdentifier(receiver) && madeLogger(resolveInitializer(receiver)));
}

const logsOnlyMemo = new WeakMap<TS.Node, boolean>();

/**
 * A function of the file that only writes log lines (`const pass = (m: string) => console.log('PASS', m)`):
 * calling it is a log call too (trial 24C).
 */
function localLogger(callee: TS.Identifier): boolean {
  const fn = resolveFunction(callee);
  if (!fn?.body) return false;
  let known = logsOnlyMemo.get(fn);
  if (known === undefined) {
    logsOnlyMemo.set(fn, false); // a logger that calls itself
    const body = fn.body;
    const statements = ts.isBlock(body) ? body.statements : undefined;
    const isLog = (e: TS.Node) => ts.isCallExpression(unwrap(e)) && isLogCall(unwrap(e) as TS.CallExpression);
    known = statements ? statements.length > 0 && statements.every((st) => ts.isExpressionStatement(st) && isLog(st.expression)) : isLog(body);
    logsOnlyMemo.set(fn, known);
  }
  return known;
}

/** A statement that is a log call and nothing else: `console.log('request', req.method);`, `logger.info(...)`. */
export function isLogStatement(statement: TS.Node): boolean {
  return ts.isExpressionStatement(statement) && ts.isCallExpression(unwrap(statement.expression)) && isLogCall(unwrap(statement.expression) as TS.CallExpression);
}

/**
 * Inside the arguments of a log call, within its statement (a start-up banner naming the
 * endpoints, `console.log(\`task: ${request.params.task ? 'yes' : 'no'}\`)`): shown, not acted on.
 */
export function inLogCall(node: TS.Node): boolean {
  for (let n = node.parent; n && !ts.isStatement(n); n = n.parent) if (ts.isCallExpression(n) && isLogCall(n)) return true;
  return false;
}

/** A name that says logger: `logger`, `appLogger`, `log`. */
const LOGGER_NAME = /^(\w*logger|log)$/i;
/** The calls of logging libraries that make a logger: `log4js.getLogger()`, `pino()`, `winston.createLogger({...})`. */
const LOGGER_FACTORY = /^(getLogger|createLogger|pino|bunyan)$/;

/** A logger: named like one, made by a logging library, or such a call itself (`pino()`). */
function isLogger(expr: TS.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return LOGGER_NAME.test(e.text) || madeLogger(resolveInitializer(e));
  return ts.isCallExpression(e) && LOGGER_FACTORY.test(calleeName(e) ?? '');
}

/** What a logging library makes: a factory's call, `new Logger(...)`, or `.child({...})` of a logger. */
function madeLogger(init: TS.Expression | undefined): boolean {
  if (!init) return false;
  if (ts.isNewExpression(init)) return /Logger$/.test(calleeName(init) ?? '');
  if (!ts.isCallExpression(init)) return false;
  const callee = unwrap(init.expression);
  if (calleeName(init) === 'child') return ts.isPropertyAccessExpression(callee) && isLogger(callee.expression);
  return LOGGER_FACTORY.test(calleeName(init) ?? '');
}

/** `undefined` or `void 0` (through parentheses and assertions): `sessionIdGenerator: undefined`. */
export function isUndefinedValue(node: TS.Node): boolean {
  const n = unwrap(node);
  return (ts.isIdentifier(n) && n.text === 'undefined') || ts.isVoidExpression(n);
}

/** `a ?? b`, `a || b`: either side may be the value. */
export function isFallback(node: TS.Node): node is TS.BinaryExpression {
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

/** The process's globals: `globalThis` or `global`, or a `const` of the file holding them (`const g = globalThis as any`). */
function isGlobals(node: TS.Node, depth = 0): boolean {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return false;
  if (n.text === 'globalThis' || n.text === 'global') return !resolveIdentifier(n);
  const decl = depth === 0 ? resolveIdentifier(n) : undefined;
  return !!decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && !!decl.initializer && isGlobals(decl.initializer, depth + 1);
}

/** A property of the globals (`globalThis.__notes`, `g.__notes`): its name. */
export function globalsProperty(node: TS.Node): string | undefined {
  const n = unwrap(node);
  return ts.isPropertyAccessExpression(n) && isGlobals(n.expression) ? n.name.text : undefined;
}

const KEEPING = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);

/** What an assignment to a property of the globals keeps there (`globalThis.__notes ??= []`, `g.__notes = g.__notes || []`: the `[]`). */
function globalsAssignment(node: TS.Node): { name: string; value: TS.Expression } | undefined {
  if (!ts.isBinaryExpression(node) || !KEEPING.has(node.operatorToken.kind)) return undefined;
  const name = globalsProperty(node.left);
  if (name === undefined) return undefined;
  const right = unwrap(node.right);
  return { name, value: isFallback(right) && globalsProperty(right.left) === name ? right.right : node.right };
}

/**
 * The value kept on the process's globals that an expression reads, where Next.js code keeps state
 * across hot reloads (trial 42C): made in place (`(globalThis.__notes ??= [])`, `globalThis.__notes
 * || []`), or a property the file's top level sets (`g.__notes = g.__notes || []; const notes =
 * g.__notes`). Such state lasts as long as the process, as a module-level variable's does.
 */
export function globalsValue(node: TS.Node): TS.Expression | undefined {
  const n = unwrap(node);
  const assigned = globalsAssignment(n);
  if (assigned) return assigned.value;
  // (`g.__notes ?? (g.__notes = [])`: what the assignment keeps.)
  if (isFallback(n)) return globalsProperty(n.left) !== undefined ? (globalsAssignment(unwrap(n.right))?.value ?? n.right) : undefined;
  const name = globalsProperty(n);
  if (name === undefined) return undefined;
  for (const statement of n.getSourceFile().statements) {
    const made = ts.isExpressionStatement(statement) ? globalsAssignment(unwrap(statement.expression)) : undefined;
    if (made?.name === name) return made.value;
  }
  return undefined;
}

/** `this` or `super` (behind parentheses or assertions). */
export function isThisOrSuper(node: TS.Node): boolean {
  const n = unwrap(node);
  return n.kind === ts.SyntaxKind.ThisKeyword || n.kind === ts.SyntaxKind.SuperKeyword;
}

/** `undefined`, `void 0` or `null`. */
export function isNullish(node: TS.Node): boolean {
  return isUndefinedValue(node) || unwrap(node).kind === ts.SyntaxKind.NullKeyword;
}

/** A value written as a primitive literal: `null`, `undefined`, a string, a number, `true` or `false`. */
export function isPrimitiveLiteral(node: TS.Node): boolean {
  const v = unwrap(node);
  return isNullish(v) || ts.isStringLiteralLike(v) || ts.isNumericLiteral(v) || v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword;
}

/** An assignment of any operator (`x = v`, `n += 1`, `v ??= d`). */
export function isAssignment(node: TS.Node): node is TS.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** Methods that change the array, Map or Set they are called on, in place. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill']);

/** The left side of a plain assignment (`x = ...`, `a.b = ...`), seen from the node itself. */
export function isAssignmentTarget(node: TS.Node): boolean {
  const parent = node.parent;
  return !!parent && ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** An expression without the `await` in front of it (and the parentheses, casts and `!` around either). */
export function awaited(node: TS.Node): TS.Node {
  const u = unwrap(node);
  return ts.isAwaitExpression(u) ? unwrap(u.expression) : u;
}

/**
 * The values a variable holds: its initializer, or, declared without one, every value a plain
 * assignment gives it (`let init; init = await fetch(...)`), found under `scope` (its file by default).
 */
export function heldValues(decl: TS.VariableDeclaration | TS.ParameterDeclaration, scope: TS.Node = decl.getSourceFile()): TS.Expression[] {
  if (decl.initializer) return [decl.initializer];
  if (!ts.isIdentifier(decl.name)) return [];
  return referencesTo(scope, decl as Declaration & { name: TS.Identifier }).flatMap((ref) => (isAssignmentTarget(ref) ? [(ref.parent as TS.BinaryExpression).right] : []));
}

/** The nearest function (arrow, expression, declaration, method...) around a node. */
export function enclosingFunction(node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  return findAncestor(node, (n): n is TS.FunctionLikeDeclaration => isFunctionLike(n));
}

/** The nearest enclosing class declaration or expression. */
export function enclosingClass(node: TS.Node): TS.ClassLikeDeclaration | undefined {
  return findAncestor(node, (n): n is TS.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
}

/** A class's `extends` clause (`extends Base<T>`): the base expression with its type arguments. */
export function extendsClause(cls: TS.ClassLikeDeclaration): TS.ExpressionWithTypeArguments | undefined {
  return cls.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
}

/** The class of this file a class extends by name (`class Shop extends Base`), if it is one. */
export function baseClassOf(cls: TS.ClassLikeDeclaration): TS.ClassDeclaration | undefined {
  const base = extendsClause(cls);
  const expr = base && unwrap(base.expression);
  const decl = expr && ts.isIdentifier(expr) ? resolveIdentifier(expr) : undefined;
  return decl && ts.isClassDeclaration(decl) ? decl : undefined;
}

/** The names of every class and interface a class extends or implements (`ns.Base` by its last name). */
export function heritageNames(cls: TS.ClassLikeDeclaration): string[] {
  const names: string[] = [];
  for (const clause of cls.heritageClauses ?? []) {
    for (const type of clause.types) {
      const expr = unwrap(type.expression);
      if (ts.isIdentifier(expr)) names.push(expr.text);
      else if (ts.isPropertyAccessExpression(expr)) names.push(expr.name.text);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Lexical scope resolution
// ---------------------------------------------------------------------------------------------

/** A declaration that an identifier can resolve to. */
export type Declaration =
  | TS.VariableDeclaration
  | TS.ParameterDeclaration
  | TS.BindingElement
  | TS.FunctionDeclaration
  | TS.ClassDeclaration
  | TS.ImportSpecifier
  | TS.ImportClause
  | TS.NamespaceImport
  | TS.ImportEqualsDeclaration;

const scopeCache = new WeakMap<TS.Node, Map<string, Declaration>>();

function addBindingNames(name: TS.BindingName, decl: Declaration | undefined, into: Map<string, Declaration>): void {
  if (ts.isIdentifier(name)) {
    if (decl && !into.has(name.text)) into.set(name.text, decl);
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    addBindingNames(element.name, element, into);
  }
}

function addVariableList(list: TS.VariableDeclarationList, into: Map<string, Declaration>): void {
  for (const decl of list.declarations) {
    if (ts.isIdentifier(decl.name)) {
      if (!into.has(decl.name.text)) into.set(decl.name.text, decl);
    } else {
      addBindingNames(decl.name, undefined, into);
    }
  }
}

function collectStatements(statements: readonly TS.Statement[], into: Map<string, Declaration>): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) addVariableList(statement.declarationList, into);
    else if (ts.isFunctionDeclaration(statement) && statement.name) into.set(statement.name.text, statement);
    else if (ts.isClassDeclaration(statement) && statement.name) into.set(statement.name.text, statement);
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) into.set(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) into.set(bindings.name.text, bindings);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const specifier of bindings.elements) into.set(specifier.name.text, specifier);
      }
    } else if (ts.isImportEqualsDeclaration(statement)) into.set(statement.name.text, statement);
    else if (ts.isExportDeclaration(statement)) continue;
  }
}

const NO_DECLARATIONS: Map<string, Declaration> = new Map();

/** Kinds of node that can introduce names; every other node on the way up is skipped without a lookup. */
const SCOPE_KINDS = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CatchClause,
]);

function scopeDeclarations(scope: TS.Node): Map<string, Declaration> {
  // Most ancestors (calls, property accesses, expressions) declare nothing: no map, no cache entry.
  if (!SCOPE_KINDS.has(scope.kind)) return NO_DECLARATIONS;
  const cached = scopeCache.get(scope);
  if (cached) return cached;
  const names = new Map<string, Declaration>();
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    collectStatements(scope.statements, names);
  }
  if (isFunctionLike(scope)) {
    for (const param of scope.parameters) {
      if (ts.isIdentifier(param.name)) names.set(param.name.text, param);
      else addBindingNames(param.name, undefined, names);
    }
    if ((ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) && scope.name && !names.has(scope.name.text)) {
      if (ts.isFunctionDeclaration(scope)) names.set(scope.name.text, scope);
    }
  }
  if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer) {
    if (ts.isVariableDeclarationList(scope.initializer)) addVariableList(scope.initializer, names);
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) addVariableList(ts.factory.createVariableDeclarationList([scope.variableDeclaration]), names);
  scopeCache.set(scope, names);
  return names;
}

/**
 * The identifiers under `root` that refer to `decl` (resolved by scope), in document order: not
 * the declaration's own name, nor property names that merely share it (`a.x`, `{ x: 1 }`, `x()`).
 */
export function referencesTo(root: TS.Node, decl: Declaration & { name: TS.Identifier }): TS.Identifier[] {
  const name = decl.name;
  const found: TS.Identifier[] = [];
  // The identifiers of the file that bear the name, those under `root` (their span inside its
  // span), not a walk of `root`: rules ask this many times a file.
  for (const node of identifiersNamed(root.getSourceFile(), name.text)) {
    if (node.pos < root.pos || node.end > root.end || node === name || isPropertyName(node)) continue;
    if (resolveIdentifier(node) === decl) found.push(node);
  }
  return found;
}

const identifiersByFile = new WeakMap<TS.SourceFile, Map<string, TS.Identifier[]>>();
const IDENTIFIERS = kinds(ts.SyntaxKind.Identifier);

/** The identifiers of a file with a name, in document order (one walk of the file, the first time a file is asked). */
function identifiersNamed(sf: TS.SourceFile, name: string): readonly TS.Identifier[] {
  let byName = identifiersByFile.get(sf);
  if (!byName) {
    const index = new Map<string, TS.Identifier[]>();
    const add = (node: TS.Identifier) => {
      const list = index.get(node.text);
      if (list) list.push(node);
      else index.set(node.text, [node]);
    };
    // The scanner's node index lists them already; else one walk.
    const nodes = NodeIndex.ofFile(sf);
    // (visit may hand every node over: NodeIndex.exhaustive.)
    const each = (node: TS.Node) => void (ts.isIdentifier(node) && add(node));
    if (nodes) nodes.visit(IDENTIFIERS, each);
    else walk(sf, each);
    identifiersByFile.set(sf, (byName = index));
  }
  return byName.get(name) ?? [];
}

/**
 * The declaration a function is called by: the function's own (`function f() {}`), or the
 * variable it initialises (`const f = () => ...`); what referencesTo takes to find its calls.
 */
export function functionDeclarationOf(fn: TS.Node): (TS.FunctionDeclaration | TS.VariableDeclaration) & { name: TS.Identifier } | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name ? (fn as TS.FunctionDeclaration & { name: TS.Identifier }) : undefined;
  const holder = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && holder && ts.isVariableDeclaration(holder) && holder.initializer === fn && ts.isIdentifier(holder.name)
    ? (holder as TS.VariableDeclaration & { name: TS.Identifier })
    : undefined;
}

/** The name a function is called by: its own (a declaration's, a method's), or the variable, property or field it initialises. */
export function functionNameNode(fn: TS.FunctionLikeDeclaration): TS.Node | undefined {
  if (fn.name) return fn.name;
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === fn) return holder.name;
  return undefined;
}

/** A step of a variable (`count++`, `--left`): a prefix or postfix `++` or `--`. */
export function isStep(node: TS.Node): node is TS.PrefixUnaryExpression | TS.PostfixUnaryExpression {
  return (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken);
}

/** Whether a statement (a function, class or variable statement) carries `export`. */
export function isExported(statement: TS.Node): boolean {
  return ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** An identifier that names a property rather than refers to a binding: `a.x`, `{ x: 1 }`, a method or field `x`. */
export function isPropertyName(node: TS.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  return (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node;
}

/** Whether code names one of `names` as a binding (an identifier that is not a property's name; a string or comment saying it is not). */
export function namesAny(node: TS.Node, names: ReadonlySet<string> | readonly string[]): boolean {
  const set = names instanceof Set ? names : new Set(names as readonly string[]);
  return someNode(node, (n) => ts.isIdentifier(n) && set.has(n.text) && !isPropertyName(n));
}

/**
 * The call a statement's expression makes, through what only waits for it or drops its result:
 * `void x()`, `await x()`, `x().catch(...)`, `x().then(...)`, `x().finally(...)` (and those
 * together). Undefined for anything else.
 */
export function calledThrough(expression: TS.Expression): TS.CallExpression | undefined {
  let v = unwrap(expression);
  for (;;) {
    if (ts.isVoidExpression(v) || ts.isAwaitExpression(v)) v = unwrap(v.expression);
    else if (ts.isCallExpression(v) && /^(catch|then|finally)$/.test(calleeName(v) ?? '') && ts.isPropertyAccessExpression(unwrap(v.expression)) && ts.isCallExpression(unwrap((unwrap(v.expression) as TS.PropertyAccessExpression).expression))) v = unwrap((unwrap(v.expression) as TS.PropertyAccessExpression).expression);
    else return ts.isCallExpression(v) ? v : undefined;
  }
}

/** The object an access chain starts from (`queue` of `queue.items[0].push`), unwrapped. */
export function accessRoot(node: TS.Node): TS.Node {
  let root = unwrap(node);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  return root;
}

/** A variable declared by a statement of the module itself (`let x`, `export const y = ...`), not in a function or a loop. */
export function isModuleVariable(decl: TS.Node | undefined): decl is TS.VariableDeclaration {
  return !!decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
}

/** The module-level variable an identifier (or the root of an access chain) refers to. */
export function moduleVariableOf(node: TS.Node): TS.VariableDeclaration | undefined {
  const root = accessRoot(node);
  const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  return isModuleVariable(decl) ? decl : undefined;
}

/** A statement of a statement list (a block, a file, a module, a `case`): where a comment may stand above it. */
export function inStatementList(node: TS.Node): boolean {
  const parent = node.parent;
  return !!parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent));
}

/** The innermost node whose code (its comments before it left out) holds `pos`; the file where none does. */
export function nodeAt(sourceFile: TS.SourceFile, pos: number): TS.Node {
  let node: TS.Node = sourceFile;
  for (let deeper = true; deeper; ) {
    deeper = false;
    ts.forEachChild(node, (child) => {
      if (!deeper && child.getStart(sourceFile) <= pos && pos < child.getEnd()) {
        node = child;
        deeper = true;
      }
    });
  }
  return node;
}

/** Resolves an identifier to its declaration in this file by lexical lookup, or undefined. */
export function resolveIdentifier(identifier: TS.Identifier): Declaration | undefined {
  const name = identifier.text;
  let current: TS.Node | undefined = identifier.parent;
  while (current) {
    const found = scopeDeclarations(current).get(name);
    if (found) return found;
    current = current.parent;
  }
  return undefined;
}

/**
 * What a name destructured from an object in a variable declaration takes: the object (the
 * declaration's initializer) and the key (`ctx.mcpReq` and `send` of `const { send } = ctx.mcpReq`,
 * `send: s` renamed too). Undefined for any other declaration, or a key that is computed.
 */
export function destructuredFrom(decl: TS.Node | undefined): { from: TS.Expression; key: string } | undefined {
  if (!decl || !ts.isBindingElement(decl) || !ts.isObjectBindingPattern(decl.parent) || !ts.isVariableDeclaration(decl.parent.parent) || !decl.parent.parent.initializer) return undefined;
  const key = decl.propertyName ? propertyNameText(decl.propertyName) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  return key === undefined ? undefined : { from: decl.parent.parent.initializer, key };
}

/**
 * The variable declaration an identifier refers to: its own (`const form = ...`), or the one whose
 * destructuring binds it (`const { code } = req.body`); undefined for a parameter, a function or
 * anything else.
 */
export function declaringVariable(node: TS.Node): TS.VariableDeclaration | undefined {
  const n = unwrap(node);
  const decl = ts.isIdentifier(n) ? resolveIdentifier(n) : undefined;
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl)) return decl;
  return ts.isBindingElement(decl) ? findAncestor(decl, ts.isVariableDeclaration) : undefined;
}

/**
 * The options object a call or `new` is handed at `index`, when this file shows all of it: an
 * object literal without spreads, there or in the const it names. Undefined when there is none
 * (`given: false`) or its keys are not known here.
 */
export function shownOptions(args: readonly TS.Expression[] | undefined, index: number): { given: false } | { given: true; options: TS.ObjectLiteralExpression } | undefined {
  const arg = args?.[index];
  if (!arg) return { given: false };
  const value = ts.isIdentifier(unwrap(arg)) ? resolveInitializer(arg) : unwrap(arg);
  return value && ts.isObjectLiteralExpression(value) && !value.properties.some(ts.isSpreadAssignment) ? { given: true, options: value } : undefined;
}

/** The initializer of a `const`/`let` declaration an identifier resolves to, unwrapped. */
export function resolveInitializer(node: TS.Node): TS.Expression | undefined {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return undefined;
  const decl = resolveIdentifier(n);
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return unwrap(decl.initializer) as TS.Expression;
  return undefined;
}

/**
 * A string literal, an identifier bound to a `const` string literal, or a member of the file's
 * enum or constant object that holds one (`Method.PING` of `enum Method { PING = 'ping' }`).
 */
export function constantString(node: TS.Node | undefined): string | undefined {
  if (!node) return undefined;
  const direct = stringValue(node);
  if (direct !== undefined) return direct;
  const n = unwrap(node);
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) return memberString(n.expression, n.name.text);
  // Deeper in a const object of the file: `ROUTES.attach.path`.
  if (ts.isPropertyAccessExpression(n)) {
    const value = literalMember(constObject(n.expression), n.name.text);
    return value ? stringValue(value) : undefined;
  }
  const init = resolveInitializer(node);
  return init ? stringValue(init) : undefined;
}

/**
 * Whether a node is in the `initialize` branch of a function assigned to a server's
 * `fallbackRequestHandler` (`if (request.method === 'initialize')`, `case 'initialize':`): the
 * SDK's Server answers initialize with a handler of its own, and the fallback only sees methods
 * that have none, so that branch never runs (trial 18C).
 */
export function inDeadInitializeBranch(node: TS.Node): boolean {
  const fn = enclosingFunction(node);
  const assigned = fn?.parent;
  if (!assigned || !ts.isBinaryExpression(assigned) || assigned.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assigned.right !== fn) return false;
  const target = unwrap(assigned.left);
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'fallbackRequestHandler') return false;
  const initialize = /(['"`])initialize\1/;
  for (let n: TS.Node = node; n !== fn; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.elseStatement !== n && initialize.test(parent.expression.getText())) return true;
    if (ts.isCaseClause(parent) && constantString(parent.expression) === 'initialize') return true;
  }
  return false;
}

/** The object literal a `const` of the file, or a member of one, holds (`ROUTES`, `ROUTES.attach`). */
function constObject(node: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const n = unwrap(node);
  let value: TS.Node | undefined;
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    value = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) ? decl.initializer : undefined;
  } else if (ts.isPropertyAccessExpression(n)) {
    value = literalMember(constObject(n.expression), n.name.text);
  }
  const init = value ? unwrap(value) : undefined;
  return init && ts.isObjectLiteralExpression(init) ? init : undefined;
}

/** What an object literal gives a property: its value (`store: notes`), or the name it is short for (`{ store }`). Undefined for a method, a spread, or none. */
export function literalMember(object: TS.Node | undefined, member: string): TS.Expression | undefined {
  const property = object && ts.isObjectLiteralExpression(object) ? object.properties.find((p) => p.name !== undefined && propertyNameText(p.name) === member) : undefined;
  return property && ts.isShorthandPropertyAssignment(property) ? property.name : property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
}

/**
 * The string a member of an enum or a `const` object literal of the file holds; or of an enum
 * of another module of the run the file imports (`case McpMethod.Initialize:` with the enum in
 * constants.ts, trial 54B B4), where the caller said how to read that module (readImportedMembers).
 */
function memberString(holder: TS.Identifier, member: string): string | undefined {
  const decl = resolveIdentifier(holder);
  if (!decl) return enumMemberString(holder.getSourceFile(), holder.text, member);
  if (ts.isImportSpecifier(decl)) {
    const imported = importOf(holder);
    return imported && memberOfEnum(importedEnums.get(holder.getSourceFile())?.(imported.module, imported.exported), member);
  }
  const init = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  const value = literalMember(init, member);
  return value ? stringValue(value) : undefined;
}

/** A member of a top-level enum of a file (enums are not among the declarations scopes record). */
function enumMemberString(sf: TS.SourceFile, name: string, member: string): string | undefined {
  return memberOfEnum(sf.statements.find((st): st is TS.EnumDeclaration => ts.isEnumDeclaration(st) && st.name.text === name), member);
}

/** The string an enum's member holds. */
function memberOfEnum(en: TS.EnumDeclaration | undefined, member: string): string | undefined {
  const m = en?.members.find((e) => propertyNameText(e.name) === member);
  return m?.initializer ? stringValue(m.initializer) : undefined;
}

/** Per file, the enum another module of the run exports under a name, as its importer names it (readImportedMembers). */
const importedEnums = new WeakMap<TS.SourceFile, (specifier: string, exported: string) => TS.EnumDeclaration | undefined>();

/**
 * Lets constantString read the members of the enums a file imports from other modules of the run
 * (not a `const` object's: an imported tool definition's `goTo.name` is the registrations'
 * business): `find` finds the enum a specifier's module exports under a name (and records the dependency).
 */
export function readImportedMembers(sf: TS.SourceFile, find: (specifier: string, exported: string) => TS.EnumDeclaration | undefined): void {
  importedEnums.set(sf, find);
}

/** Array methods whose callback's first parameter is each element in turn. */
const ELEMENT_CALLBACKS = /^(forEach|map|flatMap|filter|find|some|every)$/;

/**
 * The list an element comes from: `for (const x of LIST)`, or `LIST.forEach((x) => ...)` and the
 * like; the expression of that list, or undefined for any other binding.
 */
export function iteratedList(decl: TS.Node | undefined): TS.Expression | undefined {
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent) && decl.parent.parent.initializer === decl.parent) return decl.parent.parent.expression;
  const fn = ts.isParameter(decl) ? decl.parent : undefined;
  const call = fn?.parent;
  if (!fn || !isFunctionLike(fn) || fn.parameters[0] !== decl || !call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.test(callee.name.text) ? callee.expression : undefined;
}

/** A `const` declaration (not `let` or `var`: those may hold something else by the time they are read). */
export function isConstDeclaration(decl: TS.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** The object and array literals an expression may be, when each is one (through consts, loop variables, members). */
function literalsOf(node: TS.Node, depth: number): TS.Node[] | undefined {
  const n = unwrap(node);
  if (ts.isObjectLiteralExpression(n) || ts.isArrayLiteralExpression(n)) return [n];
  const values = depth > 0 ? possibleValues(n, depth - 1) : undefined;
  if (!values) return undefined;
  const found: TS.Node[] = [];
  for (const value of values) {
    const literals = literalsOf(value, depth - 1);
    if (!literals) return undefined;
    found.push(...literals);
  }
  return found;
}

/** What a list's elements are: an array literal's (no spreads), or an object literal's values (`Object.values(TABLE)`). */
function elementsOf(list: TS.Node, depth: number): TS.Node[] | undefined {
  const n = unwrap(list);
  const values = ts.isCallExpression(n) && n.arguments.length === 1 && unwrap(n.expression).getText() === 'Object.values';
  const literals = literalsOf(values ? n.arguments[0] : n, depth);
  if (!literals) return undefined;
  const found: TS.Node[] = [];
  for (const literal of literals) {
    if (values !== ts.isObjectLiteralExpression(literal)) return undefined;
    const members = memberValues(literal);
    if (!members) return undefined;
    found.push(...members);
  }
  return found;
}

/** Every value a literal holds: an array's elements, an object's property values; undefined with a spread or a method. */
function memberValues(literal: TS.Node): TS.Node[] | undefined {
  if (ts.isArrayLiteralExpression(literal)) return literal.elements.some(ts.isSpreadElement) ? undefined : [...literal.elements];
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const found: TS.Node[] = [];
  for (const p of literal.properties) {
    if (ts.isPropertyAssignment(p)) found.push(p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) found.push(p.name);
    else return undefined;
  }
  return found;
}

/**
 * The expressions a value may be, one step on: a const's initializer, each element of the literal
 * list a loop variable walks, the member of a literal object an access names (each one's, for a
 * holder that may be several), or every member of it for a key only run time knows. Undefined
 * where any of them is unknown.
 */
function possibleValues(n: TS.Node, depth: number): TS.Node[] | undefined {
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return isConstDeclaration(decl) ? [decl.initializer] : undefined;
    const list = iteratedList(decl);
    if (list) return elementsOf(list, depth);
    return decl && ts.isParameter(decl) ? argumentsFor(decl) : undefined;
  }
  if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return undefined;
  const holders = literalsOf(n.expression, depth);
  if (!holders) return undefined;
  const key = ts.isPropertyAccessExpression(n) ? n.name.text : constantString(n.argumentExpression);
  const found: TS.Node[] = [];
  for (const holder of holders) {
    if (key === undefined) {
      const members = memberValues(holder);
      if (!members) return undefined;
      found.push(...members);
      continue;
    }
    const member = literalMember(holder, key);
    if (!member) return undefined;
    found.push(member);
  }
  return found;
}

/**
 * What a parameter is handed at every call of its function in this file (`notifyAll(kind.method)`
 * for `notifyAll(method)`; of a method, every `x.notifyAll(...)` of the file): undefined where a call
 * leaves it out, spreads its arguments, or the function is called nowhere here (or is exported, or
 * handed away: its callers are elsewhere).
 */
function argumentsFor(param: TS.ParameterDeclaration): TS.Node[] | undefined {
  const fn = param.parent;
  if (param.dotDotDotToken || !isFunctionLike(fn) || !fn.body) return undefined;
  const index = fn.parameters.indexOf(param);
  const calls: TS.CallExpression[] = [];
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && ts.isClassLike(fn.parent)) {
    const name = fn.name.text;
    let escapes = false;
    // Every call of a method so named in the file, on `this` or on an instance.
    walk(fn.getSourceFile(), (node) => {
      if (!ts.isPropertyAccessExpression(node) || node.name.text !== name) return;
      if (ts.isCallExpression(node.parent) && node.parent.expression === node) calls.push(node.parent);
      else escapes = true;
    });
    if (escapes || (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.PublicKeyword) ?? false)) return undefined;
  } else {
    const decl = functionDeclarationOf(fn);
    if (!decl || isExported(ts.isVariableDeclaration(decl) ? decl.parent.parent : decl)) return undefined;
    for (const ref of referencesTo(fn.getSourceFile(), decl)) {
      if (!ts.isCallExpression(ref.parent) || ref.parent.expression !== ref) return undefined;
      calls.push(ref.parent);
    }
  }
  if (calls.length === 0 || calls.some((c) => c.arguments.length <= index || c.arguments.some((a) => ts.isSpreadElement(a)))) return undefined;
  return calls.map((c) => c.arguments[index]);
}

/**
 * Every string a value may be, when each is knowable: a literal, a const, a conditional of them, a
 * template of them, or what a literal table or list holds there (`KINDS.tools.method`, `METHODS[kind]`,
 * `kind.method` for `kind` of `Object.values(KINDS)`). Undefined where any is not known.
 */
export function constantStrings(node: TS.Node | undefined, depth = 6): string[] | undefined {
  if (!node || depth < 0) return undefined;
  const n = unwrap(node);
  const direct = stringValue(n);
  if (direct !== undefined) return [direct];
  if (ts.isConditionalExpression(n)) {
    const a = constantStrings(n.whenTrue, depth - 1);
    const b = a && constantStrings(n.whenFalse, depth - 1);
    return a && b ? [...new Set([...a, ...b])] : undefined;
  }
  if (ts.isTemplateExpression(n)) {
    let texts: string[] = [n.head.text];
    for (const span of n.templateSpans) {
      const values = constantStrings(span.expression, depth - 1);
      if (!values || texts.length * values.length > 64) return undefined;
      texts = texts.flatMap((t) => values.map((v) => t + v + span.literal.text));
    }
    return [...new Set(texts)];
  }
  const values = possibleValues(n, depth - 1);
  if (!values) return undefined;
  const found: string[] = [];
  for (const value of values) {
    const strings = constantStrings(value, depth - 1);
    if (!strings) return undefined;
    found.push(...strings);
  }
  return [...new Set(found)];
}

/** The function a callback argument refers to: an inline function or a local function by name. */
export function resolveFunction(node: TS.Node | undefined): TS.FunctionLikeDeclaration | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return n;
  if (ts.isIdentifier(n)) {
    const decl = resolveIdentifier(n);
    if (decl && ts.isFunctionDeclaration(decl)) return decl;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = unwrap(decl.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}

/**
 * The one function a factory returns, written there or held in a local first
 * (`function makeAsk(server) { return async (message) => { ... } }`, `const ask = ...; return ask`).
 */
function returnedFunction(factory: TS.FunctionLikeDeclaration): TS.FunctionLikeDeclaration | undefined {
  const returned = returnedExpressions(factory);
  return returned.length === 1 ? resolveFunction(returned[0]) : undefined;
}

/**
 * The function a call of a factory of the file gives back (`makeAsk(server)`, `await
 * makeHandler()`): what calling its result runs.
 */
export function factoryProduct(expression: TS.Expression): TS.FunctionLikeDeclaration | undefined {
  const e = unwrap(expression);
  const made = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
  if (!ts.isCallExpression(made)) return undefined;
  const factory = resolveFunction(made.expression);
  return factory ? returnedFunction(factory) : undefined;
}

/** The function a local made by a factory call holds (`const ask = makeAsk(server)`): factoryProduct of its initializer. */
export function madeFunction(name: TS.Identifier): TS.FunctionLikeDeclaration | undefined {
  const decl = resolveIdentifier(name);
  return decl && ts.isVariableDeclaration(decl) && decl.initializer ? factoryProduct(decl.initializer) : undefined;
}

/** The name of a `new X(...)` expression or of the declared type `X` / `X<...>`. */
export function typeNameText(node: TS.TypeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName;
    return ts.isIdentifier(name) ? name.text : name.right.text;
  }
  return undefined;
}

/**
 * Whether a declared type is one `named` accepts by its name (typeNameText), also as a member of
 * a union (`RegisteredTool | undefined`) or an intersection (`Extra & { user: string }`).
 */
export function typeNamed(node: TS.TypeNode | undefined, named: (name: string) => boolean): boolean {
  return !!node && typeReferences(node).some((ref) => {
    const name = typeNameText(ref);
    return name !== undefined && named(name);
  });
}

/** The type references a type is made of: itself, or the members of a union or an intersection, through parentheses. */
export function typeReferences(type: TS.TypeNode): TS.TypeReferenceNode[] {
  if (ts.isParenthesizedTypeNode(type)) return typeReferences(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.flatMap(typeReferences);
  return ts.isTypeReferenceNode(type) ? [type] : [];
}

/**
 * Whether an identifier is a run-time reference to something (a value being used), rather than
 * the name a declaration introduces (`const PingRequestSchema = ...`, an import or export
 * specifier, an object key) or a mention in a type (`typeof X`, `X<T>`).
 */
export function isValueReference(identifier: TS.Identifier): boolean {
  const parent = identifier.parent;
  if (
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isExportSpecifier(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isTypeQueryNode(parent) ||
    ts.isQualifiedName(parent) ||
    ts.isExpressionWithTypeArguments(parent)
  ) {
    return false;
  }
  const declaresName =
    ts.isVariableDeclaration(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isClassDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isBindingElement(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isEnumMember(parent);
  if (declaresName && (parent as TS.NamedDeclaration).name === identifier) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  // `export const X = ns.X`: an alias that re-exports the name under itself, not a use of it.
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) {
    const holder = parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer === parent && ts.isIdentifier(holder.name) && holder.name.text === identifier.text) return false;
  }
  return true;
}

/** Whether `scope` assigns `<target>.<member> = ...` (`transport.onmessage = ...`), the target by its text. */
export function assignsMember(scope: TS.Node, target: string, member: string): boolean {
  return someNode(scope, (node) => ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === member && node.left.expression.getText() === target);
}

/** Calls that subscribe a listener: `emitter.on(event, fn)`, `addEventListener(event, fn)`. */
export const LISTENS = /^(on|once|addListener|addEventListener)$/;

/** Calls that run a function handed to them on a timer: `setInterval(fn, ms)`. */
export const TIMERS = /^(setInterval|setTimeout|setImmediate)$/;

/**
 * Calls that run a function handed to them later, after the call that hands it may have returned:
 * a timer, a listener, a promise's continuation, a microtask, a subscription.
 */
export const RUNS_LATER = new RegExp(`${TIMERS.source}|${LISTENS.source}|^(queueMicrotask|nextTick|then|catch|finally|subscribe)$`);

/** `w.on('change')`: a listener's subscription as a finding names it. */
export function listenerLabel(call: TS.CallExpression): string {
  const event = constantString(call.arguments[0]);
  return `${codeSnippet(unwrap(call.expression), 40)}(${event === undefined ? '...' : `'${event}'`})`;
}

/** Whether a class member (or a function that is one) is static. */
export function isStaticMember(member: TS.Node): boolean {
  return (ts.getCombinedModifierFlags(member as TS.Declaration) & ts.ModifierFlags.Static) !== 0;
}

/** Whether a switch's clauses include `case '<value>':` (a constant string). */
export function switchHasCase(block: TS.CaseBlock, value: string): boolean {
  return block.clauses.some((c) => ts.isCaseClause(c) && constantString(c.expression) === value);
}

/** JSON-RPC requests of MCP that servers answer, whose keys make an object a hand-written dispatch table. */
const DISPATCHED_METHODS = /^(?:initialize|server\/discover|(?:tools|prompts)\/(?:list|call|get)|resources\/(?:list|read|templates\/list)|completion\/complete)$/;

/**
 * The JSON-RPC method a member of a hand-written dispatch table answers (`{ initialize: () =>
 * ..., ping: () => ({}), 'tools/list': ... }`, a handler map looked up by the request's method):
 * its key, when it is a function and the object literal holding it has at least two functions
 * keyed by MCP requests servers answer, one of them with a slash (`tools/list`). A config object with a `ping` interval and an
 * `initialize` hook is no table.
 */
export function dispatchTableMethod(member: TS.Node): string | undefined {
  if (!handlerMember(member) || !ts.isObjectLiteralExpression(member.parent)) return undefined;
  const key = propertyNameText(member.name);
  if (key === undefined) return undefined;
  const answered = member.parent.properties.filter(handlerMember).map((p) => propertyNameText(p.name)).filter((k): k is string => k !== undefined && DISPATCHED_METHODS.test(k));
  return answered.length >= 2 && answered.some((k) => k.includes('/')) ? key : undefined;
}

/** A member of an object literal that is a function (`ping() {}`, `ping: () => ({})`): a handler; a schema or `null` beside a method name is a registry's entry. */
function handlerMember(member: TS.Node): member is TS.PropertyAssignment | TS.MethodDeclaration {
  return ts.isMethodDeclaration(member) || (ts.isPropertyAssignment(member) && isFunctionLike(unwrap(member.initializer)));
}

/** Whether a dispatch table (see dispatchTableMethod) of `member` has a key for `method`. */
export function tableHasMethod(member: TS.Node, method: string): boolean {
  return ts.isObjectLiteralExpression(member.parent) && member.parent.properties.some((p) => p.name !== undefined && propertyNameText(p.name) === method);
}

/** Requests 2025 servers answered that 2026-07-28 removed. */
const REMOVED_REQUESTS = /^(?:ping|logging\/setLevel|resources\/(?:subscribe|unsubscribe))$/;

/** Whether a method is a request an MCP server answers, or a 2025 one did (DISPATCHED_METHODS, REMOVED_REQUESTS): what a client sends, and a server's handler objects name. */
export function isServerAnsweredMethod(method: string): boolean {
  return DISPATCHED_METHODS.test(method) || REMOVED_REQUESTS.test(method);
}

/** What a handler object's function is called (`handle()`, `execute: async (params) => ...`): not a message's own (`toJSON`), nor a pending request's (`resolve`, `callback`). */
const HANDLER_FUNCTION = /^(handle\w*|handler|execute|exec|run|process|invoke|respond|serve|answer)$/;

/** What a JSON-RPC message has beside its method, and a handler object has not. */
const MESSAGE_MEMBER = /^(jsonrpc|id|params)$/;

/**
 * The method a handler object names in its `method` field: a class's property initialised with a
 * constant string (`readonly method = 'ping'`) or an object literal's member (`{ method: 'ping',
 * handle() {...} }`), beside a function named for handling (HANDLER_FUNCTION).
 */
function handlerObjectField(field: TS.Node): string | undefined {
  if (!(ts.isPropertyDeclaration(field) || ts.isPropertyAssignment(field)) || propertyNameText(field.name) !== 'method') return undefined;
  const method = constantString(field.initializer);
  if (method === undefined) return undefined;
  const members: readonly (TS.ClassElement | TS.ObjectLiteralElementLike)[] = ts.isPropertyDeclaration(field) ? field.parent.members : ts.isObjectLiteralExpression(field.parent) ? field.parent.properties : [];
  // A message, with the function that takes its response (a client's `{ id, method: 'ping', params, handle(result) {...} }`).
  if (members.some((m) => MESSAGE_MEMBER.test(propertyNameText(m.name) ?? ''))) return undefined;
  const handles = members.some((m) => {
    if (!HANDLER_FUNCTION.test(propertyNameText(m.name) ?? '')) return false;
    const value = ts.isPropertyDeclaration(m) || ts.isPropertyAssignment(m) ? m.initializer && unwrap(m.initializer) : undefined;
    const fn = ts.isMethodDeclaration(m) ? m : value && isFunctionLike(value) ? value : undefined;
    return !!fn && !actsOnClient(fn);
  });
  return handles ? method : undefined;
}

/**
 * Whether a handler object's function takes a client to act on (`run: (c: Client) => c.ping()`,
 * `run: (client) => client.listTools()`): a monitor's or a test's probe that sends the method it
 * names, not a handler that answers it, which takes the request's params (review 94 point 8).
 */
function actsOnClient(fn: TS.FunctionLikeDeclaration): boolean {
  const first = fn.parameters[0];
  if (!first) return false;
  if (/Client$/.test(typeNameText(first.type) ?? '')) return true;
  return !!fn.body && someNode(fn.body, (n) => {
    const callee = ts.isCallExpression(n) ? unwrap(n.expression) : undefined;
    const receiver = callee && ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
    return !!receiver && ts.isIdentifier(receiver) && resolveIdentifier(receiver) === first;
  });
}

const handledByFile = new WeakMap<TS.SourceFile, Map<TS.Node | string, Set<string>>>();

/**
 * The set a handler object belongs to: the array literal that lists it, else the type its class
 * implements or extends (`implements RequestHandler`), else the file's other such objects. A health
 * check's list (`[{ method: 'ping', run() {...} }]`) is a set of its own.
 */
function handlerGroup(field: TS.PropertyDeclaration | TS.PropertyAssignment): TS.Node | string {
  const holder = field.parent;
  if (ts.isObjectLiteralExpression(holder)) {
    const list = outermost(holder).parent;
    return list && ts.isArrayLiteralExpression(list) ? list : '';
  }
  const base = holder.heritageClauses?.[0]?.types[0];
  return base ? `:${base.expression.getText()}` : '';
}

/** The MCP requests (isServerAnsweredMethod) the handler objects of a field's set (handlerGroup) name. */
function handlerObjectMethods(field: TS.PropertyDeclaration | TS.PropertyAssignment): ReadonlySet<string> {
  const sf = field.getSourceFile();
  let groups = handledByFile.get(sf);
  if (!groups) {
    groups = new Map();
    for (const name of identifiersNamed(sf, 'method')) {
      const holder = name.parent;
      const method = (holder as { name?: TS.Node }).name === name ? handlerObjectField(holder) : undefined;
      if (method === undefined || !isServerAnsweredMethod(method)) continue;
      const group = handlerGroup(holder as TS.PropertyDeclaration | TS.PropertyAssignment);
      const methods = groups.get(group);
      if (methods) methods.add(method);
      else groups.set(group, new Set([method]));
    }
    handledByFile.set(sf, groups);
  }
  return groups.get(handlerGroup(field)) ?? new Set();
}

/**
 * The JSON-RPC method a hand-written handler object answers (`class PingHandler { readonly method =
 * 'ping'; async handle() { return {}; } }`, `{ method: 'ping', handle: () => ({}) }` in a list),
 * which a router registers by that field (`handlers.set(h.method, h)`) and looks up by the
 * request's method: the method, when the handler objects of its set (handlerGroup) name at least
 * two MCP requests a server answers, one of them with a slash (as dispatchTableMethod asks of a
 * table's keys). A health check's `{ method: 'ping', run() {...} }` beside an HTTP `GET` one is no such set.
 */
export function handlerObjectMethod(field: TS.Node): string | undefined {
  const method = handlerObjectField(field);
  if (method === undefined) return undefined;
  const methods = handlerObjectMethods(field as TS.PropertyDeclaration | TS.PropertyAssignment);
  return methods.size >= 2 && [...methods].some((m) => m.includes('/')) ? method : undefined;
}

/** Whether the set of a handler object's `method` field (see handlerObjectMethod) answers `method` too. */
export function handlerObjectsAnswer(field: TS.Node, method: string): boolean {
  return handlerObjectField(field) !== undefined && handlerObjectMethods(field as TS.PropertyDeclaration | TS.PropertyAssignment).has(method);
}

const returnedMemo = new WeakMap<TS.Node, TS.Expression[]>();

/** The expressions a function returns (an arrow's expression body, or its `return` statements outside nested functions). */
export function returnedExpressions(fn: TS.FunctionLikeDeclaration): TS.Expression[] {
  const known = returnedMemo.get(fn);
  if (known) return known;
  const found: TS.Expression[] = [];
  returnedMemo.set(fn, found);
  if (!fn.body) return found;
  if (!ts.isBlock(fn.body)) {
    found.push(fn.body);
    return found;
  }
  walk(fn.body, (node) => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    return undefined;
  });
  return found;
}

/**
 * The value type a JSDoc `@type` tag above a declaration gives (`/** @type {Map<string, string[]>} *\/`
 * → `string[]`; an index signature's too). Files are parsed without JSDoc (parse.ts), so the tag is
 * read from the comment and its type parsed on its own.
 */
export function jsDocValueType(decl: TS.Node, sf: TS.SourceFile): TS.TypeNode | undefined {
  // Asked per finding that names the state (stateName) and by explicit-handles: worked out once per declaration.
  const known = jsDocTypes.get(decl);
  if (known !== undefined) return known ?? undefined;
  const found = readJsDocValueType(decl, sf);
  jsDocTypes.set(decl, found ?? null);
  return found;
}

const jsDocTypes = new WeakMap<TS.Node, TS.TypeNode | null>();

function readJsDocValueType(decl: TS.Node, sf: TS.SourceFile): TS.TypeNode | undefined {
  const tag = jsDocTypeTag(decl, sf);
  const doc = tag && sf.text.slice(tag.pos, tag.end);
  const type = doc ? braced(doc, doc.indexOf('@type')) : undefined;
  if (type === undefined) return undefined;
  // The file's `@typedef {{ items: string[] }} Cart` tags, as type aliases beside it (trial 19A).
  const typedefs: string[] = [];
  for (let at = sf.text.indexOf('@typedef'); at >= 0; at = sf.text.indexOf('@typedef', at + 8)) {
    const body = braced(sf.text, at);
    const name = body === undefined ? undefined : /^\}\s*([A-Za-z_$][\w$]*)/.exec(sf.text.slice(sf.text.indexOf('{', at) + body.length + 1))?.[1];
    if (body !== undefined && name) typedefs.push(`type ${name} = ${body.replace(/\n\s*\*/g, '\n')};`);
  }
  const alias = ts.createSourceFile('jsdoc.ts', [`type T = ${type};`, ...typedefs].join('\n'), ts.ScriptTarget.Latest, true);
  const node = alias.statements[0] && ts.isTypeAliasDeclaration(alias.statements[0]) ? alias.statements[0].type : undefined;
  if (node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 2) return node.typeArguments[1];
  if (node && ts.isTypeLiteralNode(node)) return node.members.find(ts.isIndexSignatureDeclaration)?.type;
  return undefined;
}

/**
 * The JSDoc comment above a declaration (its statement's, for a variable) that holds a `@type`
 * tag: the last such one, by its range in the file. Files are parsed without JSDoc (parse.ts).
 */
export function jsDocTypeTag(decl: TS.Node, sf: TS.SourceFile): TS.CommentRange | undefined {
  const statement = ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) ? decl.parent.parent : decl;
  const comments = ts.getLeadingCommentRanges(sf.text, statement.pos) ?? [];
  return comments.reverse().find((c) => sf.text.startsWith('/**', c.pos) && sf.text.slice(c.pos, c.end).includes('@type'));
}

/** The text between the first `{` at or after `from` and its matching `}`, or undefined. */
function braced(text: string, from: number): string | undefined {
  const start = from < 0 ? -1 : text.indexOf('{', from);
  if (start < 0) return undefined;
  let depth = 0;
  for (let end = start; end < text.length; end++) {
    if (text[end] === '{') depth++;
    else if (text[end] === '}' && --depth === 0) return text.slice(start + 1, end);
  }
  return undefined;
}

/** `X`, `X.values()`, `Object.values(X)`, `Array.from(X)`, `[...X]`: the collection iterated. */
export function iterated(expr: TS.Expression): TS.Expression {
  let e = unwrap(expr) as TS.Expression;
  for (;;) {
    if (ts.isCallExpression(e) && /^(values|entries)$/.test(calleeName(e) ?? '') && ts.isPropertyAccessExpression(unwrap(e.expression)) && e.arguments.length === 0) {
      e = unwrap((unwrap(e.expression) as TS.PropertyAccessExpression).expression) as TS.Expression;
    } else if (ts.isCallExpression(e) && /^(Object\.values|Array\.from)$/.test(unwrap(e.expression).getText()) && e.arguments.length === 1) {
      e = unwrap(e.arguments[0]) as TS.Expression;
    } else if (ts.isArrayLiteralExpression(e) && e.elements.length === 1 && ts.isSpreadElement(e.elements[0])) {
      e = unwrap(e.elements[0].expression) as TS.Expression;
    } else return e;
  }
}

/**
 * Whether a collection (`notes`, `this.notes`) is used whole where it stands: read across its
 * entries (`notes.values()`, `notes.size`, `for (const n of notes)`, `[...notes]`,
 * `Object.keys(files)`) or emptied (`notes.clear()`: `clears`); `counts`: only its size is read.
 * Undefined for a use of one entry.
 */
export function wholeCollectionUse(n: TS.Expression): { clears: boolean; counts?: boolean } | undefined {
  const access = n.parent;
  if (ts.isPropertyAccessExpression(access) && access.expression === n) {
    const method = access.name.text;
    const called = ts.isCallExpression(access.parent) && access.parent.expression === access;
    if (called && /^(values|keys|entries|forEach)$/.test(method)) return { clears: false };
    if (called && method === 'clear') return { clears: true };
    // Only how many entries there are (a metric, a health check).
    if (!called && method === 'size') return { clears: false, counts: true };
    return undefined;
  }
  if (ts.isSpreadElement(access) || (ts.isForOfStatement(access) && access.expression === n) || (ts.isForInStatement(access) && access.expression === n)) return { clears: false };
  if (ts.isCallExpression(access) && access.arguments[0] === n && /^Object\.(values|keys|entries)$/.test(access.expression.getText())) return { clears: false };
  return undefined;
}
