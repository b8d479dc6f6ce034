/**
 * One classification of per-session state (src/analysis/state-kind.ts) decides what the
 * session-state finding says, which handle `report` proposes and what explicit-handles does. The
 * three used to judge the name each in their own way (`accountsBySession` was a counter to one,
 * `pkceVerifiers` credentials to another and a handle to the third).
 */
import { describe, expect, it } from 'vitest';
import { codemods } from '../codemods/index.js';
import { CALLER_TALLY, LIMIT_COUNT, namesCredential, NOT_CREDENTIALS, RESET_COUNT, STATE_KIND_TEXT, stateKind, stateNoun, type StateKind } from '../src/analysis/state-kind.js';
import { fixText } from '../src/fix/runner.js';
import { handleForMinter, handleNameFor } from '../src/inventory/handles.js';
import { buildInventory } from '../src/inventory/inventory.js';
import type { ProjectInfo } from '../src/inventory/project.js';
import type { Finding, ScanResult } from '../src/model.js';
import { classifyFile } from '../src/scan/files.js';
import { Scanner } from '../src/scan/scanner.js';

/** Each name, its kind, and the handle the inventory proposes (none for the kinds that take none). */
const NAMES: Array<[name: string, kind: StateKind, handle: string | undefined]> = [
  ['carts', 'data', 'basket_id'],
  ['cartsBySession', 'data', 'basket_id'],
  ['userCarts', 'data', 'basket_id'],
  ['accountsBySession', 'data', 'account_id'],
  ['generatedImages', 'data', 'image_id'],
  ['authorsBySession', 'data', 'author_id'],
  ['sessionState', 'data', 'workflow_id'],
  ['rateLimits', 'counter', undefined],
  // An imported helper the session id is handed to, by its name: who owns the session is the principal's.
  ['setSessionOwner()', 'auth', undefined],
  ['isSessionOwnedBy()', 'auth', undefined],
  // A repository's owner kept per session is data (a GitHub org the tools work in).
  ['repoOwnerBySession', 'data', 'owner_id'],
  ['requestCounts', 'counter', undefined],
  ['loginAttempts', 'counter', undefined],
  ['tokenBuckets', 'counter', undefined],
  ['subscriptions', 'subscriptions', 'subscription_id'],
  ['resourceWatchers', 'subscriptions', 'watcher_id'],
  // A level set with logging/setLevel: 2026-07-28 requests carry their own (_meta), no handle.
  ['logLevels', 'log-levels', undefined],
  ['logLevelsBySession', 'log-levels', undefined],
  ['authBySession', 'auth', undefined],
  ['sessionTokens', 'auth', undefined],
  ['JWTBySession', 'auth', undefined],
  ['apiKeysBySession', 'auth', undefined],
  ['this.sessionApiKey', 'auth', undefined],
  ['accessKeys', 'auth', undefined],
  // A key of the data is no credential.
  ['cacheKeysBySession', 'data', 'key_id'],
  ['pkceVerifiers', 'oauth-flow', undefined],
  ['codeVerifierBySession', 'oauth-flow', undefined],
  ['usersBySession', 'auth', undefined],
  ['this.#userStore', 'auth', undefined],
  ['sessionClientInfo', 'client-identity', undefined],
  ['clientCapabilitiesBySession', 'client-identity', undefined],
  ['browsers', 'handles', 'browser_id'],
  ['dbBySession', 'handles', 'connection_id'],
  ['this.state.pages', 'handles', 'browser_id'],
  ['eventStores', 'event-store', 'event_id'],
];

