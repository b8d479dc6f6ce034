/**
 * The source of the small state module that `explicit-handles` adds to a project
 * (`mcp-state.ts` / `.js` / `.mjs` / `.cjs` next to the code that uses it). It is written to be read and
 * owned by the project: a header says what it is, why, and how to configure it.
 */
/** 'mjs': ES module syntax in a `.mjs` file, whose package may have no `"type": "module"` (a `.js` there would load as CommonJS). */
export type ModuleFlavour = 'ts' | 'esm' | 'mjs' | 'cjs';
export type RedisClient = 'redis' | 'ioredis';

export const STATE_MODULE_BASENAME = 'mcp-state';

export function stateModuleFileName(flavour: ModuleFlavour): string {
  return `${STATE_MODULE_BASENAME}.${flavour === 'ts' ? 'ts' : flavour === 'cjs' || flavour === 'mjs' ? flavour : 'js'}`;
}

/** The import specifier from a file in the same directory (NodeNext style: `.js` for `.ts`). */
export function stateModuleSpecifier(flavour: ModuleFlavour): string {
  return `./${STATE_MODULE_BASENAME}.${flavour === 'cjs' || flavour === 'mjs' ? flavour : 'js'}`;
}

const HEADER = `/**
 * mcp-state: tool state shared by every instance, addressed by explicit handles.
 *
 * Added by mcp-migrate (codemod explicit-handles). Under the stateless MCP revision 2026-07-28
 * any request may reach any instance and carries no session, so state that used to live in
 * memory per session lives here instead, keyed by a handle the client passes in every call
 * (for example \`basket_id\`, returned by \`create_basket\`).
 * Spec: https://modelcontextprotocol.io/specification/2026-07-28/server/tools
 *
 * Configuration (environment):
 *   MCP_STATE_URL          redis://host:6379 to share state between instances (production).
 *                          Unset: an in-memory map, correct for ONE instance only (a warning is
 *                          printed at startup).
 *   MCP_STATE_TTL_SECONDS  idle entries expire after this many seconds (default 86400).
 *   MCP_STATE_LOCK_WAIT_SECONDS  how long a call waits for another call on the same handle
 *                          before it answers "busy, retry" (default 30).
 *   MCP_STATE_LOCK_TTL_SECONDS  how long the lock of a call whose instance died holds its handle
 *                          before it expires (default 15; the holder renews it while it runs).
 *   MCP_STATE_TIMEOUT_SECONDS  how long one Redis operation may take (connecting included)
 *                          before the call fails with an error naming the store (default 10).
 *
 * How tools use it: \`withHandle(state, { handle, mintedBy }, handler)\` loads the value of the
 * handle the call names into a scope, runs the handler (which reads and writes \`state\` like the
 * Map it used to be), then stores the value as JSON. An unknown or expired handle becomes a tool
 * error telling the model to call the minting tool. \`mintHandle\` creates a new handle. Deleting
 * a handle's value (\`carts.delete(basket_id)\`) leaves the handle valid with no value, as a
 * session went on after its entry was deleted.
 * A handle minted in a call that carries the client's credentials (an access token: \`authInfo\`)
 * belongs to that client (\`authInfo.clientId\`): a call on it with other credentials, or none, is a
 * tool error. A handle minted without credentials can be used by anyone who holds it.
 * Calls that name the same handle run one after another, so that two parallel calls (add_item
 * twice) both land: in this process through a queue, across instances through a lock in Redis
 * that the holder renews while its handler runs and that expires if the instance dies.
 */`;

interface Parts {
  typed: boolean;
}

function t(parts: Parts, typed: string, plain = ''): string {
  return parts.typed ? typed : plain;
}

