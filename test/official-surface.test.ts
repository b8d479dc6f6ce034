/**
 * The official v1→v2 codemod, as `fix` runs it: a name whose import it removed gets a marker at
 * its first real use, and only there. What counts as a use is the compiler's scope analysis of the
 * file alone, so property names, labels, members, re-exports from elsewhere and shadowing
 * declarations are not mistaken for uses of the lost import.
 */
import { describe, expect, it } from 'vitest';
import { migrateSurface } from '../codemods/lib/official.js';

const IMPORT = "import { InMemoryTaskStore, InMemoryTaskMessageQueue } from '@modelcontextprotocol/sdk/experimental/tasks';\n";

/** The markers about lost imports, as `name@line of the marked code`. */
function dangling(body: string, file = 'src/server.ts'): string[] {
  const result = migrateSurface(IMPORT + body, file);
  const lines = result.text.split('\n');
  return result.markers
    .filter((m) => m.message.includes('removed the import of'))
    .map((m) => `${/removed the import of (\w+)/.exec(m.message)![1]}@${lines[m.line - 1].trim()}`);
}

describe('official codemod: names left without their import', () => {
  it('marks the first real use of each lost name, in value, type and shorthand positions', () => {
    expect(
      dangling(
        [
          'function describe(store: InMemoryTaskStore) { return store; }',
          'const store = new InMemoryTaskStore();',
          'const queues = { InMemoryTaskMessageQueue };',
          'export { store };',
        ].join('\n'),
      ),
    ).toEqual(['InMemoryTaskStore@function describe(store: InMemoryTaskStore) { return store; }', 'InMemoryTaskMessageQueue@const queues = { InMemoryTaskMessageQueue };']);
  });

  it('does not take names that only look alike for uses', () => {
    const body = [
      'declare const lib: Record<string, unknown>;',
      'const { InMemoryTaskStore: fromLib } = lib as { InMemoryTaskStore: unknown };',
      'enum Kinds { InMemoryTaskStore = 1 }',
      'interface Stores { InMemoryTaskStore(): void; readonly InMemoryTaskMessageQueue: number }',
      'class Holder { get InMemoryTaskStore() { return 1; } InMemoryTaskMessageQueue = 2; }',
      'const literal = { InMemoryTaskStore: 1, get InMemoryTaskMessageQueue() { return 2; } };',
      'InMemoryTaskStore: for (;;) { break InMemoryTaskStore; }',
      "export { InMemoryTaskStore as Store } from './local-store.js';",
      "type Imported = import('./types.js').InMemoryTaskStore;",
      'function generic<InMemoryTaskStore>(value: InMemoryTaskStore) { return value; }',
      'namespace InMemoryTaskMessageQueue { export const size = 1; }',
      'const named = function InMemoryTaskStore() { return 0; };',
      'function shadowed(InMemoryTaskStore: number) { return InMemoryTaskStore + 1; }',
      'export { fromLib, Kinds, Holder, literal, generic, named, shadowed };',
      'export type { Stores, Imported };',
    ].join('\n');
    expect(dangling(body)).toEqual([]);
  });

  it('a shadowing declaration elsewhere does not hide a real use at the top level', () => {
    const body = ['function g(InMemoryTaskStore: number) { return InMemoryTaskStore; }', 'export const store = new InMemoryTaskStore(g(1));'].join('\n');
    expect(dangling(body)).toEqual(['InMemoryTaskStore@export const store = new InMemoryTaskStore(g(1));']);
  });

  it('JSX: a tag is a use, an attribute is not; JavaScript files are checked too', () => {
    expect(dangling('export const a = <div InMemoryTaskStore={1} />;\nexport const b = <InMemoryTaskMessageQueue />;\n', 'src/view.tsx')).toEqual([
      'InMemoryTaskMessageQueue@export const b = <InMemoryTaskMessageQueue />;',
    ]);
    expect(dangling('export const store = new InMemoryTaskStore();\n', 'src/server.mjs')).toEqual(['InMemoryTaskStore@export const store = new InMemoryTaskStore();']);
  });

  it('a renamed symbol re-exported under its old name is not lost', () => {
    const result = migrateSurface("import { JSONRPCResponse } from '@modelcontextprotocol/sdk/types.js';\nexport { JSONRPCResponse };\n", 'src/types.ts');
    expect(result.text).toContain('as JSONRPCResponse');
    expect(result.markers.filter((m) => m.message.includes('removed the import of'))).toEqual([]);
  });
});

