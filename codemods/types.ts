/**
 * The contract every codemod implements (one file per codemod in this folder, listed in order in
 * `index.ts`). A codemod reads one file and returns text edits, the changes they make (each tagged
 * `safe` or `review`) and markers for what it must leave to a person. It never writes to disk: the
 * `fix` runner applies the edits, inserts markers once, re-parses and writes atomically.
 */
import type { ts as TS } from 'ts-morph';
import type { ModuleSource, TypeDeclaration } from '../src/analysis/modules.js';
import type { SessionFacts } from '../src/analysis/session.js';
import type { ConfigKind } from '../src/rules/types.js';

export type FixTarget = 'sdk-v1' | '2026-07-28';

/** `safe`: behaviour-preserving for 2026-07-28 serving. `review`: correct in general, worth a look. */
export type Safety = 'safe' | 'review';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Change {
  /** 1-based line in the original file. */
  line: number;
  description: string;
  safety: Safety;
  /**
   * A tool that used to run where its handle's minting tool had made nothing (it read an entry it
   * may lack) and now requires the handle (explicit-handles; trial 78B B2): its contract changed.
   */
  madeRequired?: { tool: string; handle: string; mintedBy: string };
}

export interface Marker {
  /** 1-based line, in the codemod's output text, that the marker goes above. */
  line: number;
  message: string;
  /** Spec page explaining what to do. */
  link: string;
}

export interface CodemodOutcome {
  /** The whole new text (equal to the input when nothing changed). */
  text: string;
  changes: Change[];
  markers: Marker[];
  /** Files to add next to the transformed file (path relative to its directory). Never overwrites. */
  files?: Array<{ path: string; text: string }>;
  /** Dependencies the rewritten code needs in the nearest package.json (name → range). */
  dependencies?: Record<string, string>;
}

/**
 * What a constant of another module holds, as a v1 registration argument: a string (a
 * description, a name), a raw shape (an object of zod types, `schema.shape`), a schema (a zod
 * call), or annotations (an object whose values are all literals).
 */
export type ImportedConstant = 'string' | 'shape' | 'schema' | 'annotations';

