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

export function handleNameFor(stateName: string): string {
  const noun = stateNoun(stateName);
  if (!noun) return 'workflow_id';
  return `${CONVENTIONAL[noun] ?? noun}_id`;
}

/** The tool that mints a handle: `basket_id` → `create_basket`. */
export function mintingToolFor(handle: string): string {
  return `create_${handle.replace(/_id$/, '')}`;
}
