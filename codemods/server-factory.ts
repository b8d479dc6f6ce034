/**
 * server-factory: one module-level MCP server, connected to the transport of every session or
 * request, becomes a factory that builds a server per connection.
 *
 *   const server = new McpServer({ name: 'shop', version: '1.0.0' });     function createServer() {
 *   server.registerTool('add', ...);                                  →      const server = new McpServer({ name: 'shop', version: '1.0.0' });
 *   ...                                                                     server.registerTool('add', ...);
 *   app.post('/mcp', async (req, res) => {                                  return server;
 *     ...                                                                 }
 *     await server.connect(transport);                                    ...
 *                                                                           await createServer().connect(transport);
 *
 * An SDK server answers through the transport it connected last, so one server shared by every
 * request or session makes concurrent clients lose their answers (shared-server); the per-request
 * rewrites (stateless-transport, sse-transport, v2-handler) need a factory and otherwise stop at
 * a marker. This codemod runs before them and gives them one.
 *
 * It only moves what it can follow: the server's declaration (module level, not exported) and the
 * setup statements on it at module level (`server.tool(...)`, `registerTool`, `prompt`,
 * `resource`, `setRequestHandler`, ... also through `server.server`; `registerTools(server)`; handlers assigned to it,
 * `server.server.onerror = ...`; loops of registrations), which move into the factory in their
 * order, comments with them; and `server.connect(transport)` in a function that builds an HTTP or
 * SSE transport, which becomes `createServer().connect(transport)` (or, where that function uses
 * the server for more, `const server = createServer()` at its start). Any other use of the
 * server (exported, closed, logged through, handed to a helper fix cannot tell only sets it up
 * (handedToSetup), used in a timer), or a close hook
 * that ends the process (it would end it with the first connection), leaves the file as it was:
 * the setup would run once per connection or not at all. Lines inside template literals keep
 * their text. The move is tagged `review`: every connection now builds its tools.
 *
 * On a move to the v2 packages (target 2026-07-28) a stdio connect counts too, at module level
 * or in main(): v2-handler then serves it with `serveStdio(() => createServer())`, which needs a
 * function that builds the server. A server that serves stdio alone and cannot move gets no marker
 * here (v2-handler's says what serveStdio needs).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from '../src/analysis/typescript.js';
import { isExported, calleeName, enclosingFunction, referencesTo, resolveFunction, unwrap, walk } from '../src/analysis/ast.js';
import { REGISTERING_HELPER } from '../src/rules/stateful-tool.js';
import { applyEdits, indentUnit, insideTemplate, lineEnd, lineInRewrite, lineOf, lineStart, removeStatement, startWithLeadingComments, templateSpans } from './lib/edits.js';
import type { Change, CodeCodemod, Marker, TextEdit } from './types.js';
import { SPEC_TRANSPORT } from './lib/messages.js';
import { statementHead } from './lib/syntax.js';
import { closeHookEndingProcess, SERVER_CLASS } from '../src/rules/shared-server.js';
import { NEW_CONNECTION_TRANSPORT } from '../src/analysis/transports.js';
import { connectedTransport, connectsStdio, isStdio, stdioConnect } from './lib/stdio.js';


/** Calls that set the server up: what the factory must repeat for every server it builds. */
const SETUP_METHODS = new Set([
  'tool', 'registerTool', 'prompt', 'registerPrompt', 'resource', 'registerResource', 'registerResourceTemplate',
  'setRequestHandler', 'setNotificationHandler', 'registerCapabilities', 'experimental',
]);


/** The identifier an access chain starts from, past `.server` (`server.server.x` → `server`). */
function serverBase(expr: TS.Expression): TS.Identifier | undefined {
  let base = unwrap(expr);
  if (ts.isPropertyAccessExpression(base) && base.name.text === 'server') base = unwrap(base.expression);
  return ts.isIdentifier(base) ? base : undefined;
}

/** `server.registerTool(...)`, `server.server.setRequestHandler(...)`, possibly awaited: on the server named. */
function isSetupCall(expr: TS.Node, name: string): boolean {
  let call = unwrap(expr as TS.Expression);
  if (ts.isAwaitExpression(call) || ts.isVoidExpression(call)) call = unwrap(call.expression);
  if (!ts.isCallExpression(call) || !SETUP_METHODS.has(calleeName(call) ?? '')) return false;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && serverBase(callee.expression)?.text === name;
}

