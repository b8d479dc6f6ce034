import { ts } from '../analysis/typescript.js';
import type { ts as TS } from 'ts-morph';
import { destructuredFrom, enclosingClass, heritageNames, isConstDeclaration, isFunctionLike, isStaticMember, isUndefinedValue, literalMember, propertyNameText, resolveIdentifier, unwrap } from '../analysis/ast.js';
import { MCP_NEST_MODULE, rootOfSetting, settingsMadeStateless } from '../analysis/mcp-nest.js';
import { classMethod } from '../analysis/module-state.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.BinaryExpression);

/**
 * A caller's option handed on: `options.sessionIdGenerator`, or a parameter or a destructured
 * binding (`const { sessionIdGenerator } = config`). `randomUUID` or a local function is not.
 */
export function passedThrough(value: TS.Node): boolean {
  if (ts.isPropertyAccessExpression(value)) return value.name.text === 'sessionIdGenerator';
  if (!ts.isIdentifier(value)) return false;
  const decl = resolveIdentifier(value);
  return !!decl && (ts.isParameter(decl) || ts.isBindingElement(decl));
}

/** The member `name` of a type written here: a type literal, or a local interface or type alias by name. */
function memberType(type: TS.TypeNode | undefined, name: string, sf: TS.SourceFile): TS.TypeNode | undefined {
  if (!type) return undefined;
  let members: TS.NodeArray<TS.TypeElement> | undefined;
  if (ts.isTypeLiteralNode(type)) members = type.members;
  else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const target = (type.typeName as TS.Identifier).text;
    for (const s of sf.statements) {
      if (ts.isInterfaceDeclaration(s) && s.name.text === target) members = s.members;
      else if (ts.isTypeAliasDeclaration(s) && s.name.text === target && ts.isTypeLiteralNode(s.type)) members = s.type.members;
    }
  }
  const member = members?.find((m) => ts.isPropertySignature(m) && propertyNameText(m.name) === name);
  return member && ts.isPropertySignature(member) ? member.type : undefined;
}

/**
 * A pass-through whose declared type admits only undefined: `config.sessionIdGenerator` or a
 * field destructured from `config`, where config's type says `sessionIdGenerator?: undefined`.
 */
export function typedUndefined(value: TS.Node): boolean {
  const sf = value.getSourceFile();
  const isUndefinedType = (t: TS.TypeNode | undefined) => t?.kind === ts.SyntaxKind.UndefinedKeyword;
  let holder: TS.Node | undefined;
  if (ts.isPropertyAccessExpression(value)) holder = unwrap(value.expression);
  else if (ts.isIdentifier(value)) {
    const decl = resolveIdentifier(value);
    if (decl && ts.isParameter(decl)) return isUndefinedType(decl.type);
    const taken = destructuredFrom(decl);
    if (taken) holder = unwrap(taken.from);
    else if (decl && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isParameter(decl.parent.parent)) return isUndefinedType(memberType(decl.parent.parent.type, 'sessionIdGenerator', sf));
  }
  if (!holder || !ts.isIdentifier(holder)) return false;
  const decl = resolveIdentifier(holder);
  const type = decl && (ts.isParameter(decl) || ts.isVariableDeclaration(decl)) ? decl.type : undefined;
  return isUndefinedType(memberType(type, 'sessionIdGenerator', sf));
}

/**
 * A `sessionIdGenerator` option that mints nothing: `undefined`, or a caller's option handed on
 * whose type admits only undefined (`config.sessionIdGenerator`, typed `?: undefined`). The rule,
 * the stateless-transport codemod and cors-headers (does this code still issue ids?) ask the same.
 */
export function statelessGenerator(option: TS.Node): boolean {
  const held = constantOption(option);
  if (held) return isUndefinedValue(held);
  if (!ts.isPropertyAssignment(option)) return false;
  const value = unwrap(option.initializer);
  return isUndefinedValue(value) || (passedThrough(value) && typedUndefined(value)) || ignoredInStatelessMode(option);
}

/**
 * What a `sessionIdGenerator` option holds where it names a const of the file (`sessionIdGenerator:
 * STATELESS`, the shorthand `{ sessionIdGenerator }`): its initializer, judged as if written there
 * (trial 71B B4: a const set to undefined was reported sessionful, and a generator const in the
 * shorthand only a warning).
 */
function constantOption(option: TS.Node): TS.Expression | undefined {
  const named = ts.isShorthandPropertyAssignment(option) ? option.name : ts.isPropertyAssignment(option) ? unwrap(option.initializer) : undefined;
  const decl = named && ts.isIdentifier(named) ? resolveIdentifier(named) : undefined;
  const value = decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? (unwrap(decl.initializer) as TS.Expression) : undefined;
  // (Only a value that says which: undefined, or a generator. One chosen at run time, `STATELESS ?
  // undefined : () => randomUUID()`, is judged as before: review 89 point 7.)
  return value && (isUndefinedValue(value) || isFunctionLike(value) || ts.isIdentifier(value)) ? value : undefined;
}

/**
 * @rekog/mcp-nest's `streamableHttp: { statelessMode: true, sessionIdGenerator }`: the package
 * builds its per-request transport without a generator then, so this one mints nothing.
 */
