/**
 * Finds tool, prompt and resource registrations and their handler functions, across the SDK's
 * spellings: `server.tool(...)`, `registerTool`, `prompt`/`registerPrompt`,
 * `resource`/`registerResource`, low-level `setRequestHandler(CallToolRequestSchema, ...)`,
 * FastMCP-style `addTool({ name, execute })`, and those of frameworks that hide the SDK's transport:
 * mcp-use's and tmcp's `server.tool({ name, ... }, handler)`, mcp-lite's `mcp.tool(name, { handler })`.
 */
import type { ts as TS } from 'ts-morph';
import { NodeIndex, kinds } from './nodes.js';
import type { LoadedModule, ModuleSource } from './modules.js';
import { classMethod, memberOfMade, importedDeclaration, importedFunctionAt, importedInstanceMethod, importsRunModule, relativeImportNames } from './module-state.js';
import { ts } from './typescript.js';
import { calleeName, constantString, enclosingFunction, importOf, isEqualityTest, isFunctionLike, iteratedList, propertyNameText, resolveFunction, resolveIdentifier, resolveInitializer, returnedExpressions, stringValue, unwrap, walk } from './ast.js';

export type PrimitiveKind = 'tool' | 'prompt' | 'resource' | 'request';

export interface Registration {
  kind: PrimitiveKind;
  /** The registered name, or the handled method for low-level handlers. */
  name: string | undefined;
  /** Where findings about this registration are reported. */
  nameNode: TS.Node;
  call: TS.CallExpression;
  handler: TS.FunctionLikeDeclaration | undefined;
  /** The handler's `extra` / `ctx` parameter, when it has one. */
  contextParam: TS.ParameterDeclaration | undefined;
  /** For low-level `setRequestHandler` registrations: the JSON-RPC method handled. */
  method?: string;
  /** Registered through a function of the file (`tool('send_email', cb)`): `call` is that function's call, whose arguments are not the SDK's. */
  viaWrapper?: boolean;
  /**
   * Written as an object of a list of the file and registered in a loop over it (listRegistrations):
   * `call` is the loop's one SDK call, shared by every object, and `handler` the object's function.
   */
  fromList?: boolean;
  /**
   * The wrapper of the file the handler is passed through when it returns the function the SDK
   * calls (`withGame(async (args, game) => ...)`): that function, its context parameter and the
   * wrapper's name. What the function does before calling `handler` (loading state under the
   * session id, say) is the tool's too.
   */
  wrapper?: { fn: TS.FunctionLikeDeclaration; contextParam: TS.ParameterDeclaration | undefined; name: string | undefined };
  /**
   * A framework's shape of `tool` / `prompt` / `resource`, not the SDK's: 'config-first' for mcp-use's
   * and tmcp's `server.tool({ name, description, schema }, handler)` (mcp-use's handler also as the
   * config's `cb`), 'handler-in-config' for mcp-lite's `mcp.tool(name, { inputSchema, handler })`.
   * Code that rewrites the SDK's arguments leaves these alone.
   */
  shape?: 'config-first' | 'handler-in-config';
  /**
   * The handler is written in this other module of the run (importedRegistrations): it and a
   * list's objects are that module's nodes; `call` and `nameNode` are this file's.
   */
  module?: LoadedModule;
  /**
   * For a handler of another module (`module`): the function of this file the SDK calls, which
   * hands the call on to it (`async (args, extra) => { if (!extra.sessionId) throw ...; return
   * tool.handler(args, extra.sessionId) }`, trial 43A), and its context parameter. What it does
   * around the call is the tool's too.
   */
  caller?: { fn: TS.FunctionLikeDeclaration; contextParam: TS.ParameterDeclaration | undefined };
}

const HIGH_LEVEL: Record<string, PrimitiveKind> = {
  tool: 'tool',
  registerTool: 'tool',
  prompt: 'prompt',
  registerPrompt: 'prompt',
  resource: 'resource',
  registerResource: 'resource',
};

const FASTMCP: Record<string, PrimitiveKind> = { addTool: 'tool', addPrompt: 'prompt', addResource: 'resource', addResourceTemplate: 'resource' };

/** @platformatic/mcp's fastify decorators: `app.mcpAddTool({ name, ... }, async (params, context) => ...)`. */
const PLATFORMATIC: Record<string, PrimitiveKind> = { mcpAddTool: 'tool', mcpAddPrompt: 'prompt', mcpAddResource: 'resource' };

/** Request schemas / method strings that low-level handlers register for. */
const REQUEST_KINDS: Record<string, PrimitiveKind> = {
  CallToolRequestSchema: 'tool',
  'tools/call': 'tool',
  GetPromptRequestSchema: 'prompt',
  'prompts/get': 'prompt',
  ReadResourceRequestSchema: 'resource',
  'resources/read': 'resource',
};

export const REQUEST_SCHEMA_METHODS: Record<string, string> = {
  CallToolRequestSchema: 'tools/call',
  ListToolsRequestSchema: 'tools/list',
  GetPromptRequestSchema: 'prompts/get',
  ListPromptsRequestSchema: 'prompts/list',
  ReadResourceRequestSchema: 'resources/read',
  ListResourcesRequestSchema: 'resources/list',
  ListResourceTemplatesRequestSchema: 'resources/templates/list',
  SubscribeRequestSchema: 'resources/subscribe',
  UnsubscribeRequestSchema: 'resources/unsubscribe',
  SetLevelRequestSchema: 'logging/setLevel',
  PingRequestSchema: 'ping',
  InitializeRequestSchema: 'initialize',
  CompleteRequestSchema: 'completion/complete',
};

/**
 * The handler among a registration's arguments: a function, or a function passed through one
 * wrapper call (`withHandle(state, options, handler)`, `withAuth(handler)`), as handlers often are.
 */
function lastFunctionArgument(args: readonly TS.Expression[]): TS.FunctionLikeDeclaration | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    const fn = resolveFunction(args[i]);
    if (fn) return fn;
    const arg = unwrap(args[i]);
    if (ts.isCallExpression(arg) && arg.arguments.length > 0) {
      const wrapped = resolveFunction(arg.arguments[arg.arguments.length - 1]);
      if (wrapped) return wrapped;
    }
  }
  return undefined;
}

/** What a callee runs, where a registration finds the wrapper of its handler (wrapperOfHandler). */
type Resolve = (callee: TS.Expression) => TS.FunctionLikeDeclaration | undefined;

/**
 * For a handler argument that calls a function `resolve` finds (`withGame(logic)`, of the file or
 * of another module), the function that one returns, when it returns one (`return async (args,
 * extra) => ...`): what the SDK calls (see Registration.wrapper).
 */
function wrapperOfHandler(arg: TS.Expression | undefined, resolve: Resolve): Registration['wrapper'] {
  const call = arg && unwrap(arg);
  if (!call || !ts.isCallExpression(call)) return undefined;
  const wrapper = resolve(unwrap(call.expression) as TS.Expression);
  if (!wrapper?.body) return undefined;
  for (const returned of returnedExpressions(wrapper)) {
    // The function itself, or one the wrapper declared and returns by name (`const run = (...) => ...; return run`).
    const fn = resolveFunction(returned);
    if (fn && fn !== wrapper && fn.pos >= wrapper.body.pos && fn.end <= wrapper.body.end) return { fn, contextParam: contextParamOf(fn, true), name: calleeName(call) };
  }
  return undefined;
}

/** Whether `server.tool(name, ...)` declares an input schema before its callback. */
function legacyToolHasSchema(args: readonly TS.Expression[]): boolean {
  // tool(name, cb) | tool(name, description, cb) | tool(name, shape, cb) | tool(name, description, shape, [annotations,] cb)
  const middle = args.slice(1, -1).map((a) => unwrap(a));
  const nonString = middle.filter((a) => stringValue(a) === undefined);
  return nonString.length > 0;
}

function configHasInputSchema(config: TS.Expression | undefined, key: string): boolean {
  if (!config) return false;
  const c = unwrap(config);
  if (!ts.isObjectLiteralExpression(c)) return true; // unknown shape: assume the SDK passes args first
  return c.properties.some((p) => propertyNameText(p.name) === key);
}

