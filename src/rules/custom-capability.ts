import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, calleeReceiver, propertyNameText, unwrap } from '../analysis/ast.js';
import type { SessionFacts } from '../analysis/session.js';
import { capabilitiesMember, objectLiteralOf, typedCapabilities } from '../analysis/capabilities.js';
import type { CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.VariableDeclaration);

const SERVER_KEYS = new Set(['experimental', 'logging', 'completions', 'prompts', 'resources', 'tools', 'tasks', 'extensions']);
const CLIENT_KEYS = new Set(['experimental', 'roots', 'sampling', 'elicitation', 'tasks', 'extensions']);

/**
 * What a key of the other side's capabilities is on this side, by the keys this side knows: a
 * client declaring `tools`, a server declaring `sampling`. Spec capabilities, misplaced: they
 * declare nothing here (no peer reads them), and moving them to `extensions` would be wrong.
 */
const MISPLACED = new Map<Set<string>, { side: string; keys: Set<string>; other: string }>([
  [CLIENT_KEYS, { side: 'client', keys: SERVER_KEYS, other: 'server' }],
  [SERVER_KEYS, { side: 'server', keys: CLIENT_KEYS, other: 'client' }],
]);

/** The keys a side declares, for the message: a client's roots, sampling, elicitation. */
const OWN_KEYS: Record<string, string> = { client: 'roots, sampling or elicitation', server: 'tools, prompts, resources, logging or completions' };

/** What a finding on misplaced capabilities starts with (the rule's advice is chosen by it). */
const MISPLACED_LEAD = /^(Server|Client) capabilit(y|ies) /;

/** The members the spec gives a server's tools, prompts and resources capabilities. */
const MEMBER_KEYS: Record<string, Set<string>> = {
  tools: new Set(['listChanged']),
  prompts: new Set(['listChanged']),
  resources: new Set(['subscribe', 'listChanged']),
};
/** Every member of a spec capability (what a capabilities object holding one directly got wrong). */
const MEMBER_NAMES = new Set(Object.values(MEMBER_KEYS).flatMap((keys) => [...keys]));

/**
 * The capabilities objects a node declares: the `capabilities` of `new McpServer/Server/Client(...)`
 * options (not of their info) and `registerCapabilities(...)`'s argument, each written inline or held by a variable of
 * this file, and a variable typed `ServerCapabilities` / `ClientCapabilities`.
 */
function capabilityObjects(node: TS.Node, facts: SessionFacts): Array<{ object: TS.ObjectLiteralExpression; known: Set<string> }> {
  const found: Array<{ object: TS.ObjectLiteralExpression; known: Set<string> }> = [];
  if (ts.isNewExpression(node)) {
    const name = calleeName(node) ?? '';
    const known = /^(McpServer|Server)$/.test(name) ? SERVER_KEYS : name === 'Client' ? CLIENT_KEYS : undefined;
    if (!known) return found;
    // The options (second argument): a `capabilities` key in the server's or client's info (the
    // first) is read by no SDK since 1.0, declares nothing, and is no custom capability (trial 36B).
    for (const arg of (node.arguments ?? []).slice(1)) {
      for (const prop of objectLiteralOf(arg)?.properties ?? []) {
        const object = objectLiteralOf(capabilitiesMember(prop));
        if (object) found.push({ object, known });
      }
    }
  } else if (ts.isCallExpression(node) && calleeName(node) === 'registerCapabilities' && node.arguments.length === 1) {
    const object = objectLiteralOf(node.arguments[0]);
    // A Client has registerCapabilities too: `client.registerCapabilities({ roots: {} })`.
    const receiver = calleeReceiver(node);
    if (object) found.push({ object, known: receiver && facts.receiverKind(receiver) === 'client' ? CLIENT_KEYS : SERVER_KEYS });
  } else if (ts.isCallExpression(node) && calleeName(node) === 'createMcpHandler') {
    // Vercel's mcp-handler hands its server options on to `new McpServer(info, options)` (its
    // second argument in 1.x, the options object in 2.x): their capabilities are the server's.
    for (const arg of node.arguments.slice(1)) {
      for (const prop of objectLiteralOf(arg)?.properties ?? []) {
        const object = objectLiteralOf(capabilitiesMember(prop));
        if (object) found.push({ object, known: SERVER_KEYS });
      }
    }
  } else if (ts.isVariableDeclaration(node)) {
    const typed = typedCapabilities(node);
    if (typed) found.push({ object: typed.object, known: typed.side === 'server' ? SERVER_KEYS : CLIENT_KEYS });
  }
  return found;
}

