/**
 * What a piece of per-session state is, from its name: the one classification behind the
 * session-state finding's wording and advice, the `report` inventory's handle proposals and the
 * explicit-handles codemod's choice (a handle, a key by principal, or credentials read from each
 * request). Judged on the name's words (`rateLimits` → rate, limits), never on substrings:
 * `accounts` holds no count and `authors` no credentials. What the session analysis learned from
 * the code rides on the name as stateName writes it (`x (accessToken)`, `x (a limit counter)`,
 * RESET_COUNT, CALLER_TALLY), so that a finding's `state` list, read without the code, is judged the same way.
 */

export type StateKind = 'counter' | 'subscriptions' | 'log-levels' | 'oauth-flow' | 'auth' | 'client-identity' | 'handles' | 'event-store' | 'data';

/** The words of a state's name (its last member: `this.state.cartsBySession` → carts, by, session; `sessionManager (accessToken)` → session, manager, access, token). */
export function stateWords(name: string): string[] {
  return (name.split('.').pop() ?? name)
    .replace(/^#|\(\)$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-$(),]+/g, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

const COUNTER = /^(rate|ratelimit|ratelimiter|limit|limiter|count|counter|quota|throttle|bucket|attempt)s?$/;
const SUBSCRIPTIONS = /^(subscri|listener|watch)/;
/** Words that name an OAuth flow in progress (`pkceVerifiers`, `codeVerifierBySession`): the flow has a key of its own, its state parameter. */
const OAUTH_FLOW = /^(pkce|verifier|codeverifier)s?$/;
/** Words that name credentials wherever they stand in the name (`authBySession`, `sessionTokens`). */
const AUTH = /^(auth|oauth|token|credential|principal|identity|jwt|bearer|apikey|password|secret)s?$/;

/**
 * The sessions (or streams, clients) that authenticated: `authenticated`, `authorizedSessions`
 * (trial 48B: a POST let through because its session's GET showed a token). Not a list the user
 * built (`verifiedEmails`, `authorizedRepos`, review 59).
 */
function namesAuthenticatedSessions(words: readonly string[]): boolean {
  return /^(authenticated|authorized|authorised|verified)$/.test(words[0] ?? '') && (words.length === 1 || /^(sessions?|streams?|clients?|connections?|ids?|transports?|sids?)$/.test(words[words.length - 1]));
}
/** A key that is a credential (`apiKey`, `accessKeys`), not a key of the data (`cacheKey`). */
const CREDENTIAL_KEY = /^(api|access|secret|private)$/;
/** Who owns the session (`setSessionOwner()`, `isSessionOwnedBy()`): the principal's; a repository's owner is data. */
const SESSION_OWNER = /^(owner|owned)s?$/;
/** Words that name credentials only as what the state holds (`usersBySession`, not `userCarts`). */
const AUTH_NOUN = /^user$/;
const HANDLES = /^(db|dbs|database|browser|page|conn|connection|pool|socket)s?$/;

/** Words that name the container or the session, not what it holds. */
const GENERIC = new Set(['session', 'sessions', 'state', 'states', 'data', 'store', 'stores', 'map', 'maps', 'cache', 'caches', 'by', 'per', 'for', 'id', 'ids', 'mcp', 'all', 'active', 'current', 'info', 'registry', 'list', 'lists', 'record', 'records', 'entry', 'entries', 'value', 'values']);

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  // (`statuses`, `addresses`: not `statuse`.)
  if (/(ss|us)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The noun the state is about, singular (`cartsBySession` → cart, `userStore` → user), or undefined when there is none. */
export function stateNoun(name: string): string | undefined {
  const all = stateWords(name);
  const byIndex = all.findIndex((w) => w === 'by' || w === 'per' || w === 'for');
  const meaningful = (byIndex > 0 ? all.slice(0, byIndex) : all).filter((w) => !GENERIC.has(w));
  if (meaningful.length === 0) return undefined;
  return singular(meaningful[meaningful.length - 1]);
}

/**
 * What stateName adds to a count another tool sets back (`attempts` reset by new_game): the count
 * of what that tool starts, which goes under its handle, not a counter to key by principal.
 */
export const RESET_COUNT = ' (a count another tool resets)';

/** What stateName adds to counts the code raises and tests against a limit (`used >= 3`): a rate limit whatever its name. */
export const LIMIT_COUNT = ' (a limit counter)';

/**
 * What stateName adds to counts a tool raises by an amount its caller gives and nothing tests
 * against a limit (`counters.set(sid, (counters.get(sid) ?? 0) + by)`): the caller's own tally,
 * data for a handle, whatever its name (trial 55A B1).
 */
export const CALLER_TALLY = " (the caller's own tally)";

/**
 * What stateName adds to a store named for credentials whose values are declared numbers or
 * booleans (a game's `secrets: Map<string, number>`, a `tokens` budget): no credential is one.
 */
export const NOT_CREDENTIALS = ' (numbers, not credentials)';

export function stateKind(name: string): StateKind {
  // (The caller's own tally is data, whatever its name says: a count, a token; review 71.)
  if (name.endsWith(CALLER_TALLY)) return 'data';
  const reset = name.endsWith(RESET_COUNT);
  if (reset) name = name.slice(0, -RESET_COUNT.length);
  const plain = name.endsWith(NOT_CREDENTIALS);
  if (plain) name = name.slice(0, -NOT_CREDENTIALS.length);
  const words = stateWords(name);
  const noun = stateNoun(name) ?? '';
  if (!reset && (name.endsWith(LIMIT_COUNT) || words.some((w) => COUNTER.test(w)))) return 'counter';
  if (words.some((w) => SUBSCRIPTIONS.test(w))) return 'subscriptions';
  if (/^(log)?level$/.test(noun)) return 'log-levels';
  if (words.some((w) => OAUTH_FLOW.test(w))) return 'oauth-flow';
  if (!plain && (words.some((w) => AUTH.test(w)) || namesAuthenticatedSessions(words) || words.some((w, i) => /^keys?$/.test(w) && CREDENTIAL_KEY.test(words[i - 1] ?? '')) || AUTH_NOUN.test(noun) || words.some((w, i) => SESSION_OWNER.test(w) && words[i - 1] === 'session'))) return 'auth';
  // What initialize said about the client (`sessionClientInfo`, `clientCapabilitiesBySession`).
  if (words.includes('clientinfo') || (words.includes('client') && words.some((w) => /^(info|version|capabilities)$/.test(w)))) return 'client-identity';
  if (words.some((w) => HANDLES.test(w))) return 'handles';
  if (words.some((w) => /^events?$|^eventstores?$/.test(w))) return 'event-store';
  return 'data';
}

/** Fields that say who the caller is (read beside a credential, they are still about the caller, not state of its work). */
export const IDENTITY_FIELD = /^(user|userId|userName|username|email|scopes?|principal|identity|accountId|tenant|tenantId|orgId|organizationId|roles?|claims)$/;

/** Whether a text holds a word some credential's name holds (namesCredential's words): a cheap test before reading a file's names. */
export function mayNameCredential(text: string): boolean {
  return /auth|token|credential|principal|identity|jwt|bearer|api_?key|access_?key|secret|private_?key|password|log_?in|sign_?in/i.test(text);
}

/**
 * Whether a name says its value is a credential (`setToken`, `accessToken`, `setApiKey`,
 * `credentials`), by the words auth state is judged on; a number of them (`tokenCount`, `maxTokens`) is not one.
 * Tools called login or authenticate (`client.login(user, password)`) keep one too.
 */
export function namesCredential(name: string): boolean {
  const words = stateWords(name);
  // A number of them (`tokenCount`, `maxTokens`): a model's token budget.
  if (words.some((w) => COUNTER.test(w) || /^(max|min|num|total|used|remaining)$/.test(w))) return false;
  return words.some((w) => AUTH.test(w)) || words.some((w, i) => /^keys?$/.test(w) && CREDENTIAL_KEY.test(words[i - 1] ?? '')) || /^(login|log in|signin|sign in|authenticate)$/.test(words.join(' '));
}

/** How a finding's message names each kind of state (its kind itself is Finding.stateKind). */
export const STATE_KIND_TEXT: Record<StateKind, string> = {
  counter: 'a per-session counter / rate limit',
  subscriptions: 'per-session subscriptions',
  'log-levels': 'per-session log levels',
  'oauth-flow': 'OAuth flow state (PKCE verifiers) kept by session',
  auth: 'auth bound to the session',
  'client-identity': "the client's identity or capabilities from initialize",
  handles: 'per-session handles (browsers, connections)',
  'event-store': 'a per-session event store',
  data: 'per-session application state',
};

/**
 * Whether state of this kind gets an explicit handle: counters are keyed by the principal,
 * credentials and the client's identity are read from each request, an OAuth flow is keyed by its
 * own state parameter. The inventory proposes handles and explicit-handles mints them by this.
 */
export function takesHandle(kind: StateKind): boolean {
  return kind !== 'counter' && kind !== 'auth' && kind !== 'client-identity' && kind !== 'oauth-flow' && kind !== 'log-levels';
}

/** What to do instead, for the kinds whose fix is not an explicit handle (the session-state finding's advice). */
export const STATE_KIND_ADVICE: Partial<Record<StateKind, string>> = {
  counter: 'Key the counter by the authenticated principal (or client id) in a shared store such as Redis: 2026-07-28 has no sessions to count by.',
  auth: "Read the credentials from each request (its Authorization header; authInfo in the handler's context) instead of the session, and drop the map.",
  'oauth-flow': "Key the OAuth flow's state by its own state parameter, in a store every instance reaches (the callback may land on another one), instead of the MCP session.",
  'log-levels': 'Read the level each request asks for from its _meta["io.modelcontextprotocol/logLevel"] (on the v2 packages ctx.mcpReq.log() sends only when the request carried one), and drop what is kept per session; logging itself is deprecated (log to stderr or OpenTelemetry).',
  'client-identity': "Read the client's identity and capabilities from each request's _meta envelope (ctx.mcpReq.envelope on the v2 packages) instead of the session, and drop the map.",
};