function contextParamOf(handler: TS.FunctionLikeDeclaration | undefined, argsFirst: boolean): TS.ParameterDeclaration | undefined {
  if (!handler) return undefined;
  const params = handler.parameters;
  if (argsFirst) return params.length >= 2 ? params[params.length - 1] : undefined;
  return params.length >= 1 ? params[params.length - 1] : undefined;
}

/** A property of an object literal, by name (a plain property, a shorthand one or a method). */
function propertyOf(config: TS.ObjectLiteralExpression, key: string): TS.ObjectLiteralElementLike | undefined {
  return config.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === key);
}

/** The function a config property holds (`handler: async (args, ctx) => ...`, `handler(args, ctx) {...}`, a local function by name), if it holds one. */
function functionProperty(config: TS.ObjectLiteralExpression, key: string): { fn: TS.FunctionLikeDeclaration; value: TS.Expression | undefined } | undefined {
  const prop = propertyOf(config, key);
  if (!prop) return undefined;
  if (ts.isMethodDeclaration(prop)) return { fn: prop, value: undefined };
  const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  const fn = value && lastFunctionArgument([value]);
  return fn && { fn, value };
}

/**
 * mcp-use's and tmcp's `server.tool({ name: 'x', description, schema }, async (args, ctx) => ...)`:
 * a config object with a constant `name` first, the handler after it (mcp-use also takes it as
 * the config's `cb`). mcp-use hands the handler its context second (`ctx.session.sessionId`);
 * tmcp's handlers take only the input (its context is `server.ctx`), so they have none. A static
 * resource's callback takes only the context in mcp-use, only the URI in tmcp: none either.
 */
function configFirst(call: TS.CallExpression, kind: PrimitiveKind, resolve: Resolve = resolveFunction): Registration | undefined {
  const args = call.arguments;
  const config = args[0] && unwrap(args[0]);
  if (args.length > 2 || !config || !ts.isObjectLiteralExpression(config)) return undefined;
  const nameProperty = propertyOf(config, 'name');
  const name = nameProperty && ts.isPropertyAssignment(nameProperty) ? constantString(nameProperty.initializer) : undefined;
  if (name === undefined) return undefined;
  const given = args.length === 2 ? { fn: lastFunctionArgument([args[1]]), value: args[1] } : functionProperty(config, 'cb');
  const handler = given?.fn;
  if (!handler) return undefined;
  const wrapper = given.value && wrapperOfHandler(given.value, resolve);
  const contextParam = kind === 'resource' ? undefined : contextParamOf(handler, true);
  return { kind, name, nameNode: (nameProperty as TS.PropertyAssignment).initializer, call, handler, contextParam, shape: 'config-first', ...(wrapper && wrapper.fn !== handler ? { wrapper } : {}) };
}

/**
 * mcp-lite's `mcp.tool('x', { inputSchema, handler: (args, ctx) => ... })` (and `prompt`): the
 * handler is a property of the config, and takes its context second.
 */
function handlerInConfig(call: TS.CallExpression, kind: PrimitiveKind, name: string, resolve: Resolve): Registration | undefined {
  const args = call.arguments;
  const config = unwrap(args[1]);
  if (args.length !== 2 || (kind !== 'tool' && kind !== 'prompt') || !ts.isObjectLiteralExpression(config)) return undefined;
  const given = functionProperty(config, 'handler');
  if (!given) return undefined;
  const wrapper = given.value && wrapperOfHandler(given.value, resolve);
  return { kind, name, nameNode: args[0], call, handler: given.fn, contextParam: contextParamOf(given.fn, true), shape: 'handler-in-config', ...(wrapper && wrapper.fn !== given.fn ? { wrapper } : {}) };
}

const CALLS = kinds(ts.SyntaxKind.CallExpression);

/**
 * The registrations of a file. `modules`: the run's other modules, where a registration helper
 * imported from one of them is looked for (`register(server, 'add_note', { run })` with `register`
 * in './registry.js', trial 26A).
 */
export function findRegistrations(nodes: NodeIndex, modules?: { path: string; source: ModuleSource; sourceFile: TS.SourceFile }): Registration[] {
  const found: Registration[] = [];
  const wrappers = new Map<TS.Node, Wrapper>();
  const imported = modules && importsRunModule(modules.sourceFile.text, modules.source);
  // A handler built by a wrapper of another module too (`gameTool(logic)` from './tool-factory.js',
  // whose returned function loads the game by the session id, trial 50A): judged with it.
  // (`tools.gameTool(logic)` of a namespace import too: importedFunctionAt.)
  const resolve: Resolve = imported ? (callee) => resolveFunction(callee) ?? importedFunctionAt(callee, modules.path, modules.source)?.fn : resolveFunction;
  nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node)) return;
    const registration = classify(node, resolve);
    if (registration) found.push(registration, ...tableRegistrations(registration));
    else if (listRegistrations(node, found)) return;
    else {
      const wrapper = wrapperOf(node);
      if (wrapper && !wrappers.has(wrapper.fn)) wrappers.set(wrapper.fn, wrapper);
    }
  });
  if (wrappers.size === 0 && !imported) return found;
  // The calls of those wrappers: each registers one tool, named where the wrapper is called.
  nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node) || !ts.isIdentifier(unwrap(node.expression))) return;
    const callee = unwrap(node.expression) as TS.Identifier;
    // (Another module's function only for a call naming something and handing more: `define(server, 'name', {...})`.)
    const fn = node.arguments.length >= 2 && node.arguments.some((a) => constantString(a) !== undefined) ? resolve(callee) : resolveFunction(callee);
    let wrapper = fn && wrappers.get(fn);
    if (fn && !wrapper && modules && fn.getSourceFile() !== modules.sourceFile) {
      // A helper of another module: the registration call in it makes it one.
      wrapper = wrapperIn(fn);
      if (wrapper) wrappers.set(fn, wrapper);
    }
    if (!wrapper) return;
    const name = node.arguments[wrapper.nameIndex] && constantString(node.arguments[wrapper.nameIndex]);
    const handler = node.arguments[wrapper.callbackIndex] && handedCallback(node.arguments[wrapper.callbackIndex], wrapper.callbackMember);
    if (name === undefined || !handler) return;
    found.push({ kind: wrapper.kind, name, nameNode: node.arguments[wrapper.nameIndex], call: node, handler, contextParam: undefined, viaWrapper: true });
  });
  return found;
}

/** `fn` as a wrapper (wrapperOf) of the first registration call in it made by `fn` itself. */
function wrapperIn(fn: TS.FunctionLikeDeclaration): Wrapper | undefined {
  let found: Wrapper | undefined;
  walk(fn, (n) => {
    if (!found && ts.isCallExpression(n)) found = wrapperOf(n);
    return found ? false : undefined;
  });
  return found?.fn === fn ? found : undefined;
}

/** The callback a wrapper's call hands it: the argument, or its member the wrapper calls (`{ run }` of `def.run(args)`). */
function handedCallback(arg: TS.Expression, member: string | undefined): TS.FunctionLikeDeclaration | undefined {
  if (member === undefined) return resolveFunction(arg);
  const value = unwrap(arg);
  const object = ts.isIdentifier(value) ? resolveInitializer(value) : value;
  return object && ts.isObjectLiteralExpression(unwrap(object)) ? functionProperty(unwrap(object) as TS.ObjectLiteralExpression, member)?.fn : undefined;
}

/**
 * Tools written as objects in a list of the file and registered in a loop over it (trial 26A):
 * `for (const t of tools) server.tool(t.name, t.schema, t.handler)`, `tools.forEach((t) =>
 * server.registerTool(t.name, {...}, (args, extra) => t.run(args, extra)))`, also where the list is
 * copied or combined first (`[...tools, ...more]`, `tools.concat(more)`, listObjects, trial 71A
 * B2). One registration per object whose name is a constant and whose function the loop hands on,
 * named where the object names it; pushed to `found`. Whether the call is such a loop's.
 */