describe('official codemod: module surfaces (barrels)', () => {
  it('a re-export it leaves for a person to split makes its import-path rewrite a change to review, with the marker', () => {
    const barrel = [
      "export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "export { type CallToolResult, SetLevelRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      '',
    ].join('\n');
    const result = migrateSurface(barrel, 'src/third_party/index.ts');
    expect(result.refused).toBeFalsy();
    expect(result.changes.filter((c) => /Import path rewrites/.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    expect(result.markers.map((m) => m.message)).toEqual([expect.stringMatching(/Split the export manually/)]);
    // Without such a request the same transform is safe.
    const plain = migrateSurface("export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n", 'src/index.ts');
    expect(plain.changes.map((c) => c.safety)).toEqual(['safe']);
  });

  it('the ErrorCode split is a symbol rename to review: ConnectionClosed becomes a string, marked where it fills an error code', () => {
    const text = [
      "import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';",
      'export const closed = { code: ErrorCode.ConnectionClosed, message: "closed" };',
      'export const invalid = { code: ErrorCode.InvalidParams, message: "bad" };',
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/errors.ts');
    expect(result.changes.filter((c) => /Symbol renames/.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    const lines = result.text.split('\n');
    expect(result.markers.filter((m) => /SdkErrorCode/.test(m.message)).map((m) => lines[m.line - 1])).toEqual(['export const closed = { code: SdkErrorCode.ConnectionClosed, message: "closed" };']);
    expect(result.markers[0].message).toMatch(/the JSON-RPC number -32000/);
    // A rename with nothing to verify stays safe.
    const renamed = migrateSurface("import { McpError } from '@modelcontextprotocol/sdk/types.js';\nexport const e = McpError;\n", 'src/e.ts');
    expect(renamed.changes.filter((c) => /Symbol renames/.test(c.description)).map((c) => c.safety)).toEqual(['safe']);
  });

  it("makes the import move a change to review where the file passes v1's type arguments to Server", () => {
    const generic = migrateSurface("import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport type R<S> = S extends Server<infer Q, any, any> ? Q : never;\n", 'src/types.ts');
    expect(generic.changes.filter((c) => /Import path rewrites/.test(c.description)).map((c) => c.safety)).toEqual(['review']);
    expect(generic.markers.map((m) => m.message)).toEqual([expect.stringMatching(/Server takes no type arguments on the v2 packages/)]);
    const plain = migrateSurface("import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nexport type S = Server;\n", 'src/types.ts');
    expect(plain.changes.filter((c) => /Import path rewrites/.test(c.description)).map((c) => c.safety)).toEqual(['safe']);
    expect(plain.markers).toEqual([]);
  });

  it('refuses a file whose re-export of a name no v2 package has would vanish (importers would stop compiling)', () => {
    const barrel = [
      "export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "export { type ShapeOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';",
      '',
    ].join('\n');
    const result = migrateSurface(barrel, 'src/third_party/index.ts');
    expect(result.refused).toBe(true);
    expect(result.text).toBe(barrel);
    expect(result.markers).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/would drop the re-export of ShapeOutput from '@modelcontextprotocol\/sdk\/server\/zod-compat\.js'/) })]);
  });
});

describe('official codemod: results it must not be left with', () => {
  it('moves a tool whose description is built from pieces or held in a constant with that description, not as its input schema', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      'const schema = z.object({ app: z.string() });',
      "const SCALE = 'Scales an app. ' + 'Ask for the size.';",
      'export function register(server: McpServer) {',
      "  server.tool('deploy', 'Use for all deployments. ' + 'Ask for the app name.', schema.shape, async ({ app }) => ({ content: [{ type: 'text', text: app }] }));",
      "  server.tool('scale', SCALE, schema.shape, async ({ app }) => ({ content: [{ type: 'text', text: app }] }));",
      '}',
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/deploy.ts');
    expect(result.refused).toBeFalsy();
    expect(result.text).toContain("server.registerTool('deploy', { description: 'Use for all deployments. ' + 'Ask for the app name.', inputSchema: z.object(schema.shape) }");
    expect(result.text).toContain("server.registerTool('scale', { description: SCALE, inputSchema: z.object(schema.shape) }");
    // No advice left where the schema is a zod object's shape, now wrapped.
    expect(result.markers.filter((m) => /Could not verify the schema argument/.test(m.message))).toEqual([]);
    // A shape of unknown origin keeps the official codemod's advice.
    const unknown = migrateSurface(text.replace(/schema\.shape/g, 'shapes.app'), 'src/deploy.ts');
    expect(unknown.markers.filter((m) => /Could not verify the schema argument/.test(m.message))).toHaveLength(2);
  });

  it("lists the raw shapes it wraps in z.object() as a change, and leaves a shape cast to any as it is, with the official advice (upstash's registerTool loop)", () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import z from 'zod';",
      'const schema = z.object({ msg: z.string() });',
      'export function register(server: McpServer, tools: Record<string, { inputSchema?: z.ZodObject<any> }>) {',
      "  server.registerTool('echo', { inputSchema: schema.shape }, async ({ msg }) => ({ content: [{ type: 'text', text: msg }] }));",
      '  for (const [name, tool] of Object.entries(tools)) {',
      '    server.registerTool(',
      '      name,',
      '      { inputSchema: ((tool.inputSchema ?? z.object({})) as any).shape },',
      '      // @ts-expect-error - the handler is typed loosely',
      "      async (args) => ({ content: [{ type: 'text', text: String(args) }] }),",
      '    );',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/server.ts');
    expect(result.text).toContain("inputSchema: z.object(schema.shape) }");
    expect(result.text).toContain('{ inputSchema: ((tool.inputSchema ?? z.object({})) as any).shape },');
    expect(result.changes).toContainEqual(expect.objectContaining({ line: 5, description: expect.stringMatching(/^wrapped 1 raw shape \(`schema\.shape`/), safety: 'safe' }));
    // The untouched one keeps the advice; the wrapped one has none.
    const advice = result.markers.filter((m) => /Could not verify .* is a schema object/.test(m.message));
    expect(advice.map((m) => result.text.split('\n')[m.line - 1].trim())).toEqual(['server.registerTool(']);
  });

  it('refuses a file that would still import a v1 module with no v2 home beside the v2 packages', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';",
      "export const server = new McpServer({ name: 'reports', version: '1.0.0' }, { taskStore: new InMemoryTaskStore() });",
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/server.ts');
    expect(result.refused).toBe(true);
    expect(result.markers[0].message).toMatch(/would still import @modelcontextprotocol\/sdk\/experimental\/tasks\/stores\/in-memory\.js, which has no v2 home/);
  });

  it('says so under a leading comment too, where the official codemod forgets the node of its own note (trial 37B)', () => {
    const text = [
      '/** A server. */',
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { toJsonSchemaCompat } from '@modelcontextprotocol/sdk/server/zod-json-schema-compat.js';",
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/server.ts');
    expect(result.refused).toBe(true);
    expect(result.markers[0].message).toMatch(/would still import @modelcontextprotocol\/sdk\/server\/zod-json-schema-compat\.js, which has no v2 home/);
  });
});

describe('official codemod: what a rewritten request handler is to be reviewed for', () => {
  const lowLevel = (schema: string, method: string) =>
    [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      `import { ${schema} } from '@modelcontextprotocol/sdk/types.js';`,
      "import { toolDefinitions } from './tools.js';",
      "const server = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {} } });",
      method === 'request'
        ? `server.setRequestHandler(${schema}, async () => ({ tools: toolDefinitions }));`
        : `server.setNotificationHandler(${schema}, async () => {});`,
      '',
    ].join('\n');

  it("says v2 types a request handler's result by its method (v1 accepted any result object)", () => {
    const result = migrateSurface(lowLevel('ListToolsRequestSchema', 'request'), 'src/server.ts');
    expect(result.text).toContain("server.setRequestHandler('tools/list', async () => ({ tools: toolDefinitions }));");
    const handlers = result.changes.find((c) => c.description.startsWith('official v1→v2 codemod: Handler registration migration'));
    expect(handlers?.safety).toBe('review');
    expect(handlers?.description).toMatch(/v2 checks what each request handler returns against its method's result type, which v1 did not/);
  });

  it('says nothing of results where only notification handlers were rewritten', () => {
    const result = migrateSurface(lowLevel('InitializedNotificationSchema', 'notification'), 'src/server.ts');
    const handlers = result.changes.find((c) => c.description.startsWith('official v1→v2 codemod: Handler registration migration'));
    expect(handlers).toBeDefined();
    expect(handlers!.description).not.toMatch(/result type/);
  });
});

describe('official codemod: a registration it cannot convert', () => {
  it('names the v2 call of the same kind: a resource takes a URI or template, not an input schema', () => {
    const text = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'export function register(server: McpServer, def: { name: string; uri: string }, metadata: { description: string }) {',
      "  server.resource(def.name, def.uri, metadata, async (uri) => ({ contents: [{ uri: uri.href, text: 'x' }] }));",
      '}',
      '',
    ].join('\n');
    const result = migrateSurface(text, 'src/resources.ts');
    expect(result.refused).toBe(true);
    expect(result.text).toBe(text);
    expect(result.markers).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('rewrite it as registerResource(name, uriOrTemplate, { description, mimeType }, handler)') })]);
    expect(result.markers[0].message).not.toMatch(/inputSchema/);
  });
});