describe('stateKind', () => {
  it.each(NAMES)('%s is %s state', (name, kind) => {
    expect(stateKind(name)).toBe(kind);
  });

  it.each(NAMES)('%s: the inventory proposes the handle %s (%s state)', async (name, _kind, handle) => {
    // A stateful tool that depends on the state, as the scanner reports it.
    const finding: Finding = { ruleId: 'stateful-tool', category: 'stateful-tool', severity: 'error', file: 's.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: `Tool "t" reads or writes per-session state ${name}`, snippet: '', tool: 't', state: [name] };
    const project = { packages: [], sdk: 'none', sdkSummary: '', serverStyles: [], transports: [], mentionsRoutingHeaders: false, hasOAuth: false } as ProjectInfo;
    const inventory = buildInventory({ findings: [finding], summary: { findings: 1 }, errors: [] } as unknown as ScanResult, project, new Set(['explicit-handles']));
    expect(inventory.tools[0].handle).toBe(handle);
    if (handle) expect(handleNameFor(name)).toBe(handle);
  });

  it('judges a store of sessions by the credentials its entries are read for, when the name says so', () => {
    expect(stateKind('sessionManager')).toBe('data');
    expect(stateKind('sessionManager (accessToken, apiKey)')).toBe('auth');
    expect(stateKind('sessionManager (refreshToken)')).toBe('auth');
  });

  it('takes the sessions that authenticated for auth, not a list the user built (trial 48B, review 59)', () => {
    for (const name of ['authenticated', 'authenticatedSessions', 'authorizedStreams', 'verifiedClients']) expect(stateKind(name), name).toBe('auth');
    for (const name of ['verifiedEmails', 'authorizedRepos', 'searchHits', 'cacheHits']) expect(stateKind(name), name).toBe('data');
  });

  it('takes no store of numbers for credentials, whatever its name (a game\'s secret, a budget of tokens; trial 17B)', () => {
    expect(stateKind('secrets')).toBe('auth');
    expect(stateKind(`secrets${NOT_CREDENTIALS}`)).toBe('data');
    expect(stateKind(`tokens${NOT_CREDENTIALS}${RESET_COUNT}`)).toBe('data');
    expect(stateKind(`apiKeys${NOT_CREDENTIALS}${LIMIT_COUNT}`)).toBe('counter');
  });

  it("takes a count the caller raises by an amount of its own for its tally, not a rate limit, whatever its name (trial 55A B1)", () => {
    expect(stateKind('counters')).toBe('counter');
    expect(stateKind(`counters${CALLER_TALLY}`)).toBe('data');
    expect(stateKind(`tokens${NOT_CREDENTIALS}${CALLER_TALLY}`)).toBe('data');
    // (Nor credentials by a word of its name, review 71.)
    expect(stateKind(`tokenCounts${CALLER_TALLY}`)).toBe('data');
  });

  it('names the handle after what the tool that starts the state starts, where one does', () => {
    expect(handleForMinter('new_game')).toBe('game_id');
    expect(handleForMinter('startQuiz')).toBe('quiz_id');
    expect(handleForMinter('create_cart')).toBe('basket_id');
    expect(handleForMinter('open-browser-tab')).toBe('browser_id');
    // Not a verb that starts something, or nothing said of what it starts.
    expect(handleForMinter('write_draft')).toBeUndefined();
    expect(handleForMinter('start')).toBeUndefined();
    expect(handleForMinter('start_session')).toBeUndefined();
    expect(handleForMinter(undefined)).toBeUndefined();
  });

  it('names the noun the state is about, skipping the words that name the container', () => {
    expect(stateNoun('cartsBySession')).toBe('cart');
    expect(stateNoun('MCPSessions')).toBeUndefined();
    expect(stateNoun('sessionDataStore')).toBeUndefined();
  });
});

/** A server whose tools keep `name` by the MCP session id. */
function server(name: string): string {
  return [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    `const ${name}: Record<string, { value: string }> = {};`,
    "const server = new McpServer({ name: 'kinds', version: '1.0.0' });",
    '',
    "server.tool('put', 'Keep a value', { value: z.string() }, async ({ value }, extra) => {",
    `  ${name}[extra.sessionId!] = { value };`,
    "  return { content: [{ type: 'text', text: 'kept' }] };",
    '});',
    '',
    "server.tool('get', 'Read the value', {}, async (_args, extra) => {",
    `  return { content: [{ type: 'text', text: ${name}[extra.sessionId!]?.value ?? '' }] };`,
    '});',
    '',
  ].join('\n');
}

describe('the finding and the codemod agree on what the state is (the inventory: above)', () => {
  const explicitHandles = codemods.find((c) => c.id === 'explicit-handles')!;
  const kind = classifyFile('server.ts')!;

  it.each(['accountsBySession', 'pkceVerifiers', 'usersBySession', 'requestCounts', 'authorsBySession', 'sessionClientInfo'])('%s', (name) => {
    const text = server(name);
    const finding = new Scanner().scanText('server.ts', text, kind).findings.find((f) => f.ruleId === 'session-state');
    expect(finding?.message).toContain(STATE_KIND_TEXT[stateKind(name)]);
    // Markers wrap at 100 columns: their lines joined.
    const after = fixText('server.ts', text, kind, [explicitHandles], { target: 'sdk-v1', allows: () => true, handleNames: {} }).after.replace(/\n\s*\/\/ (?!TODO)/g, ' ');
    const expected = stateKind(name);
    if (expected === 'auth') {
      expect(after).toContain(`${name} binds credentials to the MCP session id`);
      expect(after).not.toMatch(/_id: z\./);
    } else if (expected === 'oauth-flow') {
      expect(after).toContain(`${name} keeps OAuth flow state (a PKCE verifier) under the MCP session id`);
      expect(after).not.toMatch(/_id: z\./);
    } else if (expected === 'client-identity') {
      expect(after).toContain(`${name} keeps what initialize said about the client under the MCP session id`);
      expect(after).not.toMatch(/_id: z\./);
    } else if (expected === 'counter') {
      expect(after).toContain(`${name} counts per session`);
      expect(after).not.toMatch(/_id: z\./);
    } else {
      expect(after).toContain(`${handleNameFor(name)}: z.string()`);
    }
  });
});

describe('namesCredential', () => {
  it('takes a setter, field or variable named for a credential, and a login, by the words auth state is judged on', () => {
    for (const name of ['setToken', 'accessToken', 'setApiKey', 'apiKey', 'setCredentials', 'bearer', 'password', 'login', 'signIn', 'authenticate', 'setAuth']) expect([name, namesCredential(name)]).toEqual([name, true]);
    for (const name of ['tokenCount', 'maxTokens', 'setProject', 'cacheKey', 'authors', 'tokenizer', 'loginCount', 'useProject']) expect([name, namesCredential(name)]).toEqual([name, false]);
  });
});