function listRegistrations(call: TS.CallExpression, found: Registration[]): boolean {
  const callee = unwrap(call.expression);
  const kind = ts.isPropertyAccessExpression(callee) && Object.hasOwn(HIGH_LEVEL, callee.name.text) ? HIGH_LEVEL[callee.name.text] : undefined;
  const args = call.arguments;
  const nameArg = args.length >= 2 ? unwrap(args[0]) : undefined;
  if (!kind || !nameArg || !ts.isPropertyAccessExpression(nameArg) || !ts.isIdentifier(nameArg.expression)) return false;
  const item = nameArg.expression.text;
  const list = iteratedList(resolveIdentifier(nameArg.expression));
  const handlerKey = list && handedMember(args[args.length - 1], item);
  if (!list || !handlerKey) return false;
  const own = listObjects(list, { path: '', sourceFile: call.getSourceFile() }).get(undefined) ?? [];
  const listed = objectRegistrations([...own], kind, nameArg.name.text, handlerKey, call).map((r) => ({ ...r, viaWrapper: true, fromList: true }));
  found.push(...listed);
  return listed.length > 0;
}

/** Where a list is read (listObjects): the file, as findings name it, and the other module of the run it is, if it is not the scanned file. */
interface ListSite {
  path: string;
  sourceFile: TS.SourceFile;
  module?: LoadedModule;
}

/**
 * The tool objects a loop's list holds, by the module of the run they are written in (undefined:
 * the scanned file's own), followed through the ways a list is copied or combined before it is
 * registered (trial 71A B2: `const allTools = [...taskTools]` registered a to-do store's tools
 * that nothing then judged, and `fix` said no sticky load balancer was needed): consts, spreads
 * (`[...taskTools, ...miscTools]`), `concat`, `filter` and `slice`, a function returning one, the
 * items pushed into a local list (`tools.push(...taskTools)` of goempirical/ai-talks'
 * getAllTools), and a loop over lists (`for (const list of [a, b]) for (const t of list)`).
 * With `source`, the run's modules: an imported list, object or function is followed into its
 * module, and from there into the modules it imports. A list of strings, or of objects nobody
 * registers, yields nothing here: the loop must hand each object's function to the SDK.
 */
function listObjects(list: TS.Expression, root: ListSite, source?: ModuleSource): Map<LoadedModule | undefined, Set<TS.ObjectLiteralExpression>> {
  const found = new Map<LoadedModule | undefined, Set<TS.ObjectLiteralExpression>>();
  const seen = new Set<TS.Node>();
  const siteOf = (module: LoadedModule): ListSite => (module.sourceFile === root.sourceFile ? root : { path: module.path, sourceFile: module.sourceFile, module });
  const imported = (id: TS.Identifier, site: ListSite) => (source && relativeImportNames(site.sourceFile, source).has(id.text) ? importedDeclaration(id, site.path, source) : undefined);
  const add = (object: TS.ObjectLiteralExpression, site: ListSite) => {
    let objects = found.get(site.module);
    if (!objects) found.set(site.module, (objects = new Set()));
    objects.add(object);
  };
  // An item of a list: an object literal, or a const of the file or of another module holding one.
  const item = (e: TS.Expression, site: ListSite) => {
    const value = unwrap(e);
    if (ts.isObjectLiteralExpression(value)) return add(value, site);
    if (!ts.isIdentifier(value)) return;
    const declared = imported(value, site);
    const init = declared ? declared.decl.initializer && unwrap(declared.decl.initializer) : resolveInitializer(value);
    if (init && ts.isObjectLiteralExpression(init)) add(init, declared ? siteOf(declared.module) : site);
  };
  const follow = (e: TS.Expression, site: ListSite, depth: number): void => {
    let value = unwrap(e);
    if (ts.isAwaitExpression(value)) value = unwrap(value.expression);
    if (depth <= 0 || seen.has(value)) return;
    seen.add(value);
    if (ts.isArrayLiteralExpression(value)) {
      for (const el of value.elements) (ts.isSpreadElement(el) ? follow(el.expression, site, depth - 1) : item(el, site));
      return;
    }
    if (ts.isIdentifier(value)) {
      const declared = imported(value, site);
      if (declared) return declared.decl.initializer ? follow(declared.decl.initializer, siteOf(declared.module), depth - 1) : undefined;
      const decl = resolveIdentifier(value);
      // A loop over lists: the loop's item is each list of the outer one.
      const outer = iteratedList(decl);
      const lists = outer && unwrap(resolveInitializer(outer) ?? outer);
      if (lists && ts.isArrayLiteralExpression(lists)) for (const el of lists.elements) if (!ts.isSpreadElement(el)) follow(el, site, depth - 1);
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return;
      follow(decl.initializer, site, depth - 1);
      // A local list filled by push before it is returned or looped over.
      if (ts.isArrayLiteralExpression(unwrap(decl.initializer))) {
        for (const added of pushedInto(decl)) (ts.isSpreadElement(added) ? follow(added.expression, site, depth - 1) : item(added, site));
      }
      return;
    }
    if (!ts.isCallExpression(value)) return;
    const callee = unwrap(value.expression);
    if (ts.isPropertyAccessExpression(callee) && /^(concat|filter|slice)$/.test(callee.name.text)) {
      follow(callee.expression, site, depth - 1);
      // concat's arguments: lists, or items themselves.
      if (callee.name.text === 'concat') for (const arg of value.arguments) (ts.isObjectLiteralExpression(unwrap(arg)) ? item(arg, site) : follow(arg, site, depth - 1));
      return;
    }
    const own = resolveFunction(callee) ?? instanceMethod(callee as TS.Expression);
    const elsewhere = own || !source ? undefined : (importedFunctionAt(callee as TS.Expression, site.path, source) ?? importedInstanceMethod(callee as TS.Expression, site.path, source));
    const fn = own ?? elsewhere?.fn;
    const at = elsewhere ? siteOf(elsewhere.module) : site;
    if (fn?.body) for (const returned of returnedExpressions(fn)) follow(returned, at, depth - 1);
  };
  follow(list, root, LIST_HOPS);
  return found;
}

/** How many consts, spreads, calls and modules listObjects follows from a loop's list to its objects. */
const LIST_HOPS = 6;

/** The arguments of the `push` / `unshift` calls onto a local list, in the function (or file) that declares it. */
function pushedInto(decl: TS.VariableDeclaration): TS.Expression[] {
  const scope: TS.Node = enclosingFunction(decl) ?? decl.getSourceFile();
  const name = ts.isIdentifier(decl.name) ? decl.name : undefined;
  const found: TS.Expression[] = [];
  if (!name) return found;
  walk(scope, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(push|unshift)$/.test(n.expression.name.text)) return undefined;
    const target = unwrap(n.expression.expression);
    if (ts.isIdentifier(target) && target.text === name.text && resolveIdentifier(target) === decl) found.push(...n.arguments);
    return undefined;
  });
  return found;
}

/**
 * One registration per tool object whose `nameKey` is a constant and whose `handlerKey` a function
 * with a body, all registered by `call`; named where the object names it.
 */
function objectRegistrations(objects: readonly TS.ObjectLiteralExpression[], kind: PrimitiveKind, nameKey: string, handlerKey: string, call: TS.CallExpression): Registration[] {
  return objects.flatMap((object) => {
    const nameProperty = propertyOf(object, nameKey);
    const name = nameProperty && ts.isPropertyAssignment(nameProperty) ? constantString(nameProperty.initializer) : undefined;
    const handler = functionProperty(object, handlerKey)?.fn;
    if (name === undefined || !handler?.body) return [];
    return [{ kind, name, nameNode: (nameProperty as TS.PropertyAssignment).initializer, call, handler, contextParam: contextParamOf(handler, kind !== 'tool' || handler.parameters.length > 1) }];
  });
}

