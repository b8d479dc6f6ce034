import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, constantString, isConstDeclaration, propertyNameText, resolveIdentifier, stringValue, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { withoutComments } from '../analysis/mcp.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral);

/** A sign that the file looks at a callback's `iss` parameter (`params.get('iss')`) or checks an issuer by name. */
const ISS_CHECK = /['"`]iss['"`]|expectedIssuer|IssuerMismatch|validateIssuer|checkIssuer/;
/**
 * An `iss` member (`query.iss`, `{ iss }`): the callback's where it is read in the function that
 * redeems the code, but a JWT's claim (`claims.iss !== AS`, a resource server's token check) elsewhere.
 */
const ISS_MEMBER = /\.iss\b|\biss\s*[:=,)}]/;

/** Whether the outermost function around a redemption (the route or callback handler) reads an `iss` member. */
function readsIssAround(node: TS.Node): boolean {
  let outer: TS.Node | undefined;
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) outer = n;
  return !!outer && ISS_MEMBER.test(outer.getText());
}

function hasProperty(arg: TS.Expression, key: string): boolean {
  const obj = unwrap(arg);
  return ts.isObjectLiteralExpression(obj) && obj.properties.some((p) => propertyNameText(p.name as TS.PropertyName) === key);
}

/**
 * `finishAuth(searchParams)`: SDK v2 takes the whole callback query and checks its `iss`. Also a
 * variable declared as URLSearchParams or holding `.searchParams`. A string literal is never the
 * code of a callback (it is an application helper's argument).
 */
function callbackParameters(arg: TS.Node): boolean {
  if (stringValue(arg) !== undefined) return true;
  const isQuery = (node: TS.Node) => {
    const n = unwrap(node);
    return (ts.isPropertyAccessExpression(n) && n.name.text === 'searchParams') || (ts.isNewExpression(n) && calleeName(n) === 'URLSearchParams');
  };
  if (isQuery(arg)) return true;
  const decl = ts.isIdentifier(arg) ? resolveIdentifier(arg) : undefined;
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return false;
  return (!!decl.type && /\bURLSearchParams\b/.test(decl.type.getText())) || (!!decl.initializer && isQuery(decl.initializer));
}

/**
 * Inside a branch taken for an incoming token request's grant type (`if (grantType ===
 * 'authorization_code')`, `case 'authorization_code':`): a token endpoint (an OAuth proxy's own
 * authorization server), which has no callback `iss` to check.
 */
function servesTokenRequests(node: TS.Node): boolean {
  // A token endpoint relaying its client's request upstream (trial 25B): the code comes in the
  // request body (`code: req.body.code`) or the route is the token path (`app.post('/token', ...)`).
  const holder = node.parent;
  if (ts.isObjectLiteralExpression(holder) && holder.properties.some((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'code' && /\bbody\b/.test(p.initializer.getText()))) return true;
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && /^(post|all|route)$/.test(calleeName(n) ?? '') && /\/token$/.test(stringValue(n.arguments[0]) ?? '')) return true;
  }
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCaseClause(n) && constantString(n.expression) === 'authorization_code') return true;
    if (ts.isIfStatement(n) && /[!=]==?\s*['"`]authorization_code['"`]|['"`]authorization_code['"`]\s*[!=]==?/.test(n.expression.getText())) return true;
    // The SDK's OAuthServerProvider.exchangeAuthorizationCode (a proxy provider forwarding the
    // token request upstream): it runs at the token endpoint, for a code the MCP client redeems.
    if (ts.isFunctionLike(n) && !ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return !!n.name && /^exchangeAuthorizationCode$/.test(n.name.getText());
  }
  return false;
}

/**
 * The one token endpoint a redemption posts to, where the code names it as a constant
 * (`fetch(UPSTREAM_TOKEN_URL, { body: ... grant_type ... })`): the server is the OAuth client of a
 * single fixed authorization server (an upstream login, trial 28A). A mix-up has no other server
 * to send the code to there, so the callback's `iss` check is defence in depth: info.
 */