function redisBackend(client: RedisClient, p: Parts): string {
  if (client === 'ioredis') {
    return `/** Redis through ioredis (the project's client). */
class RedisBackend${t(p, ' implements Backend')} {
  ${t(p, 'private readonly client: Redis;\n  ')}constructor(url${t(p, ': string')}) {
    this.client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }
  async get(key${t(p, ': string')})${t(p, ': Promise<string | null>')} {
    return this.client.get(key);
  }
  async set(key${t(p, ': string')}, value${t(p, ': string')}, ttlSeconds${t(p, ': number')})${t(p, ': Promise<void>')} {
    await this.client.set(key, value, 'EX', ttlSeconds);
  }
  async delete(key${t(p, ': string')})${t(p, ': Promise<void>')} {
    await this.client.del(key);
  }
  async lock(key${t(p, ': string')}, token${t(p, ': string')}, ttlMs${t(p, ': number')})${t(p, ': Promise<boolean>')} {
    return (await this.client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
  }
  async renew(key${t(p, ': string')}, token${t(p, ': string')}, ttlMs${t(p, ': number')})${t(p, ': Promise<boolean>')} {
    return Number(await this.client.eval(RENEW_SCRIPT, 1, key, token, String(ttlMs))) === 1;
  }
  async unlock(key${t(p, ': string')}, token${t(p, ': string')})${t(p, ': Promise<void>')} {
    await this.client.eval(UNLOCK_SCRIPT, 1, key, token);
  }
}`;
  }
  return `/** Redis through the \`redis\` package, connected on first use. */
class RedisBackend${t(p, ' implements Backend')} {
  ${t(p, 'private readonly client: ReturnType<typeof createClient>;\n  private connecting: Promise<unknown> | undefined;\n  ')}constructor(url${t(p, ': string')}) {
    // (No offline queue: a command the call gave up on while Redis was away must not run later.)
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', (error${t(p, ': Error')}) => console.error('[mcp-state] redis:', error.message));
  }
  ${t(p, 'private ')}async ready()${t(p, ': Promise<void>')} {
    this.connecting ??= this.client.connect();
    await this.connecting;
  }
  async get(key${t(p, ': string')})${t(p, ': Promise<string | null>')} {
    await this.ready();
    // Typed string | Buffer outside strict mode: what was stored is a JSON string.
    const value = await this.client.get(key);
    return value === null || value === undefined ? null : String(value);
  }
  async set(key${t(p, ': string')}, value${t(p, ': string')}, ttlSeconds${t(p, ': number')})${t(p, ': Promise<void>')} {
    await this.ready();
    await this.client.set(key, value, { EX: ttlSeconds });
  }
  async delete(key${t(p, ': string')})${t(p, ': Promise<void>')} {
    await this.ready();
    await this.client.del(key);
  }
  async lock(key${t(p, ': string')}, token${t(p, ': string')}, ttlMs${t(p, ': number')})${t(p, ': Promise<boolean>')} {
    await this.ready();
    return (await this.client.set(key, token, { NX: true, PX: ttlMs })) === 'OK';
  }
  async renew(key${t(p, ': string')}, token${t(p, ': string')}, ttlMs${t(p, ': number')})${t(p, ': Promise<boolean>')} {
    await this.ready();
    return Number(await this.client.eval(RENEW_SCRIPT, { keys: [key], arguments: [token, String(ttlMs)] })) === 1;
  }
  async unlock(key${t(p, ': string')}, token${t(p, ': string')})${t(p, ': Promise<void>')} {
    await this.ready();
    await this.client.eval(UNLOCK_SCRIPT, { keys: [key], arguments: [token] });
  }
}`;
}

