/**
 * Proposes the name of the explicit handle that replaces a piece of per-session state, from the
 * state's own name: `carts` → `basket_id` (the spec's own example), `browsers` → `browser_id`,
 * otherwise `<noun>_id`, and `workflow_id` when the name says nothing (`sessions`, `state`).
 * Shared by the `report` inventory and the `explicit-handles` codemod so both propose the same name.
 */
import { stateNoun } from '../analysis/state-kind.js';

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

/** Whether a handle names a container by convention (`basket_id`, `conversation_id`): what it holds goes without saying. */
export function namesContainer(handle: string): boolean {
  return Object.values(CONVENTIONAL).includes(handle.replace(/_id$/, ''));
}

export function handleNameFor(stateName: string): string {
  const noun = stateNoun(stateName);
  if (!noun) return 'workflow_id';
  return `${CONVENTIONAL[noun] ?? noun}_id`;
}

/** Verbs that open a tool which starts something the client then refers to. */
const STARTS = /^(create|new|start|begin|open|init|make)$/;

/**
 * The handle a tool that starts the state mints, by what the tool says it starts: `new_game` →
 * `game_id`, `startQuiz` → `quiz_id`, `create_cart` → `basket_id`; undefined when its name is no
 * such verb and noun, or the noun is the session itself (`start_session` says nothing).
 */
export function handleForMinter(tool: string | undefined): string | undefined {
  const words = (tool ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length < 2 || !STARTS.test(words[0])) return undefined;
  const noun = stateNoun(words.slice(1).join('_'));
  return noun && !/^(session|conversation|new)$/.test(noun) ? `${CONVENTIONAL[noun] ?? noun}_id` : undefined;
}

/** The tool that mints a handle: `basket_id` → `create_basket`. */
export function mintingToolFor(handle: string): string {
  return `create_${handle.replace(/_id$/, '')}`;
}

/**
 * The name of the tool fix adds to mint a handle: `create_basket`, or, where a tool of that name is
 * registered already (`taken`: on the same server), the first of `new_basket`, `start_basket`,
 * `open_basket`, `create_basket_handle` that is not (trial 72A B2). The explicit-handles codemod
 * chooses with it, and the report names what that run added (review 91 point 7).
 */
export function freeMintingToolName(handle: string, taken: ReadonlySet<string>): string {
  const noun = handle.replace(/_id$/, '');
  const plain = mintingToolFor(handle);
  return [plain, `new_${noun}`, `start_${noun}`, `open_${noun}`, `${plain}_handle`].find((name) => !taken.has(name)) ?? `${plain}_handle`;
}