/** Custom capability keys outside `capabilities.extensions` (SEP-2133). */
export const customCapability: CodeRule = {
  target: 'code',
  id: 'custom-capability',
  category: 'custom-capability',
  severity: 'warning',
  title: 'Custom capability outside capabilities.extensions',
  why:
    '2026-07-28 (SEP-2133) gives custom features one place: `capabilities.extensions`, a map keyed by a prefixed identifier such ' +
    'as `com.example/feature`. Ad-hoc top-level capability keys and `experimental` entries are not negotiated by modern clients.',
  fix: {
    manual: 'Move the key under `capabilities.extensions` with a reverse-DNS identifier (for example `com.example/my-feature`).',
    // The other side's spec capabilities are not custom ones: they go, they do not move.
    advice: ({ message }) =>
      / clients ignore it here: /.test(message)
        ? 'Move it where the spec puts it, or remove it: it is no custom feature, so it needs no extension id.'
        : MISPLACED_LEAD.test(message)
        ? message.startsWith('Server')
          ? 'Remove the server capabilities from the client: a client declares only what it offers servers (roots, sampling, elicitation, extensions); what a server offers, the server declares.'
          : 'Remove the client capabilities from the server: a server declares only what it offers clients (tools, prompts, resources, logging, completions, extensions); what a client offers, the client declares.'
        : undefined,
  },
  docs: 'https://modelcontextprotocol.io/extensions/overview',
  keywords: ['capabilities'],
  check(file, report) {
    // `new Server({ capabilities })` is a common shape outside MCP too: the scanner's MCP gate keeps those files out.
    /** Capabilities objects checked: one variable may be handed to several servers. */
    const checked = new Set<TS.ObjectLiteralExpression>();
    file.facts.nodes.visit(VISITED, (node) => {
      for (const { object, known } of capabilityObjects(node, file.facts)) {
        if (checked.has(object)) continue;
        checked.add(object);
        // The other side's capabilities (a proxy's client copying its server's), reported once for the object.
        const misplaced = MISPLACED.get(known)!;
        const keyOf = (p: TS.ObjectLiteralElementLike) => (ts.isSpreadAssignment(p) ? undefined : propertyNameText(p.name));
        const other = object.properties.filter((p) => {
          const key = keyOf(p);
          return key !== undefined && !known.has(key) && misplaced.keys.has(key);
        });
        if (other.length > 0) {
          const names = other.map((p) => keyOf(p)!);
          const Other = misplaced.other[0].toUpperCase() + misplaced.other.slice(1);
          const many = names.length > 1;
          report({
            start: other[0].getStart(),
            end: other[other.length - 1].getEnd(),
            message: `${Other} capabilit${many ? 'ies' : 'y'} ${names.map((n) => `"${n}"`).join(', ')} declared on a ${misplaced.side}: ${many ? 'spec capabilities' : 'a spec capability'} of a ${misplaced.other}, which mean${many ? '' : 's'} nothing on a ${misplaced.side} (it declares ${OWN_KEYS[misplaced.side]}); remove ${many ? 'them' : 'it'}`,
            severity: 'info',
            manual: true,
          });
        }
        for (const prop of object.properties) {
          const key = propertyNameText(prop.name as TS.PropertyName);
          if (key === undefined || ts.isSpreadAssignment(prop) || other.includes(prop)) continue;
          if (!known.has(key) && (key === 'capabilities' || MEMBER_NAMES.has(key))) {
            // A slip, not a feature of the application's (`capabilities: { capabilities: {...} }`,
            // `capabilities: { listChanged: true }`): clients read nothing there (trial 30B).
            const where = key === 'capabilities' ? 'capabilities nested in capabilities: move what it holds up a level, where clients read it' : `${key} is a member of a spec capability (${Object.keys(MEMBER_KEYS).filter((k) => MEMBER_KEYS[k].has(key)).map((k) => `${k}: { ${key}: true }`).join(', ')}), not a capability of its own: move it there`;
            report({ node: prop, message: `Capability "${key}" is not a spec capability, and clients ignore it here: ${where}, or remove it` });
          } else if (!known.has(key)) {
            report({ node: prop, message: `Capability "${key}" is not a spec capability; declare it under capabilities.extensions with a prefixed id` });
          } else if (known === SERVER_KEYS && Object.hasOwn(MEMBER_KEYS, key) && ts.isPropertyAssignment(prop) && ts.isObjectLiteralExpression(unwrap(prop.initializer))) {
            // `tools: { listChanged: true, rateLimit: {...} }`: settings of the application's own inside a spec capability.
            for (const inner of (unwrap(prop.initializer) as TS.ObjectLiteralExpression).properties) {
              const innerKey = propertyNameText(inner.name as TS.PropertyName);
              if (innerKey !== undefined && !ts.isSpreadAssignment(inner) && !MEMBER_KEYS[key].has(innerKey)) {
                report({ node: inner, message: `${key}.${innerKey} is not part of the ${key} capability (${[...MEMBER_KEYS[key]].join(', ')}); declare it under capabilities.extensions with a prefixed id, or keep it out of the capabilities` });
              }
            }
          } else if (key === 'experimental' && ts.isPropertyAssignment(prop) && ts.isObjectLiteralExpression(unwrap(prop.initializer))) {
            for (const inner of (unwrap(prop.initializer) as TS.ObjectLiteralExpression).properties) {
              const innerKey = propertyNameText(inner.name as TS.PropertyName);
              if (innerKey !== undefined) report({ node: inner, message: `experimental.${innerKey}: move custom capabilities to capabilities.extensions with a prefixed id` });
            }
          }
        }
      }
    });
  },
};