export function stateModuleSource(flavour: ModuleFlavour, client: RedisClient): string {
  const p: Parts = { typed: flavour === 'ts' };
  const cjs = flavour === 'cjs';
  const imports = cjs
    ? [
        "const { AsyncLocalStorage } = require('node:async_hooks');",
        "const { createHash, randomBytes } = require('node:crypto');",
        client === 'ioredis' ? "const { Redis } = require('ioredis');" : "const { createClient } = require('redis');",
      ]
    : [
        "import { AsyncLocalStorage } from 'node:async_hooks';",
        "import { createHash, randomBytes } from 'node:crypto';",
        client === 'ioredis' ? "import { Redis } from 'ioredis';" : "import { createClient } from 'redis';",
      ];
  const exp = (decl: string) => (cjs ? decl : `export ${decl}`);
  const body = `${HEADER}
${imports.join('\n')}

${t(p, `/** A tool result, as the MCP SDK accepts it. */
type ToolResult = { content: Array<{ type: 'text'; text: string }>; structuredContent?: Record<string, unknown>; isError?: boolean; [key: string]: unknown };

interface Backend {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Takes the lock \`key\` for \`ttlMs\` unless another token holds it; true when taken. */
  lock(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Extends the lock while \`token\` still holds it; false when it has been lost. */
  renew(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if \`token\` still holds it. */
  unlock(key: string, token: string): Promise<void>;
}

`)}/** A number of seconds above 0 from the environment, else \`fallback\` (saying so when the value is not one). */
function positiveSeconds(name${t(p, ': string')}, fallback${t(p, ': number')})${t(p, ': number')} {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  console.warn(\`[mcp-state] \${name}="\${raw}" is not a number of seconds above 0: using \${fallback}.\`);
  return fallback;
}
const TTL_SECONDS = Number(process.env['MCP_STATE_TTL_SECONDS'] ?? 86_400);
const LOCK_WAIT = Number(process.env['MCP_STATE_LOCK_WAIT_SECONDS'] ?? 30);
const LOCK_WAIT_SECONDS = Number.isFinite(LOCK_WAIT) ? LOCK_WAIT : 30;
const TIMEOUT = Number(process.env['MCP_STATE_TIMEOUT_SECONDS'] ?? 10);
const TIMEOUT_SECONDS = Number.isFinite(TIMEOUT) && TIMEOUT > 0 ? TIMEOUT : 10;
/** A lock's lifetime: renewed while its handler runs, so it only runs out when the instance is gone. */
const LOCK_TTL_MS = Math.max(1, Math.round(positiveSeconds('MCP_STATE_LOCK_TTL_SECONDS', 15) * 1000));
/**
 * How long a handle's owner is kept: longer than its values, which are written after it, so that
 * no value outlives the record of whose it is.
 */
const OWNER_TTL_SECONDS = TTL_SECONDS + 3600;
const RENEW_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const UNLOCK_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/**
 * What a handle's first state holds once its value is deleted (no JSON text is empty): the handle
 * stays known with no value, as a session went on after its cart was deleted (\`carts.get(id) ?? []\`
 * reads an empty cart again), until it expires.
 */
const NO_VALUE = '';

/** In-process map with expiry: correct only while a single instance serves every request. */
class MemoryBackend${t(p, ' implements Backend')} {
  ${t(p, 'private readonly entries = new Map<string, { value: string; expires: number }>();', 'entries = new Map();')}
  async get(key${t(p, ': string')})${t(p, ': Promise<string | null>')} {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }
  async set(key${t(p, ': string')}, value${t(p, ': string')}, ttlSeconds${t(p, ': number')})${t(p, ': Promise<void>')} {
    this.entries.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
  }
  async delete(key${t(p, ': string')})${t(p, ': Promise<void>')} {
    this.entries.delete(key);
  }
  // One process holds all of this state: the queue in exclusive() is the whole lock.
  async lock()${t(p, ': Promise<boolean>')} {
    return true;
  }
  async renew()${t(p, ': Promise<boolean>')} {
    return true;
  }
  async unlock()${t(p, ': Promise<void>')} {}
}

${redisBackend(client, p)}

/**
 * A store whose every operation fails after MCP_STATE_TIMEOUT_SECONDS instead of holding the tool
 * call (and its handle's lock) while Redis is down or unreachable.
 */
function bounded(store${t(p, ': Backend')})${t(p, ': Backend')} {
  const within = ${t(p, '<T>(what: string, work: Promise<T>): Promise<T>', '(what, work)')} => {
    let timer${t(p, ': ReturnType<typeof setTimeout> | undefined')};
    const late = new Promise${t(p, '<never>')}((_, reject) => {
      timer = setTimeout(() => reject(new Error(\`[mcp-state] the store at MCP_STATE_URL did not answer \${what} within \${TIMEOUT_SECONDS}s (MCP_STATE_TIMEOUT_SECONDS)\`)), TIMEOUT_SECONDS * 1000);
    });
    // (An error of the client's own, "The client is offline", says which store failed too.)
    const failed = work.catch((error${t(p, ': unknown')}) => {
      throw new Error(\`[mcp-state] the store at MCP_STATE_URL failed \${what}: \${error instanceof Error ? error.message : String(error)}\`);
    });
    return Promise.race([failed, late]).finally(() => clearTimeout(timer));
  };
  return {
    get: (key) => within('a read', store.get(key)),
    set: (key, value, ttlSeconds) => within('a write', store.set(key, value, ttlSeconds)),
    delete: (key) => within('a delete', store.delete(key)),
    lock: (key, token, ttlMs) => {
      const taking = store.lock(key, token, ttlMs);
      return within('a lock', taking).catch((error) => {
        // A lock Redis takes after the call gave up on it (a stalled server that resumes) is
        // released, so the handle's next call does not wait for it to expire.
        void taking.then((held) => (held ? store.unlock(key, token) : undefined)).catch(() => undefined);
        throw error;
      });
    },
    renew: (key, token, ttlMs) => within('a lock renewal', store.renew(key, token, ttlMs)),
    unlock: (key, token) => within('an unlock', store.unlock(key, token)),
  };
}

let backend${t(p, ': Backend | undefined')};
function storage()${t(p, ': Backend')} {
  if (!backend) {
    const url = process.env['MCP_STATE_URL'];
    backend = url ? bounded(new RedisBackend(url)) : new MemoryBackend();
  }
  return backend;
}

// Said when the server starts, not at the first call that needs state: once the modules it loads
// have run, so that an entry file's dotenv.config() has set the environment by then.
setImmediate(() => {
  if (!process.env['MCP_STATE_URL']) {
    console.warn('[mcp-state] MCP_STATE_URL is not set: tool state is kept in memory, which is correct for a single instance only. Set it to a Redis URL before running several instances.');
  }
});

${t(p, 'interface Scope {\n  handle: string;\n  value: unknown;\n  deleted: boolean;\n}\n\n')}/** The handle values loaded for the tool call in progress, per state. */
const scopes = new AsyncLocalStorage${t(p, '<Map<HandleState<unknown>, Scope>>')}();

/**
 * State of one kind (carts, browsers, ...), read and written like the Map it replaces. Inside a
 * \`withHandle\` handler only the value of the call's handle is loaded: other keys are an error.
 */
${exp(`class HandleState${t(p, '<T>')} {`)}
  ${t(p, 'readonly name: string;\n  /** What tool calls hold this state as: itself, or the Record-style proxy handleState gives out. */\n  owner: object;\n  ')}constructor(name${t(p, ': string')}) {
    this.name = name;
    this.owner = this;
  }
  ${t(p, 'key(handle: string): string', 'key(handle)')} {
    return \`mcp-state:\${this.name}:\${handle}\`;
  }
  ${t(p, 'private scope(handle: string): Scope', 'scope(handle)')} {
    const scope = scopes.getStore()?.get(this.owner${t(p, ' as HandleState<unknown>')});
    if (!scope) throw new Error(\`[mcp-state] \${this.name} used outside a tool call that names its handle (wrap the handler in withHandle)\`);
    if (handle !== scope.handle) throw new Error(\`[mcp-state] \${this.name}: only the handle of this call (\${scope.handle}) is loaded, not \${String(handle)}\`);
    return scope;
  }
  get(handle${t(p, ': string')})${t(p, ': T | undefined')} {
    const scope = this.scope(handle);
    return scope.deleted ? undefined : ${t(p, '(scope.value as T | undefined)', 'scope.value')};
  }
  set(handle${t(p, ': string')}, value${t(p, ': T')})${t(p, ': this')} {
    const scope = this.scope(handle);
    scope.value = value;
    scope.deleted = false;
    return this;
  }
  has(handle${t(p, ': string')})${t(p, ': boolean')} {
    const scope = this.scope(handle);
    return !scope.deleted && scope.value !== undefined;
  }
  delete(handle${t(p, ': string')})${t(p, ': boolean')} {
    const scope = this.scope(handle);
    const had = !scope.deleted && scope.value !== undefined;
    scope.deleted = true;
    return had;
  }
  /** Loads a handle's value from the store; \`known\` is false when the handle is unknown or expired. */
  async load(handle${t(p, ': string')})${t(p, ': Promise<{ known: boolean; value: T | undefined }>')} {
    const raw = await storage().get(this.key(handle));
    return { known: raw !== null, value: raw === null || raw === NO_VALUE ? undefined : ${t(p, '(JSON.parse(raw) as T)', 'JSON.parse(raw)')} };
  }
  /**
   * Stores a handle's value as JSON (refreshing its expiry). Without a value (deleted), the state
   * that keeps the handle known stores that it has none; another state drops its entry.
   */
  async save(handle${t(p, ': string')}, value${t(p, ': T | undefined')}, deleted${t(p, ': boolean')}, keepsHandle${t(p, ': boolean')})${t(p, ': Promise<void>')} {
    if (!deleted && value !== undefined) await storage().set(this.key(handle), JSON.stringify(value), TTL_SECONDS);
    else if (keepsHandle) await storage().set(this.key(handle), NO_VALUE, TTL_SECONDS);
    else await storage().delete(this.key(handle));
  }
}

/** Record-style access (\`state[handle]\`, \`delete state[handle]\`) for state that was a plain object. */
${exp(`function handleState${t(p, '<T>(name: string): HandleState<T> & Record<string, T>', '(name)')} {`)}
  const state = new HandleState${t(p, '<T>')}(name);
  // Its traps run on the state itself, whose calls' scopes are filed under the proxy (owner).
  const proxy = new Proxy(state, {
    get: (target, prop, receiver) => (typeof prop === 'string' && !(prop in target) ? target.get(prop) : Reflect.get(target, prop, receiver)),
    set: (target, prop, value) => (typeof prop === 'string' && !(prop in target) ? (target.set(prop, value), true) : Reflect.set(target, prop, value)),
    deleteProperty: (target, prop) => (typeof prop === 'string' ? (target.delete(prop), true) : false),
    has: (target, prop) => (typeof prop === 'string' && !(prop in target) ? target.has(prop) : Reflect.has(target, prop)),
  });
  state.owner = proxy;
  return proxy${t(p, ' as HandleState<T> & Record<string, T>')};
}

function toolError(text${t(p, ': string')})${t(p, ': ToolResult')} {
  return { isError: true, content: [{ type: 'text', text }] };
}

/** The caller of the tool call in progress, for the calls its handler makes on other tools without a context. */
const callers = new AsyncLocalStorage${t(p, '<{ owner: string | undefined }>')}();

/**
 * Who makes a tool call: a digest of \`authInfo.clientId\` from the handler's context (\`extra.authInfo\`
 * in SDK v1, \`ctx.http.authInfo\` in v2), undefined without credentials. A call made without a
 * context (a handler calling another tool's handler) is made by the call around it.
 */
function callerOf(args${t(p, ': unknown[]')})${t(p, ': string | undefined')} {
  // The SDK's context carries functions, which arguments (JSON) cannot: sendNotification (v1), mcpReq.notify (v2).
  const context${t(p, ': any')} = args.find((arg${t(p, ': any')}) => arg !== null && typeof arg === 'object' && (typeof arg.sendNotification === 'function' || typeof arg.mcpReq?.notify === 'function'));
  if (!context) return callers.getStore()?.owner;
  const id = (context.authInfo ?? context.http?.authInfo)?.clientId;
  return typeof id === 'string' && id !== '' ? createHash('sha256').update(id).digest('hex') : undefined;
}

/** Where the owner of a handle minted by an authenticated call is kept (none: anyone holding it may use it). */
function ownerKey(handle${t(p, ': string')})${t(p, ': string')} {
  return \`mcp-state-owner:\${handle}\`;
}

/** Per handle, the end of the queue of this process's calls on it. */
const queues = new Map${t(p, '<string, Promise<void>>')}();

/**
 * Runs \`run\` while no other call on \`handle\` does: after this process's earlier calls on it,
 * and holding the handle's lock in the store (which other instances take too). Answers \`busy()\`
 * when the two together take longer than MCP_STATE_LOCK_WAIT_SECONDS (so that calls waiting on
 * each other's handles, or on a call that hangs, end).
 */
async function exclusive${t(p, '<R>')}(handle${t(p, ': string')}, run${t(p, ': () => Promise<R>')}, busy${t(p, ': () => R')})${t(p, ': Promise<R>')} {
  const key = \`mcp-state-lock:\${handle}\`;
  const before = queues.get(key) ?? Promise.resolve();
  let release${t(p, '!: () => void')};
  const mine = new Promise${t(p, '<void>')}((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  queues.set(key, tail);
  const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
  let timer${t(p, ': ReturnType<typeof setTimeout> | undefined')};
  try {
    const turn = await Promise.race([before.then(() => true), new Promise${t(p, '<boolean>')}((resolve) => (timer = setTimeout(() => resolve(false), LOCK_WAIT_SECONDS * 1000)))]);
    clearTimeout(timer);
    if (!turn) return busy();
    const store = storage();
    const token = randomBytes(16).toString('hex');
    while (!(await store.lock(key, token, LOCK_TTL_MS))) {
      if (Date.now() >= deadline) return busy();
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40));
    }
    const renewal = setInterval(() => {
      store.renew(key, token, LOCK_TTL_MS).then(
        (held) => held || console.warn(\`[mcp-state] lost the lock on \${handle}: another call may have changed it meanwhile\`),
        (error) => console.error('[mcp-state] renewing a lock:', error${t(p, ' instanceof Error ? error.message : error', '?.message ?? error')}),
      );
    }, LOCK_TTL_MS / 3);
    renewal.unref();
    try {
      return await run();
    } finally {
      clearInterval(renewal);
      await store.unlock(key, token).catch((error${t(p, ': unknown')}) => console.error('[mcp-state] releasing a lock:', error${t(p, ' instanceof Error ? error.message : error', '?.message ?? error')}));
    }
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/**
 * Wraps a tool handler that uses \`states\` (one state, or several kept under the same handle): the
 * call must name an existing handle in \`args[options.handle]\` (it exists when the first state
 * has a value for it); the values are loaded before the handler runs and saved after it.
 */
${exp(`function withHandle${t(p, '<F extends (...args: any[]) => unknown>')}(states${t(p, ': HandleState<any> | HandleState<any>[]')}, options${t(p, ': { handle: string; mintedBy: string }')}, handler${t(p, ': F')})${t(p, ': F')} {`)}
  const list = Array.isArray(states) ? states : [states];
  const wrapped = async (...args${t(p, ': any[]')}) => {
    const handle = args[0]?.[options.handle];
    if (typeof handle !== 'string' || handle === '') {
      return toolError(\`Missing \${options.handle}. Call \${options.mintedBy} first and pass the \${options.handle} it returns.\`);
    }
    const caller = callerOf(args);
    // A handler that calls another tool on the handle it holds runs inside that call's lock, on its values.
    const held = Array.from(scopes.getStore()?.values() ?? []).some((scope) => scope.handle === handle);
    const run = () => callers.run({ owner: caller }, () => loadRunSave(list, options, handle, caller, () => handler(...args)));
    return held ? run() : exclusive(handle, run, () => toolError(\`Another call on \${options.handle} "\${handle}" is still running. Retry this call in a moment.\`));
  };
  return wrapped${t(p, ' as unknown as F')};
}

/**
 * withHandle's work once the handle is this call's: check that the caller owns it (where it has an
 * owner), load the values, run, save what it left. The values a call around it (a tool calling
 * another) holds already are its: used, not loaded or saved.
 */
async function loadRunSave(list${t(p, ': HandleState<any>[]')}, options${t(p, ': { handle: string; mintedBy: string }')}, handle${t(p, ': string')}, caller${t(p, ': string | undefined')}, run${t(p, ': () => unknown')})${t(p, ': Promise<unknown>')} {
  const current = scopes.getStore();
  const [first] = list;
  const own = list.filter((state) => current?.get(state)?.handle !== handle);
  const [owner, loaded] = await Promise.all([storage().get(ownerKey(handle)), Promise.all(own.map(async (state) => ({ state, ...(await state.load(handle)) })))]);
  // A handle minted with credentials is used with the same ones (its owner's), or not at all.
  if (owner !== null && owner !== caller) {
    return toolError(\`\${options.handle} "\${handle}" belongs to another caller: only the credentials that created it can use it. Call \${options.mintedBy} to get a \${options.handle} of your own.\`);
  }
  // The handle exists while its first state has an entry, with a value or without (deleted).
  const firstLoaded = loaded.find((entry) => entry.state === first);
  const known = firstLoaded ? firstLoaded.known : first !== undefined && current?.get(first) !== undefined;
  if (!known) {
    // Kept in this instance's memory (no MCP_STATE_URL): behind several instances the handle may
    // well live on another one, which the model cannot mend by minting a new one.
    const where = process.env['MCP_STATE_URL'] ? '' : \` (this server keeps \${options.handle} values in one instance's memory: if it runs as several instances, the \${options.handle} may be held by another one, and MCP_STATE_URL must name a shared Redis)\`;
    return toolError(\`Unknown or expired \${options.handle} "\${handle}". Call \${options.mintedBy} to get a new \${options.handle}, then retry with it.\${where}\`);
  }
  const map = new Map(current ?? []);
  const opened = loaded.map(({ state, value }) => {
    const scope${t(p, ': Scope')} = { handle, value, deleted: false };
    map.set(state, scope);
    return { state, scope };
  });
  const result = await scopes.run(map, run);
  // The owner's record first: values written after it expire before it.
  if (owner !== null) await storage().set(ownerKey(handle), owner, OWNER_TTL_SECONDS);
  await Promise.all(opened.map(({ state, scope }) => state.save(handle, scope.value, scope.deleted, state === first)));
  return result;
}

/**
 * Creates a new handle with an initial value and returns it in both \`structuredContent\` and
 * the text content. Handles are 128-bit random, opaque and unguessable. Given the tool handler's
 * context (\`extra\` / \`ctx\`) of a call with credentials, the handle belongs to that caller.
 */
${exp(`async function mintHandle${t(p, '<T>')}(state${t(p, ': HandleState<T>')}, options${t(p, ': { handle: string; initial: T; description: string }')}, context${t(p, '?: unknown')})${t(p, ': Promise<ToolResult>')} {`)}
  const handle = \`\${options.handle.replace(/_id$/, '')}_\${randomBytes(16).toString('hex')}\`;
  const owner = callerOf(context === undefined ? [] : [context]);
  if (owner !== undefined) await storage().set(ownerKey(handle), owner, OWNER_TTL_SECONDS);
  await state.save(handle, options.initial, false, true);
  return {
    content: [{ type: 'text', text: \`\${options.description} \${options.handle}: \${handle}\` }],
    structuredContent: { [options.handle]: handle },
  };
}

/**
 * Wraps a tool that already created the state: it now mints a new handle, runs with that handle
 * in \`args[options.handle]\` and the values in scope (the first state starts as \`initial\`),
 * stores them, and returns the handle in \`structuredContent\` and the text. A call that returns
 * a tool error (\`isError\`) stores nothing and returns no handle.
 */
${exp(`function mintingHandle${t(p, '<A, R, H extends string>')}(states${t(p, ': HandleState<any> | HandleState<any>[]')}, options${t(p, ': { handle: H; initial: unknown }')}, handler${t(p, ': (args: A & { [K in H]: string }, ...rest: any[]) => R')})${t(p, ': (args: A, ...rest: any[]) => R')} {`)}
  const list = Array.isArray(states) ? states : [states];
  const wrapped = async (...args${t(p, ': any[]')}) => {
    const handle = \`\${options.handle.replace(/_id$/, '')}_\${randomBytes(16).toString('hex')}\`;
    const callArgs = [{ ...(args[0] ?? {}), [options.handle]: handle }, ...args.slice(1)];
    const map = new Map(scopes.getStore() ?? []);
    const opened = list.map((state, i) => {
      const scope${t(p, ': Scope')} = { handle, value: i === 0 ? options.initial : undefined, deleted: false };
      map.set(state, scope);
      return { state, scope, first: i === 0 };
    });
    const owner = callerOf(args);
    const result = ${t(p, '(await callers.run({ owner }, () => scopes.run(map, () => (handler as (...a: any[]) => unknown)(...callArgs)))) as ToolResult', 'await callers.run({ owner }, () => scopes.run(map, () => handler(...callArgs)))')};
    // A call that failed (a tool error) made nothing to come back to: no handle is kept or returned.
    if (result?.isError) return result;
    // The handle belongs to the caller whose credentials minted it (written before its values).
    if (owner !== undefined) await storage().set(ownerKey(handle), owner, OWNER_TTL_SECONDS);
    await Promise.all(opened.map(({ state, scope, first }) => state.save(handle, scope.value, scope.deleted, first)));
    return {
      ...result,
      content: [...(result.content ?? []), { type: 'text', text: \`\${options.handle}: \${handle}\` }],
      structuredContent: { ...(result.structuredContent ?? {}), [options.handle]: handle },
    };
  };
  return wrapped${t(p, ' as unknown as (args: A, ...rest: any[]) => R')};
}
${cjs ? '\nmodule.exports = { HandleState, handleState, withHandle, mintHandle, mintingHandle };\n' : ''}`;
  return body.replace(/\n{3,}/g, '\n\n');
}