function fixedTokenEndpoint(node: TS.Node): { text: string; url: string } | undefined {
  for (let n: TS.Node | undefined = node.parent; n && !ts.isFunctionLike(n); n = n.parent) {
    if (!ts.isCallExpression(n) || !/^(fetch|post|request|axios|got|ky|ofetch|\$fetch)$/.test(calleeName(n) ?? '')) continue;
    const url = n.arguments[0] && unwrap(n.arguments[0]);
    // A literal, or a const bound to one (a `let` may be pointed elsewhere).
    const decl = url && ts.isIdentifier(url) ? resolveIdentifier(url) : undefined;
    if (decl && !(ts.isVariableDeclaration(decl) && isConstDeclaration(decl))) return undefined;
    const value = url && constantString(url);
    return value && /^https?:\/\//.test(value) ? { text: url.getText(), url: value } : undefined;
  }
  return undefined;
}

/** OAuth callbacks that redeem an authorization code without validating `iss` (RFC 9207, SEP-2468). */
export const oauthIss: CodeRule = {
  target: 'code',
  id: 'oauth-iss',
  category: 'oauth-iss',
  severity: 'warning',
  title: 'OAuth callback redeems the code without checking iss',
  why:
    'The 2026-07-28 authorization spec (SEP-2468, RFC 9207) requires a client to record the authorization server\'s issuer before ' +
    'redirecting and to compare the callback\'s `iss` with it, by exact string match, before redeeming the code. Without the check ' +
    'a mix-up attack can make the client send a code to the wrong server. In the v2 SDK pass the whole callback query: ' +
    '`finishAuth(new URL(callbackUrl).searchParams)`.',
  fix: { manual: 'Validate `iss` from the callback against the recorded issuer before exchanging the code (SDK v2: finishAuth(searchParams)).' },
  docs: `${SPEC}/basic/authorization`,
  keywords: ['finishauth', 'exchangeauthorization', 'authorization_code', 'authorizationcode'],
  check(file, reportAny) {
    // In the code, not its comments (`// check the callback's 'iss' later`).
    const code = withoutComments(file.text);
    if (ISS_CHECK.test(code)) return;
    const anyIss = ISS_MEMBER.test(code);
    const report = (found: Parameters<typeof reportAny>[0]) => {
      if (!anyIss || !found.node || !readsIssAround(found.node)) reportAny(found);
    };
    // Redemptions by grant_type, reported after the walk: at one fixed endpoint only where every one
    // of the file posts to the same (two fixed servers are the mix-up's case).
    const redemptions: Array<{ node: TS.Node; fixed: ReturnType<typeof fixedTokenEndpoint> }> = [];
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name === 'finishAuth' && node.arguments.length === 1) {
          // The application's own finishAuth (a function or method of this file) is not the SDK's.
          if (file.facts.callTarget(node) || callbackParameters(unwrap(node.arguments[0]))) return;
          report({ node, message: 'finishAuth(code) redeems the authorization code without validating the callback iss' });
        } else if (name === 'exchangeAuthorization') {
          report({ node, message: 'exchangeAuthorization redeems the code without validating the callback iss' });
        } else if (name === 'auth' && node.arguments.some((a) => hasProperty(a, 'authorizationCode'))) {
          // SDK v1: auth(provider, { serverUrl, authorizationCode }) is what finishAuth(code) calls.
          report({ node, message: 'auth({ authorizationCode }) redeems the code without validating the callback iss' });
        }
        return;
      }
      const redeems =
        (ts.isPropertyAssignment(node) && /^grant_type$/.test(propertyNameText(node.name) ?? '') && constantString(node.initializer) === 'authorization_code' && !servesTokenRequests(node)) ||
        ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /grant_type=authorization_code/.test(node.text));
      if (redeems) redemptions.push({ node, fixed: fixedTokenEndpoint(node) });
      return undefined;
    });
    const single = redemptions.every((r) => r.fixed) && new Set(redemptions.map((r) => r.fixed!.url)).size === 1;
    for (const { node, fixed } of redemptions) {
      report(
        single && fixed
          ? { node, severity: 'info', message: `Redeems an authorization code (grant_type=authorization_code) at one fixed token endpoint (${fixed.text}) without validating the callback iss: with a single authorization server a mix-up has no other server to send the code to, so the check is defence in depth here; compare iss where that server sends one` }
          : { node, message: 'Redeems an authorization code (grant_type=authorization_code) without validating the callback iss' },
      );
    }
  },
};