describe('official codemod: a handler keyed by a schema it cannot see', () => {
  const text = [
    "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
    "import { ListToolsRequestSchema, CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
    'const KINDS = [{ listSchema: ListToolsRequestSchema, list: () => ({ tools: [] }) }];',
    'export function build() {',
    "  const server = new Server({ name: 's', version: '1.0.0' }, { capabilities: { tools: {} } });",
    '  for (const kind of KINDS) {',
    '    server.setRequestHandler(kind.listSchema, kind.list);',
    '  }',
    '  server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [] }));',
    '  return server;',
    '}',
    '',
  ].join('\n');

  it('refuses the move: v2 throws for a schema when the server is built, and v1 took nothing else there', () => {
    const result = migrateSurface(text, 'src/server.ts');
    expect(result.refused).toBe(true);
    expect(result.text).toBe(text);
    expect(result.markers).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('setRequestHandler(kind.listSchema, ...) registers a handler under a value v1 took as a schema') })]);
    expect(result.markers[0].message).toMatch(/throw for a schema when the server is built, so this file stays on SDK v1/);
  });

  it('moves a file whose key is visibly a method string, or declared one', () => {
    const strings = text
      .replace('listSchema: ListToolsRequestSchema', "method: 'tools/list' as const")
      .replace('kind.listSchema', 'kind.method');
    const result = migrateSurface(strings, 'src/server.ts');
    expect(result.refused).toBeFalsy();
    expect(result.text).toContain('server.setRequestHandler(kind.method, kind.list);');
    const declared = text.replace('export function build() {', 'export function build(method: string) {').replace('kind.listSchema', 'method');
    expect(migrateSurface(declared, 'src/server.ts').refused).toBeFalsy();
  });
});