/**
 * The tools a low-level tools/call handler looks up in a table of the file and calls (trial 46A:
 * the handler's own code reaches no state, each tool's function does): `const t = tools.find((x)
 * => x.name === req.params.name); return t.execute(args)`, the same through a loop (`for (const t
 * of tools) if (t.name === name) return t.run(args)`) or a Map made from the list (`new
 * Map(tools.map((t) => [t.name, t]))`), and a record by name (`handlers[name](args)`,
 * `tools[name].execute(args)`). One registration per tool the table names by a constant, as a
 * list's (fromList: the schema is the table's, not an SDK call's). `objectsOf`: where the lists'
 * objects are looked for in the run's other modules (importedRegistrations; records are the file's).
 */
function tableRegistrations(registration: Registration, objectsOf?: (list: TS.Expression) => TableObjects | undefined): Registration[] {
  const handler = registration.handler;
  if (registration.method !== 'tools/call' || !handler?.body) return [];
  const found: Registration[] = [];
  const named = new Set<TS.Node>();
  for (const { member, table } of tableUses(handler)) {
    const listed = 'list' in table && member !== undefined ? (objectsOf ? objectsOf(table.list) : { objects: listedObjects(table.list, 2) }) : undefined;
    const tools = listed
      ? objectRegistrations(listed.objects, 'tool', (table as ListTable).nameKey, member!, registration.call).map((r) => (listed.module ? { ...r, nameNode: registration.nameNode, module: listed.module } : r))
      : 'record' in table && !objectsOf
        ? recordRegistrations(table.record, member, registration.call)
        : [];
    for (const tool of tools) {
      if (named.has(tool.handler!)) continue;
      named.add(tool.handler!);
      found.push({ ...tool, contextParam: contextParamOf(tool.handler, true), viaWrapper: true, fromList: true });
    }
  }
  return found;
}

const tableUsesMemo = new WeakMap<TS.FunctionLikeDeclaration, Array<{ member: string | undefined; table: Table }>>();

/**
 * The calls of a tools/call handler into a table (tableOf), with the member called (`execute` of
 * `t.execute(args)`; none for `handlers[name](args)`): worked out once per handler, which
 * findRegistrations and importedRegistrations both ask of.
 */
function tableUses(handler: TS.FunctionLikeDeclaration): Array<{ member: string | undefined; table: Table }> {
  let uses = tableUsesMemo.get(handler);
  if (uses) return uses;
  const found: Array<{ member: string | undefined; table: Table }> = [];
  walk(handler.body!, (n) => {
    if (!ts.isCallExpression(n)) return undefined;
    const callee = unwrap(n.expression);
    // `t.execute(...)`: the table's object whose member is called; `handlers[name](...)`, `h(...)`: its function.
    const member = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const table = tableOf(member !== undefined ? unwrap((callee as TS.PropertyAccessExpression).expression) : callee, handler);
    if (table) found.push({ member, table });
    return undefined;
  });
  tableUsesMemo.set(handler, (uses = found));
  return uses;
}

/** The tool objects a table's list holds (listedObjects), and the other module of the run they are written in. */
interface TableObjects {
  objects: TS.ObjectLiteralExpression[];
  module?: LoadedModule;
}

/** A list of tool objects and the member that names each (`name`), or a record of tools by name. */
interface ListTable {
  list: TS.Expression;
  nameKey: string;
}
type Table = ListTable | { record: TS.ObjectLiteralExpression };

/** Whether a declaration is written inside a function (a local of it). */
function within(fn: TS.Node, decl: TS.Node): boolean {
  return decl.pos >= fn.pos && decl.end <= fn.end;
}

/** What a called expression of a tools/call handler takes from a table by the tool's name (tableRegistrations). */
function tableOf(held: TS.Node, handler: TS.FunctionLikeDeclaration): Table | undefined {
  const listed = (list: TS.Expression, nameKey: string | undefined): Table | undefined => (nameKey !== undefined ? { list: throughCopies(list), nameKey } : undefined);
  let value: TS.Node = held;
  let decl: TS.Node | undefined;
  if (ts.isIdentifier(held) && (decl = resolveIdentifier(held)) && within(handler, decl)) {
    // A loop's item compared by a member of it before the call: `for (const t of tools) if (t.name === name) ...`.
    const list = iteratedList(decl);
    if (list) return listed(list, comparedMember(held, (decl as TS.VariableDeclaration).name, handler));
    if (!ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    value = unwrap(decl.initializer);
  }
  if (ts.isAwaitExpression(value)) value = unwrap(value.expression);
  const access = ts.isCallExpression(value) && ts.isPropertyAccessExpression(unwrap(value.expression)) ? (unwrap(value.expression) as TS.PropertyAccessExpression) : undefined;
  const argument = access && (value as TS.CallExpression).arguments[0] && unwrap((value as TS.CallExpression).arguments[0]);
  // `tools.find((x) => x.name === ...)`.
  if (access?.name.text === 'find' && argument && (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) && argument.parameters[0]) {
    return listed(access.expression, comparedMember(argument.body, argument.parameters[0].name, handler));
  }
  // `toolMap.get(name)` of `new Map(tools.map((t) => [t.name, t]))`.
  if (access?.name.text === 'get' && argument && isToolName(argument, handler)) return mapOfList(access.expression);
  // `handlers[name]`: a record of the file by name.
  if (ts.isElementAccessExpression(value) && isToolName(value.argumentExpression, handler)) {
    const record = ts.isIdentifier(unwrap(value.expression)) ? resolveInitializer(unwrap(value.expression)) : undefined;
    if (record && ts.isObjectLiteralExpression(unwrap(record))) return { record: unwrap(record) as TS.ObjectLiteralExpression };
  }
  return undefined;
}

/** The list a Map of the file is made from by each item's member (`new Map(tools.map((t) => [t.name, t]))`), and that member. */
function mapOfList(map: TS.Expression): Table | undefined {
  const made = ts.isIdentifier(unwrap(map)) ? resolveInitializer(unwrap(map)) : undefined;
  const entries = made && ts.isNewExpression(unwrap(made)) ? (unwrap(made) as TS.NewExpression).arguments?.[0] : undefined;
  const mapped = entries && unwrap(entries);
  if (!mapped || !ts.isCallExpression(mapped) || !ts.isPropertyAccessExpression(mapped.expression) || mapped.expression.name.text !== 'map' || !mapped.arguments[0]) return undefined;
  const pair = unwrap(mapped.arguments[0]);
  const item = ts.isArrowFunction(pair) && pair.parameters[0] && ts.isIdentifier(pair.parameters[0].name) ? pair.parameters[0].name.text : undefined;
  const tuple = item !== undefined ? unwrap((pair as TS.ArrowFunction).body) : undefined;
  const first = tuple && ts.isArrayLiteralExpression(tuple) && tuple.elements[0] ? unwrap(tuple.elements[0]) : undefined;
  return first && ts.isPropertyAccessExpression(first) && ts.isIdentifier(first.expression) && first.expression.text === item ? { list: throughCopies(mapped.expression.expression), nameKey: first.name.text } : undefined;
}

/** The list a copy of one is made from (`const toolsWithUI = tools.map((t) => ({ ...t, _meta }))`, `tools.filter(enabled)`): its objects are the table's. */
function throughCopies(list: TS.Expression): TS.Expression {
  let e = unwrap(list) as TS.Expression;
  for (let hops = 0; hops < 3; hops++) {
    const init = ts.isIdentifier(e) ? resolveInitializer(e) : undefined;
    const value = init ? unwrap(init) : e;
    if (!ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression) || !/^(map|filter)$/.test(value.expression.name.text)) break;
    e = unwrap(value.expression.expression) as TS.Expression;
  }
  return e;
}

/**
 * Whether an expression is the name of the tool the request calls: `request.params.name`, or a
 * local of the handler taken from it (`const toolName = request.params.name`, `const { name } =
 * request.params`). Not a value of the arguments (`args.provider`: a table of the tool's own).
 */