/**
 * `registerTools(server)`: the server handed (as an argument, the call a statement of its own, not
 * awaited) to a function that sets it up, with nothing else built for it there (`createPool()` would
 * run per server). A function of the file whose statements all set up that parameter (setup
 * statements, isSetupStatement); one of another module by a name that says it registers tools,
 * prompts or resources (REGISTERING_HELPER: `registerBrowserTools`, `addPrompts`), called as a
 * function (not a method of a registry: `servers.add(server)` keeps it). Repeated in the factory,
 * such a call sets up every server it builds.
 */
function handedToSetup(expr: TS.Node, name: string, depth = 0): boolean {
  if (!ts.isCallExpression(expr) || depth > 2 || !ts.isIdentifier(unwrap(expr.expression))) return false;
  const at = expr.arguments.findIndex((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as TS.Identifier).text === name);
  if (at < 0) return false;
  let builds = false;
  expr.arguments.forEach((a, i) => i !== at && walk(a, (n) => void ((ts.isCallExpression(n) || ts.isNewExpression(n)) && (builds = true))));
  if (builds) return false;
  const fn = resolveFunction(expr.expression);
  if (!fn) return REGISTERING_HELPER.test(calleeName(expr) ?? '') && !/^(unregister|remove)/.test(calleeName(expr) ?? '');
  const param = fn.parameters[at];
  if (!param || !ts.isIdentifier(param.name) || !fn.body || !ts.isBlock(fn.body) || fn.body.statements.length === 0) return false;
  const inner = param.name.text;
  return fn.body.statements.every((st) => isSetupStatement(st, inner, depth + 1));
}

/** The function a server is handed to as an argument at `ref` (`keepAlive(server)`), by name, where that call is a module-level statement of its own. */
function handedTo(ref: TS.Node): string | undefined {
  const call = ref.parent;
  return ts.isCallExpression(call) && call.arguments.includes(ref as TS.Expression) && ts.isExpressionStatement(call.parent) && ts.isSourceFile(call.parent.parent) ? calleeName(call) : undefined;
}

/**
 * A module-level statement that sets the named server up, to be repeated for every server built:
 * a registration call, or the server handed to a function that sets it up (handedToSetup); a
 * handler assigned to it (`server.server.onerror = ...`); a loop of registrations
 * (`tools.forEach((t) => server.registerTool(...))`, `for (const t of tools) ...`).
 */
function isSetupStatement(statement: TS.Statement, name: string, depth = 0, helpers = true): boolean {
  const only = (body: TS.Node): boolean => {
    if (ts.isBlock(body)) return body.statements.length > 0 && body.statements.every((st) => ts.isExpressionStatement(st) && isSetupCall(st.expression, name));
    if (ts.isExpressionStatement(body)) return isSetupCall(body.expression, name);
    return isSetupCall(body, name);
  };
  if (ts.isForOfStatement(statement) || ts.isForInStatement(statement)) return only(statement.statement);
  if (!ts.isExpressionStatement(statement)) return false;
  const e = unwrap(statement.expression);
  if (isSetupCall(e, name) || (helpers && handedToSetup(e, name, depth))) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(e.left)) {
    return /^on[a-z]+$/.test(e.left.name.text) && serverBase(e.left.expression)?.text === name;
  }
  if (ts.isCallExpression(e) && calleeName(e) === 'forEach' && e.arguments.length === 1) {
    const cb = unwrap(e.arguments[0]);
    return (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && only(cb.body);
  }
  return false;
}

/**
 * `server.connect(transport)` in a function that builds a connection's transport; with `stdio`
 * (a move to the v2 packages, where v2-handler serves stdio with serveStdio from a factory), also
 * `server.connect(new StdioServerTransport())` anywhere, the transport inline or from a const.
 */
function connectSite(ref: TS.Identifier, stdio: boolean): TS.CallExpression | undefined {
  const call = connectReceiver(ref);
  if (!call) return undefined;
  // The transport it connects is one built per connection: not stdio's, once per process, even in a
  // function that builds HTTP transports in a branch or a callback of its own.
  const built = connectedTransport(call);
  // (In the shape v2-handler serves with serveStdio: else the move would leave it as it is.)
  if (stdio && built && isStdio(built) && stdioConnect(built, call.getSourceFile())?.connect === call) return call;
  if (built && !NEW_CONNECTION_TRANSPORT.test(built.getText())) return undefined;
  const fn = enclosingFunction(call);
  return fn && NEW_CONNECTION_TRANSPORT.test(fn.getText()) ? call : undefined;
}