describe('official codemod: registration arguments another module holds (trial 31B)', () => {
  const file = (tools: string[]) =>
    [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { DESCRIPTION, READ_ONLY, Shape } from './texts.js';",
      '',
      "const server = new McpServer({ name: 's', version: '1.0.0' });",
      ...tools,
      'export { server };',
      '',
    ].join('\n');

  it('stashes an imported string as the description, wherever the run says it is one', () => {
    const text = file(["server.tool('a', DESCRIPTION, Shape, async ({ q }) => ({ content: [] }));", "server.tool('b', DESCRIPTION, async () => ({ content: [] }));"]);
    const result = migrateSurface(text, 'src/server.ts', 'server', undefined, new Map([['DESCRIPTION', 'string'], ['Shape', 'shape']]));
    expect(result.refused).toBeFalsy();
    expect(result.text).toContain("server.registerTool('a', { description: DESCRIPTION, inputSchema: Shape }, async ({ q }) =>");
    expect(result.text).toContain("server.registerTool('b', { description: DESCRIPTION }, async () =>");
  });

  it('refuses annotations held in a constant, and an unread second argument whose handler does not show it takes arguments', () => {
    const text = file(["server.tool('ro', READ_ONLY, async () => ({ content: [] }));", "server.tool('b', DESCRIPTION, async (extra) => ({ content: [] }));"]);
    const result = migrateSurface(text, 'src/server.ts', 'server', undefined, new Map([['READ_ONLY', 'annotations']]));
    expect(result.refused).toBe(true);
    expect(result.text).toBe(text);
    expect(result.markers).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringMatching(/^v1 takes READ_ONLY here as the tool's annotations \(no value of it is a zod type\), which the official v1→v2 codemod would turn into its input schema/) }),
      expect.objectContaining({ line: 6, message: expect.stringMatching(/^server\.tool\('b', DESCRIPTION, \.\.\.\): v1 reads DESCRIPTION as the description, the input schema or the annotations \(its handler does not show it takes arguments\)/) }),
    ]);
  });

  it('moves an unread second argument where the handler takes arguments (a schema), or the third is a shape (a description)', () => {
    const text = file(["server.tool('s', Shape, async ({ q }) => ({ content: [] }));", "server.tool('d', DESCRIPTION, { q: z.string() }, async ({ q }) => ({ content: [] }));"]).replace("from './texts.js';", "from './texts.js';\nimport { z } from 'zod';");
    const result = migrateSurface(text, 'src/server.ts', 'server', undefined, new Map());
    expect(result.refused).toBeFalsy();
    expect(result.text).toContain("server.registerTool('s', { inputSchema: Shape }, async ({ q }) =>");
    expect(result.text).toContain("server.registerTool('d', { description: DESCRIPTION, inputSchema: z.object({ q: z.string() }) }, async ({ q }) =>");
  });
});