export function isToolName(e: TS.Node, handler: TS.FunctionLikeDeclaration, depth = 0): boolean {
  const n = unwrap(e);
  const ofParams = (x: TS.Node) => {
    const u = unwrap(x);
    return ts.isPropertyAccessExpression(u) && u.name.text === 'params';
  };
  if (ts.isPropertyAccessExpression(n)) return n.name.text === 'name' && ofParams(n.expression);
  if (!ts.isIdentifier(n) || depth > 2) return false;
  const decl = resolveIdentifier(n);
  if (!decl || !within(handler, decl)) return false;
  if (ts.isVariableDeclaration(decl)) return !!decl.initializer && isToolName(decl.initializer, handler, depth + 1);
  // `const { name } = request.params`, `const { name: tool } = req.params`; in the handler's
  // parameter, `async ({ params: { name } }) => ...` (trial 66D).
  if (ts.isBindingElement(decl) && propertyNameText((decl.propertyName ?? decl.name) as TS.PropertyName) === 'name') {
    const holder = decl.parent.parent;
    if (ts.isBindingElement(holder)) return propertyNameText((holder.propertyName ?? holder.name) as TS.PropertyName) === 'params' && ts.isParameter(holder.parent.parent);
    return ts.isVariableDeclaration(holder) && !!holder.initializer && ofParams(holder.initializer);
  }
  return false;
}

/**
 * The member of `item` a condition compares with the tool's name (`x.name === name`), in `node`
 * or, for a loop's item, the `if` around `use` (or one before it that skips the others: `if
 * (t.name !== name) continue`). A destructured item (`({ name }) => name === tool`) compares
 * the member it names.
 */
function comparedMember(node: TS.Node, item: TS.BindingName, handler: TS.FunctionLikeDeclaration): string | undefined {
  const member = (e: TS.Node): string | undefined => {
    const u = unwrap(e);
    if (ts.isIdentifier(item)) return ts.isPropertyAccessExpression(u) && ts.isIdentifier(unwrap(u.expression)) && (unwrap(u.expression) as TS.Identifier).text === item.text ? u.name.text : undefined;
    // `({ name }) => ...`: a binding of the pattern.
    const bound = ts.isIdentifier(u) && ts.isObjectBindingPattern(item) ? item.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === u.text) : undefined;
    return bound ? propertyNameText((bound.propertyName ?? bound.name) as TS.PropertyName) : undefined;
  };
  const compared = (e: TS.Node): string | undefined => {
    let key: string | undefined;
    walk(e, (x) => {
      if (key === undefined && isEqualityTest(x)) {
        key = (isToolName(x.right, handler) ? member(x.left) : undefined) ?? (isToolName(x.left, handler) ? member(x.right) : undefined);
      }
      return key !== undefined ? false : undefined;
    });
    return key;
  };
  // A use inside a loop: the nearest `if` around it, or an `if` that skips the others before it.
  for (let at: TS.Node | undefined = node.parent; at && !isFunctionLike(at); at = at.parent) {
    if (ts.isIfStatement(at)) return compared(at.expression);
    if (ts.isBlock(at.parent) && (ts.isForOfStatement(at.parent.parent) || ts.isForStatement(at.parent.parent))) {
      const before = at.parent.statements.slice(0, at.parent.statements.indexOf(at as TS.Statement));
      const skip = before.find((st): st is TS.IfStatement => ts.isIfStatement(st) && (ts.isContinueStatement(st.thenStatement) || (ts.isBlock(st.thenStatement) && st.thenStatement.statements.length === 1 && ts.isContinueStatement(st.thenStatement.statements[0]))));
      if (skip) return compared(skip.expression);
    }
  }
  return compared(node);
}

/** The tools of a record by name (tableRegistrations): each property's function, or its object's `member` function. */
function recordRegistrations(record: TS.ObjectLiteralExpression, member: string | undefined, call: TS.CallExpression): Registration[] {
  return record.properties.flatMap((p) => {
    const name = ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
    if (name === undefined) return [];
    const value = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : ts.isShorthandPropertyAssignment(p) ? resolveInitializer(p.name) : undefined;
    const object = value && ts.isIdentifier(value) ? resolveInitializer(value) : value;
    const handler = member === undefined ? (ts.isMethodDeclaration(p) ? p : value && resolveFunction(value)) : object && ts.isObjectLiteralExpression(unwrap(object)) ? functionProperty(unwrap(object) as TS.ObjectLiteralExpression, member)?.fn : undefined;
    if (!handler?.body) return [];
    return [{ kind: 'tool' as const, name, nameNode: p.name as TS.PropertyName, call, handler, contextParam: undefined }];
  });
}

/** The member of the loop's item the handler argument hands on: `t.handler`, `t.run.bind(t)`, `(a, x) => t.run(a, x)`. */
function handedMember(arg: TS.Expression, item: string): string | undefined {
  let e = unwrap(arg);
  const member = (n: TS.Node): string | undefined => {
    const u = unwrap(n);
    return ts.isPropertyAccessExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === item ? u.name.text : undefined;
  };
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') e = unwrap(e.expression.expression);
  if (member(e)) return member(e);
  // Through a wrapper of the handler (`wrapToolHandler('navigate_to', t.handler)`, `wrap(t.name, t.handler)`: the last member handed).
  if (ts.isCallExpression(e)) return e.arguments.map(member).filter((m) => m !== undefined).at(-1);
  if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.body) {
    let called: string | undefined;
    walk(e.body, (n) => {
      if (!called && ts.isCallExpression(n)) called = member(n.expression);
      return called ? false : undefined;
    });
    return called;
  }
  return undefined;
}

/** The object literals a list of the file holds: an array literal, through consts, spreads and a function returning one. */
function listedObjects(list: TS.Expression, depth: number): TS.ObjectLiteralExpression[] {
  let e = unwrap(list);
  if (ts.isIdentifier(e)) e = unwrap(resolveInitializer(e) ?? e);
  if (ts.isCallExpression(e) && depth > 0) {
    const fn = resolveFunction(e.expression) ?? instanceMethod(e.expression);
    return fn?.body ? returnedExpressions(fn).flatMap((r) => listedObjects(r, depth - 1)) : [];
  }
  if (!ts.isArrayLiteralExpression(e)) return [];
  return e.elements.flatMap((el) => {
    if (ts.isSpreadElement(el)) return depth > 0 ? listedObjects(el.expression, depth - 1) : [];
    const value = ts.isIdentifier(unwrap(el)) ? resolveInitializer(unwrap(el)) : el;
    const object = value && unwrap(value);
    return object && ts.isObjectLiteralExpression(object) ? [object] : [];
  });
}

/** The method of a class of the file a member of a local object names (`commerce.getTools` of `const commerce = new Commerce()`). */
function instanceMethod(e: TS.Expression): TS.FunctionLikeDeclaration | undefined {
  const at = memberOfMade(e);
  const cls = at && ts.isIdentifier(at.made.expression) ? resolveIdentifier(at.made.expression) : undefined;
  return cls && ts.isClassDeclaration(cls) ? classMethod(cls, at!.member) : undefined;
}

/** A function of the file that registers what it is handed: `const tool = (name, cb) => server.registerTool(name, {...}, async (args) => cb(args))`. */
interface Wrapper {
  fn: TS.FunctionLikeDeclaration;
  kind: PrimitiveKind;
  /** Which of its parameters is the registered name, and which the callback the registered handler calls. */
  nameIndex: number;
  callbackIndex: number;
  /** The member of that parameter the handler calls (`def.run(args)`), when it is an object holding the callback. */
  callbackMember?: string;
}

/**
 * A registration call whose name is a parameter of the function around it, and whose handler calls
 * another of that function's parameters (or hands it to a wrapper that does): that function
 * registers a tool per call of it (the dynatrace server's tools, all through one such helper).
 */