/** `server.connect(x)` of which `ref` is the receiver. */
function connectReceiver(ref: TS.Identifier): TS.CallExpression | undefined {
  const access = ref.parent;
  const call = access?.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'connect' && ts.isCallExpression(call) && call.expression === access && call.arguments.length === 1 ? call : undefined;
}

/** A free name for the factory: create<Name> (createServer for `server`, createMcpServer for `mcpServer`), else build<Name>. */
function factoryName(serverName: string, sf: TS.SourceFile): string | undefined {
  const capital = `${serverName[0].toUpperCase()}${serverName.slice(1)}`;
  return [`create${capital}`, `build${capital}`, `new${capital}`].find((name) => !new RegExp(`\\b${name}\\b`).test(sf.text));
}

/**
 * Removes statements, each run of adjacent ones as one span (with their comments), so that the
 * blank lines around a run do not end up next to each other.
 */
function removeRuns(statements: readonly TS.Statement[], sf: TS.SourceFile): TextEdit[] {
  const text = sf.text;
  const edits: TextEdit[] = [];
  const index = (s: TS.Statement) => sf.statements.indexOf(s);
  for (let i = 0; i < statements.length; ) {
    let j = i;
    while (j + 1 < statements.length && index(statements[j + 1]) === index(statements[j]) + 1) j++;
    if (i === j) edits.push(removeStatement(statements[i], sf));
    else {
      const start = lineStart(text, startWithLeadingComments(statements[i], sf));
      let end = lineEnd(text, statements[j].getEnd());
      // A blank line on both sides: one of them goes.
      const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(end));
      if (blankAfter && (start === 0 || /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, start - 4), start)))) end += blankAfter[0].length;
      edits.push({ start, end, text: '' });
    }
    i = j + 1;
  }
  return edits;
}

/** Where the line holding `pos` ends (its newline, or the end of the text). */
function endOfLine(text: string, pos: number): number {
  const end = lineEnd(text, pos);
  return text[end - 1] === '\n' ? end - 1 : end;
}

/** `text` (which starts at `offset` in the file) one indent unit deeper, except lines that start inside a template literal. */
function indented(text: string, offset: number, unit: string, spans: Array<[number, number]>): string {
  let at = offset;
  return text
    .split('\n')
    .map((line) => {
      const start = at;
      at += line.length + 1;
      if (line.trim() === '') return '';
      return insideTemplate(start, spans) ? line : unit + line;
    })
    .join('\n');
}

/**
 * Whether the codemod leaves the module-level server `name` that every connection shares as it
 * was (used outside its setup, exported, or in a shape it does not move): moved to the v2
 * packages, which refuse a second connect(), every client after the first would fail (trial 44C),
 * so the move holds the package on v1.
 */