export interface CodemodContext {
  target: FixTarget;
  /** The codemods a run limited by `--codemods` applies (ids); undefined: every codemod that applies. */
  codemodsInRun?: ReadonlySet<string>;
  /** Path relative to the run root, `/`-separated. */
  path: string;
  /** Whether an edit of this safety may be made (`--safe-only` allows only `safe`). */
  allows(safety: Safety): boolean;
  /** `--handle-name state=name` overrides for explicit handles. */
  handleNames: Record<string, string>;
  /** The states of handleNames a codemod gave their handle (the run names the others: a typo, say). */
  usedHandleNames?: Set<string>;
  /**
   * The states of handleNames explicit-handles looked at and left without a handle, each with the
   * file and the marker there that says why: the run says that reason, not that no state has the
   * name (trial 76B B3).
   */
  refusedHandleNames?: Map<string, { file: string; reason: string }>;
  /**
   * The run's modules as it has left them so far: the runner gives them to the facts a codemod
   * reads (SessionFacts.typeModules) for the classes of the project a file's state holds alone.
   */
  modules?: ModuleSource;
  /**
   * The names of the tools registered on the servers this file registers its tools on, by the run's
   * other modules as the run has left them so far (a minting tool fix added to a file before this
   * one too; toolNamesOnItsServers), read by the runner when asked: explicit-handles asks where it
   * adds a minting tool, and takes a name none of them has (review 91 point 2).
   */
  toolNamesOnItsServers?(): ReadonlySet<string>;
  /**
   * Whether a name of this file (`carts` of `import { carts } from './tools/cart.js'`, or
   * `state.carts` of a namespace import) is state another module of the run keeps under explicit
   * handles: moved there by explicit-handles in this run, or a store of the mcp-state module already. stateless-transport lets a session callback's
   * cleanup of it (`carts.delete(id)` in `transport.onclose`) go with the callback, as it does for
   * such state of the file itself (handledStates): left, it would throw outside a tool call that
   * names its handle (trial 76B B1).
   */
  handleStateElsewhere?(name: TS.Identifier | TS.PropertyAccessExpression): boolean;
  /**
   * Session state kept across modules that explicit-handles moves under one handle in this run,
   * decided for the whole group by the runner before any file of it is rewritten
   * (crossModuleStates): a collection one module declares, keyed by the MCP session id by the tool
   * handlers of other modules of the run, directly or through helpers of its module. By the name
   * this file's analysis gives it: the collection in the module that declares it (`carts`), and
   * in a tools module each helper it calls (`cartOf()`) and the collection where it imports it.
   */
  crossModuleStates?: ReadonlyMap<string, CrossModuleState>;
  /**
   * Session state of this file that explicit-handles leaves where it is, with a marker: another
   * module of the run uses it where no tool call naming its handle reaches it (name → that use,
   * `` `carts.delete(id)` in src/server.ts ``), found by the run on an earlier pass (trial 76B B1).
   */
  keptStates?: ReadonlyMap<string, string>;
  /**
   * The collections of this file that held transports or servers by the session id in the text as
   * read, before this run's codemods (a session map: `sessionServers[id] = server` in
   * onsessioninitialized), read by the runner when asked. stateless-transport may keep such a map
   * that other code still uses (marked: it stays empty), and in its text the map then looks like
   * data kept by the session id; it goes with the sessions, never into a shared store, so
   * explicit-handles leaves it (trial 76A B1: `sessionServers` asked for a JSDoc type, then was
   * refused as no plain JSON).
   */
  sessionMapsAsRead?(): ReadonlySet<string>;
  /**
   * The collections of this file that held each request's own credentials by the session id in
   * the text as read (requestAuthPlan: `sessionAuth.set(sid, req.auth)` in onsessioninitialized),
   * read by the runner when asked. stateless-transport removes such a store with the session
   * callback it is in, where explicit-handles removes the map in the same run: in its text the map
   * is then stored in nowhere, and only this says its reads are the request's credentials (trial 77B B2).
   */
  credentialMapsAsRead?(): ReadonlySet<string>;
  /**
   * The type a module of the run exports under `name`, where the file at `from` (its path as
   * `path` gives it; this file's by default) imports it from `specifier` (`import type { Draft }
   * from './draft.js'`, or a package of the run by its name): its declaration and that module's
   * path, read by the runner from the run's modules as this run has left them. explicit-handles
   * judges a value type declared there by the rules it applies to one of the file (trial 76B B4).
   * Undefined for a package's type, or one the run cannot read.
   */
  importedType?(specifier: string, name: string, from?: string): { decl: TypeDeclaration; path: string } | undefined;
  /**
   * `dependencies`, `peerDependencies` and `devDependencies` of the file's nearest package.json (within the run),
   * read once per manifest by the runner: a codemod reads no file but the one it rewrites.
   */
  dependencies?: Readonly<Record<string, string>>;
  /**
   * Functions elsewhere in the run that hand out one kept server (shared-server's cached getter):
   * a server taken from one of them is shared by every request, whatever file calls it.
   */
  cachedServers?: ReadonlySet<string>;
  /**
   * Functions elsewhere in the run that set the server they build up when the handshake ends
   * (`oninitialized` registering tools): name → its file. Built per request, such a server
   * misses that setup on every later request.
   */
  handshakeSetups?: ReadonlyMap<string, string>;
  /**
   * Classes elsewhere in the run that hold an SDK server and connect it in a connect() of their
   * own, without extending McpServer or Server: createMcpHandler cannot take one as its server.
   */
  wrapperClasses?: ReadonlySet<string>;
  /**
   * Another file of this file's package still issues session ids once this run's rewrites are
   * done (a sessionful transport fix left in place or only marked): a CORS list here keeps
   * Mcp-Session-Id for its 2025 browser clients.
   */
  packageIssuesSessions?: boolean;
  /**
   * Where code of this file's package sends a notification through the server from a handler
   * (`file:line` of the first server-push finding): a 2025 session's GET stream carried it, and
   * answering GET 405 leaves it no stream at all.
   */
  packagePushes?: string;
  /**
   * Where a tool of this file's package asks the client mid-call only past a test of what the
   * handshake said, and goes on as if the client had agreed where it was not asked (`file:line` of
   * the first such stateful-tool finding): a per-request server has seen no initialize, so that
   * tool stops asking (trial 41B: a delete went through unconfirmed).
   */
  packageSkipsAsking?: string;
  /**
   * For deployment config: a code file of the run that still keeps sessions on one instance once
   * this run's rewrites are done (a sessionful transport fix left or only marked, a legacy SSE
   * endpoint): sticky routing stays while it does.
   */
  sessionsKeptIn?: string;
  /** For a config file: the code file of its own package that still keeps sessions (the run's, for a config of no package with code). */
  sessionsKeptInPackage?: string;
  /**
   * For deployment config: where code of the run keeps OAuth tokens, codes or registered clients
   * in one instance's memory (an auth-store finding, `file:line`): sticky routing stays while it does.
   */
  authKeptIn?: string;
  /**
   * For deployment config: where code of the run keeps state a later call needs in one instance's
   * memory once rewritten (a stateful-tool or session-state error left, `file:line`): client
   * stickiness stays while it does.
   */
  stateKeptIn?: string;
  /**
   * For deployment config: where code of the run keeps a web application's sessions in one
   * instance's memory (express-session or @fastify/session with their default store, `file:line`):
   * not MCP state, but the routes that read them need client stickiness all the same.
   */
  webSessionsKeptIn?: string;
  /**
   * For deployment config: no MCP server code was part of the run (`fix deploy/`, trial 29A), so
   * whether the servers behind it still keep sessions or state on one instance is unknown here:
   * sticky routing stays, marked, until a run that covers that code too.
   */
  noServerCode?: boolean;
  /**
   * What the file's package does with MCP, by its sources' imports: only a client (a client
   * library, a UI), only a server, or both. The v1→v2 move takes shared protocol types from the
   * package that side needs (a client library gets no @modelcontextprotocol/server). Default: server.
   */
  mcpSide?: 'client' | 'server' | 'both';
  /**
   * The SDK module this file's McpServer comes from when the file imports it from a module of its
   * own package that re-exports the SDK's (`import type { McpServer } from './types'`): the
   * v1→v2 move treats its calls as those of a file that imports McpServer from the SDK.
   */
  mcpServerFrom?: string;
  /**
   * What the constants this file's tool()/prompt()/resource() calls (and registerTool()/registerPrompt()
   * configs' schemas) take from other modules of the run hold, by the argument as written
   * (`SEARCH_DESCRIPTION`, `constants.SEARCH_DESCRIPTION`), read from those modules by the runner:
   * the v1→v2 move tells a description from a schema by them, and wraps the raw shapes among them.
   * An imported argument missing here is one this run cannot read (a package's, a computed value).
   */
  importedConstants?: ReadonlyMap<string, ImportedConstant>;
  /**
   * Another file of this file's package registers tools on a server it does not build (one it is
   * handed): a server this file returns may get more tools there.
   */
  toolsAddedElsewhere?: boolean;
  /**
   * The reverse proxies' configs that may stand in front of this file's server, those of its
   * package first, then those of no package or of the repository's top: a Caddyfile, Traefik or
   * HAProxy config, an nginx config that proxies (`proxy_pass`), with the hostnames it serves
   * (Caddy's site addresses, nginx's `server_name`, Traefik's ``Host(`...`)``, HAProxy's
   * `hdr(host)` ACLs; none read: empty) and the upstreams it proxies to. `file` is relative to the
   * run's root (`../Caddyfile` for `fix src/`). A loopback-bound server behind one gets the public
   * Host (trial 66C B2); v2-handler takes the one whose upstream port is the port the file listens
   * on (review 86 #1: it reads that port, which the runner does not).
   */
  reverseProxy?: ReverseProxyConfig[];
}

