/**
 * Proposes the name of the explicit handle that replaces a piece of per-session state, from the
 * state's own name: `carts` → `basket_id` (the spec's own example), `browsers` → `browser_id`,
 * otherwise `<noun>_id`, and `workflow_id` when the name says nothing (`sessions`, `state`).
 * Shared by the `report` inventory and the `explicit-handles` codemod so both propose the same name.
 */

/** Nouns whose handle has a conventional name. */
const CONVENTIONAL: Record<string, string> = {
  cart: 'basket',
  basket: 'basket',
  shoppingcart: 'basket',
  browser: 'browser',
  page: 'browser',
  tab: 'browser',
  context: 'browser',
  conversation: 'conversation',
  chat: 'conversation',
  workflow: 'workflow',
  connection: 'connection',
  conn: 'connection',
  db: 'connection',
  client: 'connection',
};

/** Words that name the container or the session, not what it holds. */
const GENERIC = new Set(['session', 'sessions', 'state', 'states', 'data', 'store', 'stores', 'map', 'maps', 'cache', 'caches', 'by', 'per', 'for', 'id', 'ids', 'mcp', 'all', 'active', 'current', 'info', 'registry', 'list', 'lists', 'record', 'records', 'entry', 'entries', 'value', 'values']);

/** State that is a counter or limit: it gets no handle but a key by authenticated principal. */
export function isCounterState(name: string): boolean {
  return /rate|limit|count|quota|throttle|bucket|attempt/i.test(lastSegment(name));
}

/** Words that name credentials. */
const AUTH_WORDS = new Set(['auth', 'oauth', 'token', 'tokens', 'credential', 'credentials', 'principal', 'identity', 'jwt', 'bearer', 'apikey']);

/**
 * State that binds credentials to the session (`authBySession`, `sessionTokens`): it gets no
 * handle (a handle would let any caller who learns it act with someone else's credentials) but
 * the credentials each 2026-07-28 request carries.
 */
export function isAuthState(name: string): boolean {
  return words(name).some((w) => AUTH_WORDS.has(w));
}

function lastSegment(name: string): string {
  return name.split('.').pop()!.replace(/^#/, '');
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

function words(name: string): string[] {
  return lastSegment(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-$]+/g, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** The noun the state is about (`cartsBySession` → `cart`), or undefined when there is none. */
export function stateNoun(name: string): string | undefined {
  const all = words(name);
  const byIndex = all.findIndex((w) => w === 'by' || w === 'per' || w === 'for');
  const meaningful = (byIndex > 0 ? all.slice(0, byIndex) : all).filter((w) => !GENERIC.has(w));
  if (meaningful.length === 0) return undefined;
  return singular(meaningful[meaningful.length - 1]);
}

export function handleNameFor(stateName: string): string {
  const noun = stateNoun(stateName);
  if (!noun) return 'workflow_id';
  return `${CONVENTIONAL[noun] ?? noun}_id`;
}

/** The tool that mints a handle: `basket_id` → `create_basket`. */
export function mintingToolFor(handle: string): string {
  return `create_${handle.replace(/_id$/, '')}`;
}