function wrapperOf(call: TS.CallExpression): Wrapper | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !Object.hasOwn(HIGH_LEVEL, callee.name.text) || call.arguments.length < 2) return undefined;
  const nameArg = unwrap(call.arguments[0]);
  if (!ts.isIdentifier(nameArg)) return undefined;
  const wrapper = enclosingFunction(call);
  if (!wrapper?.body) return undefined;
  const paramIndex = (id: TS.Identifier) => wrapper.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
  const nameIndex = paramIndex(nameArg);
  const handler = lastFunctionArgument(call.arguments);
  if (nameIndex < 0 || !handler?.body) return undefined;
  let callbackIndex = -1;
  let callbackMember: string | undefined;
  walk(handler.body, (n) => {
    if (callbackIndex >= 0) return false;
    if (!ts.isCallExpression(n)) return undefined;
    // The callback called (`cb(args)`), or handed to a wrapper that calls it (`wrap(name, cb)(args)`, trial 24B).
    const callees = [unwrap(n.expression), ...n.arguments.map(unwrap)].filter(ts.isIdentifier);
    for (const id of callees) {
      const i = paramIndex(id);
      if (i >= 0 && i !== nameIndex) callbackIndex = i;
      if (callbackIndex >= 0) break;
    }
    // Or a member of an object parameter called (`def.run(args)`, trial 26A).
    const member = unwrap(n.expression);
    if (callbackIndex < 0 && ts.isPropertyAccessExpression(member) && ts.isIdentifier(unwrap(member.expression))) {
      const i = paramIndex(unwrap(member.expression) as TS.Identifier);
      if (i >= 0 && i !== nameIndex) {
        callbackIndex = i;
        callbackMember = member.name.text;
      }
    }
    return undefined;
  });
  return callbackIndex >= 0 ? { fn: wrapper, kind: HIGH_LEVEL[callee.name.text], nameIndex, callbackIndex, ...(callbackMember !== undefined ? { callbackMember } : {}) } : undefined;
}

/**
 * The MCP Apps extension's helpers (`@modelcontextprotocol/ext-apps/server`), which call the
 * server's registerTool / registerResource: `registerAppTool(server, name, config, cb)`,
 * `registerAppResource(server, name, uri, config, readCallback)` (trial 39A: a backgammon App's 18
 * tools on one module-level store scanned clean).
 */
const APP_HELPERS: Record<string, PrimitiveKind> = { registerAppTool: 'tool', registerAppResource: 'resource' };

function appHelperRegistration(call: TS.CallExpression, callee: TS.Identifier, resolve: Resolve = resolveFunction): Registration | undefined {
  const kind = Object.hasOwn(APP_HELPERS, callee.text) ? APP_HELPERS[callee.text] : undefined;
  if (!kind || !importOf(callee)?.module.startsWith('@modelcontextprotocol/ext-apps')) return undefined;
  const args = call.arguments;
  const name = args[1] && constantString(args[1]);
  const handler = lastFunctionArgument(args);
  if (name === undefined || !handler || args.length < 4) return undefined;
  const wrapper = wrapperOfHandler(args[args.length - 1], resolve);
  const argsFirst = kind === 'tool' ? configHasInputSchema(args[2], 'inputSchema') : true;
  return { kind, name, nameNode: args[1], call, handler, contextParam: contextParamOf(handler, argsFirst), ...(wrapper && wrapper.fn !== handler ? { wrapper } : {}) };
}

/**
 * @nuxtjs/mcp-toolkit's definitions, auto-imported in a Nuxt app's `server/mcp/` folders: `export
 * default defineMcpTool({ name, inputSchema, handler: async (args, extra) => ... })`, the name the
 * file's where none is given (trial 48A).
 */
const NUXT_DEFINITIONS: Record<string, PrimitiveKind> = { defineMcpTool: 'tool', defineMcpPrompt: 'prompt', defineMcpResource: 'resource' };

function nuxtRegistration(call: TS.CallExpression, callee: TS.Identifier, resolve: Resolve): Registration | undefined {
  const kind = Object.hasOwn(NUXT_DEFINITIONS, callee.text) ? NUXT_DEFINITIONS[callee.text] : undefined;
  const config = kind && call.arguments.length === 1 ? unwrap(call.arguments[0]) : undefined;
  if (!kind || !config || !ts.isObjectLiteralExpression(config)) return undefined;
  const given = functionProperty(config, 'handler');
  const handler = given?.fn;
  if (!handler) return undefined;
  const wrapper = given.value && wrapperOfHandler(given.value, resolve);
  const nameProperty = propertyOf(config, 'name');
  const named = nameProperty && ts.isPropertyAssignment(nameProperty) ? constantString(nameProperty.initializer) : undefined;
  const name = named ?? (nameProperty ? undefined : call.getSourceFile().fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''));
  if (name === undefined) return undefined;
  const nameNode = named !== undefined ? (nameProperty as TS.PropertyAssignment).initializer : callee;
  return { kind, name, nameNode, call, handler, contextParam: kind === 'tool' ? contextParamOf(handler, true) : undefined, shape: 'config-first', ...(wrapper && wrapper.fn !== handler ? { wrapper } : {}) };
}

/**
 * @rekog/mcp-nest's decorated methods: `@Tool({ name, description, parameters }) async
 * addItem(args, context, request)` on a provider, `@Prompt`, `@Resource` and `@ResourceTemplate`
 * likewise. A provider is a singleton by default: its fields, and the module's variables, last as
 * long as the process, and its tools were never seen as tools (trial 73B B4: a cart kept in
 * `this.items` passed the gate). The context is the second parameter (the request the third); the
 * name the options' (the method's, where they give none). A framework's shape: the SDK's
 * rewrites leave it.
 */
const NEST_DECORATORS: Record<string, PrimitiveKind> = { Tool: 'tool', Prompt: 'prompt', Resource: 'resource', ResourceTemplate: 'resource' };

function nestRegistration(call: TS.CallExpression, callee: TS.Identifier): Registration | undefined {
  if (!ts.isDecorator(call.parent) || !ts.isMethodDeclaration(call.parent.parent) || !call.parent.parent.body) return undefined;
  const imported = importOf(callee);
  const kind = imported?.module === '@rekog/mcp-nest' && Object.hasOwn(NEST_DECORATORS, imported.exported) ? NEST_DECORATORS[imported.exported] : undefined;
  if (!kind) return undefined;
  const method = call.parent.parent;
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  const nameProperty = options && ts.isObjectLiteralExpression(options) ? propertyOf(options, kind === 'resource' ? (imported!.exported === 'ResourceTemplate' ? 'uriTemplate' : 'uri') : 'name') : undefined;
  const named = nameProperty && ts.isPropertyAssignment(nameProperty) ? constantString(nameProperty.initializer) : undefined;
  const name = named ?? (nameProperty ? undefined : propertyNameText(method.name));
  if (name === undefined) return undefined;
  // (Reported at the decorator, `@Tool({`: a marker above it stands between the class's members, not inside the options.)
  return { kind, name, nameNode: call.parent, call, handler: method, contextParam: method.parameters[1], shape: 'config-first' };
}

/**
 * `resolve`: what a wrapper's call runs (`withGame` of `withGame(logic)`): a function of the file,
 * or with the run's modules one imported from another (findRegistrations).
 */