/** State kept across modules that explicit-handles moves in this run (CodemodContext.crossModuleStates). */
export interface CrossModuleState {
  /** The collection's name in the module that declares it (`carts`). */
  state: string;
  /** The path of that module, as CodemodContext.path gives one. */
  declaredIn: string;
  handle: string;
  /** The tool that mints the handle (added once, in the tools module that has `mint`). */
  mintedBy: string;
  /** Every tool of the run that takes the handle, in the order of their modules' paths. */
  users: readonly string[];
  /** For a tools module: the specifier it imports the declaring module by (where the collection's import goes). */
  from?: string;
  /**
   * For a tools module in another folder: that of the declaring module, relative to its own (`..`),
   * where the one mcp-state module both use is: a second one would hold stores the first's
   * withHandle does not load.
   */
  stateDir?: string;
  /** For the one tools module that adds the minting tool: the value a new handle starts with (`[]`). */
  mint?: { initial: string };
}

/** A reverse proxy's config, as the runner reads it (see CodemodContext.reverseProxy). */
export interface ReverseProxyConfig {
  file: string;
  hosts: string[];
  /** Where it proxies to (`127.0.0.1:8787`, `app`; no scheme or path), with the port where one is written. */
  upstreams: Array<{ address: string; port?: number }>;
  /** A config of the file's own package (not of the repository's top). */
  own?: boolean;
}

export interface CodeInput {
  text: string;
  sourceFile: TS.SourceFile;
  facts: SessionFacts;
}

export interface CodemodMeta {
  id: string;
  title: string;
  /** Which `--target` runs it; 'any' runs on both. */
  target: FixTarget | 'any';
  /** Rule ids whose findings this codemod resolves. */
  resolves: readonly string[];
  /** Lower-case substrings of which one must occur for the codemod to have anything to do. */
  keywords: readonly string[];
}

export interface CodeCodemod extends CodemodMeta {
  kind: 'code';
  transform(input: CodeInput, ctx: CodemodContext): CodemodOutcome;
}

export interface ConfigCodemod extends CodemodMeta {
  kind: 'config';
  configKinds: readonly ConfigKind[];
  transform(input: { text: string; kind: ConfigKind }, ctx: CodemodContext): CodemodOutcome;
}

export type Codemod = CodeCodemod | ConfigCodemod;

export function unchanged(text: string): CodemodOutcome {
  return { text, changes: [], markers: [] };
}