export function factoryLeaves(sf: TS.SourceFile, name: string, cached: ReadonlySet<string>): boolean {
  const statement = sf.statements.find((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
  const plan = statement && planFactory(statement, sf, new Set(), cached, true);
  return !plan || 'blocked' in plan;
}

export const serverFactory: CodeCodemod = {
  kind: 'code',
  id: 'server-factory',
  title: 'A server per connection, from a factory',
  target: 'any',
  resolves: ['shared-server'],
  keywords: ['.connect('],
  transform({ text, sourceFile: sf }, ctx) {
    if (!ctx.allows('review')) return { text, changes: [], markers: [] };
    const edits: TextEdit[] = [];
    const changes: Change[] = [];
    const markers: Marker[] = [];
    const unit = indentUnit(text);
    const taken = new Set<string>();
    for (const statement of sf.statements) {
      const plan = planFactory(statement, sf, taken, ctx.cachedServers, ctx.target === '2026-07-28');
      if (!plan) continue;
      if ('blocked' in plan) {
        // Connected per connection, but used in a way a server per connection would not share.
        const exported = plan.blocked === (statement as TS.VariableStatement).declarationList.declarations[0].name;
        const what =
          plan.why ??
          (exported
            ? 'it is exported, and other modules would keep using the one server. Export a function that builds it instead'
            : handedTo(plan.blocked)
              ? `it is also handed to ${handedTo(plan.blocked)}() here (${statementHead(plan.blocked)}), and fix cannot tell that this call only sets the server up (registers tools, prompts, handlers). If it does, write the factory by hand (a function that builds ${plan.name}, makes this call and returns it) and connect what it returns; if it does more (starts a timer, keeps the server), keep that part out of the factory`
              : `it is also used here (${statementHead(plan.blocked)}), outside its setup. Move this use into the server's setup (or give it an object of its own)`);
        markers.push({
          line: lineOf(sf, plan.blocked.getStart(sf)),
          message: `${plan.name} is one server connected to the transport of every connection, and fix could not move its setup into a factory: ${what}, then run fix again`,
          link: SPEC_TRANSPORT,
        });
        continue;
      }
      const { name, factory, setup, connects, locals, existing } = plan;
      taken.add(factory);
      // What builds a server for one connection: the factory made here, or the one the application has.
      const build = existing ?? `${factory}()`;
      if (existing) {
        // The factory is there already: the declaration goes.
        edits.push(removeStatement(statement, sf));
      } else {
        // The declaration's own comments stay above the factory; the setup statements move with
        // theirs, a blank line before one where it had one.
        const declFrom = lineStart(text, statement.getStart(sf));
        const parts = [indented(text.slice(declFrom, endOfLine(text, statement.getEnd())), declFrom, unit, templateSpans(statement))];
        for (const s of setup) {
          const from = lineStart(text, startWithLeadingComments(s, sf));
          const blank = /\n[ \t]*\n$/.test(text.slice(Math.max(0, from - 3), from)) ? '\n' : '';
          parts.push(blank + indented(text.slice(from, endOfLine(text, s.getEnd())), from, unit, templateSpans(s)));
        }
        edits.push(...removeRuns(setup, sf));
        const body = [...parts, `${unit}return ${name};`].join('\n');
        edits.push({ start: declFrom, end: endOfLine(text, statement.getEnd()), text: `function ${factory}() {\n${body}\n}` });
      }
      for (const connect of connects) {
        const receiver = (connect.expression as TS.PropertyAccessExpression).expression;
        edits.push({ start: receiver.getStart(sf), end: receiver.getEnd(), text: build });
      }
      for (const fn of locals) {
        // `const server = createServer();` as the first statement of the function's block.
        const body = fn.body as TS.Block;
        const first = body.statements[0];
        const at = first ? lineStart(text, startWithLeadingComments(first, sf)) : body.getStart(sf) + 1;
        const indent = first ? /^[ \t]*/.exec(text.slice(at))![0] : unit;
        edits.push({ start: at, end: at, text: `${first ? '' : '\n'}${indent}const ${name} = ${build};\n` });
        changes.push({ line: lineOf(sf, body.getStart(sf)), description: `builds its own ${name} with ${build} for the request it serves`, safety: 'review' });
      }
      changes.push(
        existing
          ? { line: lineOf(sf, statement.getStart(sf)), description: `removed ${name}, one server ${existing} built for every connection: each connection now calls ${existing} for a server of its own, as each transport needs`, safety: 'review' }
          : { line: lineOf(sf, statement.getStart(sf)), description: `moved ${name}${setup.length > 0 ? ` and its setup (${setup.length} statement(s))` : ''} into ${factory}(): a new server for every connection, as each transport needs its own`, safety: 'review' },
        ...connects.map((c) => ({ line: lineOf(sf, c.getStart(sf)), description: `connects ${build} instead of the shared ${name}`, safety: 'review' as const })),
      );
    }
    if (edits.length === 0) return { text, changes, markers };
    const next = applyEdits(text, edits);
    return { text: next, changes, markers: markers.map((m) => ({ ...m, line: lineInRewrite(sf, m.line, next) })) };
  },
};

/**
 * What moves for one module-level server declaration: its setup statements and connect sites,
 * when those are all the uses of it; undefined for anything else.
 */
type Plan = { name: string; factory: string; setup: TS.Statement[]; connects: TS.CallExpression[]; locals: TS.FunctionLikeDeclaration[]; existing?: string } | { name: string; blocked: TS.Node; why?: string };

/**
 * A module-level server built once by a factory the application already has (`const server =
 * createServer()`, the function imported or declared, not a method: `http.createServer()` is no
 * MCP server), nor one of the getters that keep the server they build (`cached`).
 */
function existingFactory(init: TS.Node, cached: ReadonlySet<string> | undefined): string | undefined {
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || !/server/i.test(init.expression.text) || cached?.has(init.expression.text)) return undefined;
  return init.getText();
}

function planFactory(statement: TS.Statement, sf: TS.SourceFile, taken: ReadonlySet<string>, cached?: ReadonlySet<string>, stdio = false): Plan | undefined {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const decl = statement.declarationList.declarations[0];
  const init = decl.initializer && unwrap(decl.initializer);
  const existing = init && existingFactory(init, cached);
  if (!ts.isIdentifier(decl.name) || !init || (!existing && (!ts.isNewExpression(init) || !SERVER_CLASS.test(calleeName(init) ?? '')))) return undefined;
  const name = decl.name.text;
  const exported = isExported(statement);
  const refs = referencesTo(sf, decl as TS.VariableDeclaration & { name: TS.Identifier });
  const setup: TS.Statement[] = [];
  const connects: TS.CallExpression[] = [];
  for (const ref of refs) {
    const top = sf.statements.find((s) => ref.pos >= s.pos && ref.end <= s.end);
    // (A server the application's own factory builds, handed to a helper here: that call is no setup fix can take along.)
    if (top && top !== statement && isSetupStatement(top, name, 0, !existing)) {
      if (!setup.includes(top)) setup.push(top);
    } else {
      const connect = connectSite(ref, stdio);
      if (connect) connects.push(connect);
    }
  }
  // Every use is one of those, or inside a setup statement (a tool handler using the server moves with it).
  // A function that connects the server may use it for more (`res.on('close', () => server.close())`):
  // it gets a server of its own, declared at its start, and all its uses are that one.
  // (A stdio connect may be at module level: only its receiver is its use.)
  // A stdio connect beside them (main()'s other mode, trial 32A) connects a server of its own too, in its place.
  if (connects.length > 0) {
    for (const ref of refs) {
      const call = connectReceiver(ref);
      if (call && !connects.includes(call) && connectsStdio(call)) connects.push(call);
    }
  }
  const connectFns = [...new Set(connects.flatMap((c) => enclosingFunction(c) ?? []))];
  const receivers = new Set(connects.map((c) => unwrap((c.expression as TS.PropertyAccessExpression).expression)));
  const inside = (ref: TS.Node, fn: TS.Node) => ref.pos >= fn.pos && ref.end <= fn.end;
  const within = (ref: TS.Node) => receivers.has(ref) || setup.some((s) => inside(ref, s)) || connectFns.some((fn) => inside(ref, fn));
  if (connects.length === 0) return undefined;
  // A server that serves stdio alone needs a factory only for serveStdio (v2-handler), whose own
  // marker says what to do where the setup cannot move: no marker about connections here.
  const stdioOnly = connects.every(connectsStdio);
  const blocked = (plan: Plan): Plan | undefined => (stdioOnly ? undefined : plan);
  if (exported) return blocked({ blocked: decl.name, name });
  const ends = setup.find((st) => closeHookEndingProcess(st));
  if (ends) return blocked({ blocked: ends, name, why: "its close hook ends the process (process.exit): built per connection, the server closes with each connection, and the first request to end would end the process. Move the shutdown out of the server's close hook (to the process's own signals, `process.on('SIGTERM', ...)`)" });
  const other = refs.find((ref) => !within(ref));
  if (other) return blocked({ blocked: other, name });
  // Built by the application's own factory with nothing set up on it here: each connection calls that factory.
  if (existing && setup.length > 0) return undefined;
  const factory = existing ? (init as TS.CallExpression).expression.getText() : factoryName(name, sf);
  if (!factory || (!existing && taken.has(factory))) return undefined;
  // Per connecting function: its connects rewritten in place, or a local server for all its uses
  // where it uses the server for more than connecting it. Its other connects (stdio's in an else
  // branch, trial 32A) are rewritten in place too: a local server would be shared by every request.
  const connectsOnly = (fn: TS.Node) => refs.filter((ref) => inside(ref, fn)).every((ref) => connectReceiver(ref));
  const locals = connectFns.filter((fn) => refs.filter((ref) => inside(ref, fn)).length > 1 && !connectsOnly(fn));
  for (const fn of connectFns) {
    if (locals.includes(fn)) continue;
    for (const ref of refs) {
      const call = inside(ref, fn) ? connectReceiver(ref) : undefined;
      if (call && !connects.includes(call)) connects.push(call);
    }
  }
  const bodiless = locals.find((fn) => !fn.body || !ts.isBlock(fn.body));
  if (bodiless) return blocked({ blocked: bodiless, name });
  // A function that connects stdio and uses the server for more (closes it on SIGINT): serveStdio
  // would take neither the local server nor its close, so nothing moves (v2-handler marks it).
  if (stdioOnly && locals.length > 0) return undefined;
  return { name, factory, setup, connects: connects.filter((c) => !locals.includes(enclosingFunction(c)!)), locals, ...(existing ? { existing } : {}) };
}