function classify(call: TS.CallExpression, resolve: Resolve): Registration | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return appHelperRegistration(call, callee, resolve) ?? nuxtRegistration(call, callee, resolve) ?? nestRegistration(call, callee);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const args = call.arguments;

  // Object.hasOwn: a plain-object lookup of `toString` or `constructor` would find Object.prototype.
  const highLevel = Object.hasOwn(HIGH_LEVEL, method) ? HIGH_LEVEL[method] : undefined;
  // mcp-use's `server.tool({ name, ..., cb })` passes one argument.
  if (highLevel && args.length >= 1 && ts.isObjectLiteralExpression(unwrap(args[0]))) return configFirst(call, highLevel, resolve);
  if (highLevel && args.length >= 2) {
    const name = constantString(args[0]);
    if (name === undefined) return undefined;
    const handler = lastFunctionArgument(args);
    if (!handler) return handlerInConfig(call, highLevel, name, resolve);
    const wrapper = wrapperOfHandler(args[args.length - 1], resolve);
    return { kind: highLevel, name, nameNode: args[0], call, handler, contextParam: contextParamOf(handler, argsFirst(method, args)), ...(wrapper && wrapper.fn !== handler ? { wrapper } : {}) };
  }

  const platformatic = Object.hasOwn(PLATFORMATIC, method) ? PLATFORMATIC[method] : undefined;
  if (platformatic && args.length === 2) {
    const definition = unwrap(args[0]);
    const handler = resolveFunction(args[1]);
    const nameProperty = ts.isObjectLiteralExpression(definition) ? definition.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === (platformatic === 'resource' ? 'uriPattern' : 'name')) : undefined;
    const name = nameProperty && ts.isPropertyAssignment(nameProperty) ? constantString(nameProperty.initializer) : undefined;
    if (name === undefined || !handler) return undefined;
    return { kind: platformatic, name, nameNode: (nameProperty as TS.PropertyAssignment).initializer, call, handler, contextParam: contextParamOf(handler, true) };
  }

  const fastmcp = Object.hasOwn(FASTMCP, method) ? FASTMCP[method] : undefined;
  if (fastmcp && args.length === 1) {
    const config = unwrap(args[0]);
    if (!ts.isObjectLiteralExpression(config)) return undefined;
    let name: string | undefined;
    let nameNode: TS.Node = config;
    let handler: TS.FunctionLikeDeclaration | undefined;
    let wrapper: Registration['wrapper'];
    for (const prop of config.properties) {
      const key = propertyNameText(prop.name);
      if (key === 'name' && ts.isPropertyAssignment(prop)) {
        name = constantString(prop.initializer);
        nameNode = prop.initializer;
      }
      // Also through a wrapper of the file (`execute: timed(async (args, ctx) => ...)`, trial 35B).
      if ((key === 'execute' || key === 'load') && ts.isPropertyAssignment(prop)) {
        // (The wrapper's first function argument: a second one is its error callback, say.)
        const init = unwrap(prop.initializer);
        handler = resolveFunction(prop.initializer) ?? (ts.isCallExpression(init) ? init.arguments.map((a) => resolveFunction(a)).find((fn) => fn !== undefined) : undefined);
        wrapper = wrapperOfHandler(prop.initializer, resolve);
      }
      if ((key === 'execute' || key === 'load') && ts.isMethodDeclaration(prop)) handler = prop;
    }
    if (name === undefined || !handler) return undefined;
    return { kind: fastmcp, name, nameNode, call, handler, contextParam: contextParamOf(handler, true), ...(wrapper && wrapper.fn !== handler ? { wrapper } : {}) };
  }

  if (method === 'setRequestHandler' && args.length >= 2) {
    const handled = handledRequest(args[0]);
    if (!handled) return undefined;
    const handler = resolveFunction(args[1]);
    return { ...handled, name: undefined, nameNode: args[0], call, handler, contextParam: contextParamOf(handler, true) };
  }
  return undefined;
}

/** What a setRequestHandler call's first argument handles (a request schema, or v2's method string): its kind and JSON-RPC method. */
function handledRequest(arg: TS.Expression): { kind: PrimitiveKind; method: string } | undefined {
  const schema = unwrap(arg);
  const schemaName = ts.isIdentifier(schema) ? schema.text : ts.isPropertyAccessExpression(schema) ? schema.name.text : stringValue(schema);
  if (!schemaName) return undefined;
  const kind = Object.hasOwn(REQUEST_KINDS, schemaName) ? REQUEST_KINDS[schemaName] : 'request';
  return { kind, method: Object.hasOwn(REQUEST_SCHEMA_METHODS, schemaName) ? REQUEST_SCHEMA_METHODS[schemaName] : schemaName };
}

/** Whether the handler of a high-level registration (`tool`, `registerTool` ...) is handed the arguments before the context. */
function argsFirst(method: string, args: readonly TS.Expression[]): boolean {
  if (method === 'tool' || method === 'prompt') return legacyToolHasSchema(args);
  if (method === 'registerTool') return configHasInputSchema(args[1], 'inputSchema');
  if (method === 'registerPrompt') return configHasInputSchema(args[1], 'argsSchema');
  return true; // resource callbacks always receive the URI first
}

/**
 * The registrations of this file whose handlers are written in another module of the run (trial
 * 41A): a handler function imported by name (`server.tool('navigate', schema, navigate)`,
 * `setRequestHandler(CallToolRequestSchema, handleCall)`), and the tool objects of a tools module
 * registered here (`server.tool(navigate.name, navigate.schema, navigate.handler)`, `for (const t
 * of tools) server.tool(t.name, t.schema, t.handler)`, also over a copy or a combination of such
 * lists, or what a function of another module gathers: listObjects, trial 71A B2). Kept apart from
 * the file's own registrations: their handlers' nodes are another file's.
 */
export function importedRegistrations(nodes: NodeIndex, modules: { path: string; source: ModuleSource; sourceFile: TS.SourceFile }): Registration[] {
  if (!importsRunModule(modules.sourceFile.text, modules.source)) return [];
  const imports = relativeImportNames(modules.sourceFile, modules.source);
  if (imports.size === 0) return [];
  // Whether an expression starts from a name imported from the package (`navigate`, `tools.navigate`, `navigate.handler`).
  const importedName = (e: TS.Expression): boolean => {
    let n = unwrap(e);
    while (ts.isPropertyAccessExpression(n)) n = unwrap(n.expression);
    return ts.isIdentifier(n) && imports.has(n.text);
  };
  const elsewhere = (e: TS.Expression) => (importedName(e) ? importedFunctionAt(e, modules.path, modules.source) : undefined);
  const found: Registration[] = [];
  nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = unwrap(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const args = node.arguments;
    if (method === 'setRequestHandler' && args.length >= 2) {
      const handled = handledRequest(args[0]);
      const own = handled && resolveFunction(args[1]);
      const at = !handled || own ? undefined : elsewhere(args[1]);
      if (at) found.push({ ...handled!, name: undefined, nameNode: args[0], call: node, handler: at.fn, contextParam: contextParamOf(at.fn, true), module: at.module });
      // A tools/call handler of the file that calls the tools of another module's table.
      if (own) found.push(...tableRegistrations({ ...handled!, name: undefined, nameNode: args[0], call: node, handler: own, contextParam: undefined }, (list) => importedObjects(list, imports, modules)));
      // Or hands the tool's name on to a function of another module that switches on it (trial 66D).
      for (const dispatch of own && handled!.method === 'tools/call' ? dispatchersElsewhere(own, elsewhere) : []) found.push({ ...handled!, name: undefined, nameNode: args[0], call: node, handler: dispatch.fn, contextParam: dispatch.contextParam, module: dispatch.module });
      return;
    }
    const kind = Object.hasOwn(HIGH_LEVEL, method) ? HIGH_LEVEL[method] : undefined;
    if (!kind || args.length < 2) return;
    const last = args[args.length - 1];
    const name = constantString(args[0]);
    if (name !== undefined) {
      const at = lastFunctionArgument(args) ? undefined : elsewhere(last);
      if (at) found.push({ kind, name, nameNode: args[0], call: node, handler: at.fn, contextParam: contextParamOf(at.fn, argsFirst(method, args)), module: at.module });
      return;
    }
    // An object of another module, or an item of a list of another module's objects: its name and handler members.
    const nameArg = unwrap(args[0]);
    if (!ts.isPropertyAccessExpression(nameArg) || !ts.isIdentifier(nameArg.expression)) return;
    const item = nameArg.expression;
    const list = imports.has(item.text) ? undefined : iteratedList(resolveIdentifier(item));
    const handlerKey = handedMember(last, item.text);
    if (!handlerKey || (!list && !imports.has(item.text))) return;
    // A loop's list: the objects of other modules it holds, also copied or combined first
    // (listObjects, trial 71A B2); the file's own are listRegistrations'. Else the imported object.
    const declared = list ? undefined : importedDeclaration(item, modules.path, modules.source);
    const object = declared?.decl.initializer && unwrap(declared.decl.initializer);
    const groups = list ? [...listObjects(list, { path: modules.path, sourceFile: modules.sourceFile }, modules.source)] : object && ts.isObjectLiteralExpression(object) ? [[declared!.module, [object]] as const] : [];
    // (Named at the call: the objects' own names are the other module's nodes.)
    const caller = groups.length > 0 ? handingOn(node, method) : undefined;
    for (const [module, objects] of groups) {
      if (!module) continue;
      for (const r of objectRegistrations([...objects], kind, nameArg.name.text, handlerKey, node)) found.push({ ...r, nameNode: args[0], module, ...(caller ? { caller } : {}) });
    }
  });
  return found;
}