function ignoredInStatelessMode(option: TS.PropertyAssignment): boolean {
  const settings = option.parent;
  // The `streamableHttp: { ... }` of its options, not any object of such a file (review 52).
  const holder = settings.parent;
  if (!ts.isPropertyAssignment(holder) || propertyNameText(holder.name) !== 'streamableHttp') return false;
  const mode = ts.isObjectLiteralExpression(settings) ? literalMember(settings, 'statelessMode') : undefined;
  return !!mode && unwrap(mode).kind === ts.SyntaxKind.TrueKeyword && MCP_NEST_MODULE.test(option.getSourceFile().text);
}

/** A sessionIdGenerator in @rekog/mcp-nest's streamableHttp settings (the advice tells it by its start). */
const MCP_NEST_GENERATOR_START = "@rekog/mcp-nest's streamableHttp.sessionIdGenerator";
/** What the generator of @rekog/mcp-nest's settings is told: `byFix`, where framework-options sets statelessMode (settings of no spread). */
const mcpNestGenerator = (byFix: boolean) =>
  `${MCP_NEST_GENERATOR_START} mints an Mcp-Session-Id per client while statelessMode is not true; with statelessMode: true (${byFix ? "fix's framework-options sets it" : 'set it yourself: fix leaves settings built with a spread'}) the package ignores it: delete it, and give whatever was kept per session id an explicit handle`;

/**
 * `this.sessionIdGenerator = ...` in a class of the application's own that declares the field
 * (`private readonly sessionIdGenerator: () => string`) and is no transport (extends or implements
 * none, and serves no requests itself: no `handleRequest` of its own): a value it keeps, reported
 * where it is handed to a transport's options (trial 49B B4: a dual-era endpoint's constructor, an
 * error beside the info at its 2025 transport). A hand-rolled transport class keeps it to mint ids.
 */
function ownField(target: TS.PropertyAccessExpression): boolean {
  if (target.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const cls = enclosingClass(target);
  if (!cls || heritageNames(cls).some((name) => /Transport$/.test(name)) || classMethod(cls, 'handleRequest')) return false;
  return cls.members.some((m) => ts.isPropertyDeclaration(m) && !isStaticMember(m) && propertyNameText(m.name) === 'sessionIdGenerator');
}

/** A transport configured with a `sessionIdGenerator` that is not `undefined` is sessionful. */
export const sessionIdGenerator: CodeRule = {
  target: 'code',
  id: 'session-id-generator',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Transport mints session ids (stateful Streamable HTTP)',
  why:
    'A `sessionIdGenerator` makes the SDK transport sessionful: it returns Mcp-Session-Id on initialize, answers 400 to requests ' +
    'without it and 404 to ids it did not mint. Behind a round-robin load balancer the next request lands on an instance that never ' +
    'saw the session. `sessionIdGenerator: undefined` is the stateless mode that maps directly onto 2026-07-28 serving.',
  fix: {
    codemod: 'stateless-transport',
    manual: 'Set `sessionIdGenerator: undefined` and create the transport per request.',
    advice: ({ message }) => (message.startsWith(MCP_NEST_GENERATOR_START) ? `Set \`statelessMode: true\` in the streamableHttp settings (${message.includes("fix's framework-options sets it") ? 'fix does' : 'by hand where they are built with a spread'}) and delete this sessionIdGenerator: @rekog/mcp-nest then ignores it.` : undefined),
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  legacyPathIsInfo: true,
  keywords: ['sessionidgenerator'],
  check(file, report) {
    const mcpNest = MCP_NEST_MODULE.test(file.text);
    file.facts.nodes.visit(VISITED, (node) => {
      if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) && propertyNameText(node.name) === 'sessionIdGenerator') {
        if (statelessGenerator(node)) return;
        // `{ sessionIdGenerator }`, `{ sessionIdGenerator: options.sessionIdGenerator }`: a caller's
        // option passed through (a library's transport wrapper); sessionful unless the caller leaves it undefined.
        const value = ts.isPropertyAssignment(node) ? unwrap(node.initializer) : undefined;
        if ((ts.isShorthandPropertyAssignment(node) && !constantOption(node)) || (value && passedThrough(value))) {
          return void report({ node, message: 'sessionIdGenerator is passed through from a variable; the transport is sessionful unless it is undefined', severity: 'warning' });
        }
        // In @rekog/mcp-nest's forRoot settings: the package's own option, which statelessMode: true
        // makes it ignore (framework-options sets that and marks this for deletion), not the SDK's transport.
        const at = mcpNest ? rootOfSetting(node) : undefined;
        if (at) return void report({ node, message: mcpNestGenerator(settingsMadeStateless(at.root) === at.settings), manual: true });
        report({ node, message: 'sessionIdGenerator makes the transport sessionful (Mcp-Session-Id, 400 without it, 404 on other instances)' });
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'sessionIdGenerator' && !isUndefinedValue(node.right)) {
        if (ownField(node.left)) return undefined;
        report({ node, message: 'Assigns a sessionIdGenerator: the transport becomes sessionful' });
      }
      return undefined;
    });
  },
};