/**
 * The functions of another module of the run a tools/call handler of the file hands the tool's
 * name to (`async (request) => handleToolCall(request.params.name, request.params.arguments ?? {},
 * server)`, trial 66D): the tools/call handler in all but name, whose `switch (name)` cases are
 * the tools (toolAt), and the parameter of each the handler's context is handed to, if any.
 * Judged as the handler itself: the handler of the file only passes the call through, and one
 * that does more is judged for that as a registration of the file's own. (A logger handed the
 * name too keeps nothing a tool finds, and is judged to no effect.)
 */
function dispatchersElsewhere(own: TS.FunctionLikeDeclaration, elsewhere: (e: TS.Expression) => { fn: TS.FunctionLikeDeclaration; module: LoadedModule } | undefined): Array<{ fn: TS.FunctionLikeDeclaration; module: LoadedModule; contextParam: TS.ParameterDeclaration | undefined }> {
  const context = contextParamOf(own, true);
  const found: ReturnType<typeof dispatchersElsewhere> = [];
  walk(own.body!, (n) => {
    if (!ts.isCallExpression(n) || !n.arguments.some((a) => isToolName(a, own))) return undefined;
    const at = elsewhere(unwrap(n.expression) as TS.Expression);
    if (!at?.fn.body || found.some((f) => f.fn === at.fn)) return undefined;
    const handed = context ? n.arguments.findIndex((a) => ts.isIdentifier(unwrap(a)) && resolveIdentifier(unwrap(a) as TS.Identifier) === context) : -1;
    found.push({ ...at, contextParam: handed >= 0 ? at.fn.parameters[handed] : undefined });
    return undefined;
  });
  return found;
}

/**
 * The tool objects of another module of the run a table's list (tableRegistrations) holds: a list
 * imported (`import { tools } from './tools.js'`), or the list a function of another module returns
 * (`getTools()`, `commerce.getTools()` of `const commerce = new Commerce()`, trial 46A's checkout
 * kit), also through a const of the file (`const tools = commerce.getTools()`).
 */
function importedObjects(list: TS.Expression, imports: ReadonlySet<string>, modules: { path: string; source: ModuleSource }): TableObjects | undefined {
  let e = unwrap(list);
  if (ts.isIdentifier(e) && !imports.has(e.text)) {
    const init = resolveInitializer(e);
    if (!init) return undefined;
    e = unwrap(init);
  }
  if (ts.isIdentifier(e) && imports.has(e.text)) {
    const declared = importedDeclaration(e, modules.path, modules.source);
    return declared?.decl.initializer ? { objects: listedObjects(declared.decl.initializer, 2), module: declared.module } : undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const at = importedFunctionAt(e.expression, modules.path, modules.source) ?? importedInstanceMethod(e.expression, modules.path, modules.source);
  return at?.fn.body ? { objects: returnedExpressions(at.fn).flatMap((r) => listedObjects(r, 1)), module: at.module } : undefined;
}

/**
 * The function of the file a registration call (`server.tool(t.name, ..., async (a, extra) => {
 * ...; return t.handler(a, extra.sessionId) })`) hands each call on through to a member of the
 * object it names, with its context parameter: what the SDK calls. Found without loading any
 * module (SessionFacts.isContextParam asks it of every file).
 */
function handingOn(call: TS.CallExpression, method: string): Registration['caller'] {
  const args = call.arguments;
  const nameArg = args.length >= 2 ? unwrap(args[0]) : undefined;
  if (!nameArg || !ts.isPropertyAccessExpression(nameArg) || !ts.isIdentifier(nameArg.expression)) return undefined;
  const fn = resolveFunction(args[args.length - 1]);
  if (!fn?.body || !handedMember(args[args.length - 1], nameArg.expression.text)) return undefined;
  return { fn, contextParam: contextParamOf(fn, argsFirst(method, args)) };
}

/** The context parameters of the functions the file's registrations hand their calls on through (handingOn). */
export function handingOnContexts(nodes: NodeIndex): TS.ParameterDeclaration[] {
  const found: TS.ParameterDeclaration[] = [];
  nodes.visit(CALLS, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = unwrap(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !Object.hasOwn(HIGH_LEVEL, callee.name.text)) return;
    const param = handingOn(node, callee.name.text)?.contextParam;
    if (param) found.push(param);
  });
  return found;
}

/** The tool a node belongs to, and the node that names it (the `case` / `if` for low-level handlers). */
export interface ToolSite {
  name: string;
  node: TS.Node;
}

/**
 * For a node inside a handler: the tool it belongs to. High-level registrations name one tool;
 * low-level tools/call handlers that switch on `request.params.name` (or compare it in an `if`)
 * name it in the enclosing `case` or condition, which is where a finding about that tool belongs.
 */
export function toolAt(node: TS.Node, registration: Registration): ToolSite | undefined {
  if (registration.name !== undefined) return { name: registration.name, node: registration.nameNode };
  let current: TS.Node | undefined = node;
  while (current && current !== registration.call) {
    if (ts.isCaseClause(current)) {
      const value = constantString(current.expression);
      if (value !== undefined) return { name: value, node: current.expression };
    }
    if (ts.isIfStatement(current)) {
      const cond = unwrap(current.expression);
      if (ts.isBinaryExpression(cond) && (cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || cond.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
        const value = constantString(cond.right) ?? constantString(cond.left);
        const other = constantString(cond.right) !== undefined ? cond.left : cond.right;
        if (value !== undefined && /name$/i.test(other.getText())) return { name: value, node: cond };
      }
    }
    current = current.parent;
  }
  return undefined;
}

/** Whether a call is one of the registration calls above (used to spot dynamic registration). */
export function isRegistrationCall(call: TS.CallExpression): boolean {
  const name = calleeName(call);
  if (!name) return false;
  if (Object.hasOwn(HIGH_LEVEL, name) && call.arguments.length >= 2 && constantString(call.arguments[0]) !== undefined) return true;
  // mcp-use's and tmcp's `server.tool({ name: 'x', ... }, handler)`.
  if (Object.hasOwn(HIGH_LEVEL, name) && call.arguments.length <= 2 && configFirst(call, HIGH_LEVEL[name]) !== undefined) return true;
  if (Object.hasOwn(FASTMCP, name) && call.arguments.length === 1) return true;
  if (Object.hasOwn(PLATFORMATIC, name) && call.arguments.length === 2) return true;
  // The MCP Apps helpers (`registerAppTool(server, name, config, handler)`).
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) && appHelperRegistration(call, callee) !== undefined;
}

/** The SDK's registration calls (a wrapper of the file's calls one of them). */
const SDK_REGISTRATIONS = new Set(['tool', 'registerTool', 'prompt', 'registerPrompt', 'resource', 'registerResource', 'setRequestHandler']);

/**
 * How a tool is registered when not through the SDK's registration calls (SDK_REGISTRATIONS):
 * a framework's own API (mcp-use's `tool({ name, schema }, cb)`, mcp-lite's `tool(name, { handler })`,
 * FastMCP's `addTool()`), whose arguments explicit-handles does not rewrite. Undefined for the SDK's.
 */
export function frameworkRegistration(r: Registration): string | undefined {
  const callee = calleeName(r.call) ?? '';
  if (r.shape === 'config-first') return `${callee}({ name, ... })`;
  if (r.shape === 'handler-in-config') return `${callee}(name, { handler })`;
  return SDK_REGISTRATIONS.has(callee) ? undefined : `${callee}()`;
}

/** Whether explicit-handles can give this registration a handle argument: an SDK tool, or a low-level tools/call handler. */
export function takesHandleArgument(r: Registration): boolean {
  return frameworkRegistration(r) === undefined && (r.kind === 'tool' || (r.kind === 'request' && r.method === 'tools/call'));
}
