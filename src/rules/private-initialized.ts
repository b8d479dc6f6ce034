import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessChain, accessName, constantString, enclosingFunction, isUndefinedValue, propertyNameText, unwrap } from '../analysis/ast.js';
import { isSdkObject, PRIVATE_FIELDS, privateFieldOf } from '../analysis/sdk-private.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression);

/** Writes to the SDK's private handshake fields, a hack to revive or fake a session on another instance. */
export const privateInitialized: CodeRule = {
  target: 'code',
  id: 'private-initialized',
  category: 'initialize-gate',
  severity: 'error',
  title: "Sets the SDK's private initialized state",
  why:
    "Setting the transport's or server's private `_initialized` / `_clientCapabilities` fields, or a transport's `sessionId` by hand, is a workaround to make an instance " +
    'accept requests for a session it did not initialize. It couples the code to SDK internals and to the 2025 handshake; ' +
    'stateless 2026-07-28 serving makes it unnecessary.',
  fix: { manual: 'Delete the write and serve each request with a stateless transport (what it fakes, the handshake, no longer exists).' },
  docs: `${SPEC}/basic`,
  keywords: ['_initialized', '_clientcapabilities', '_clientversion', '_initializeresult', 'sessionid'],
  check(file, report) {
    // Plenty of classes keep their own `_initialized` flag: the scanner's MCP gate keeps those files out.
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const name = accessName(node.left);
        const target = unwrap(node.left);
        if (name && PRIVATE_FIELDS.has(name) && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && isSdkObject(target.expression, name)) {
          report({ node, message: `Writes the SDK-private ${name} field to fake handshake state` });
        } else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
          // Through it: `(server as any)._clientCapabilities.sampling = {}` (review 57).
          const field = privateFieldOf(target.expression);
          if (field && field.name !== '_initialized' && isSdkObject(field.access.expression, field.name)) report({ node, message: `Writes into the SDK-private ${field.name} field to fake handshake state` });
        }
        // `transport.sessionId = saved`: a session restored by hand on an instance that never
        // initialized it. Not a wrapper's `set sessionId(v) { inner.sessionId = v }` passing it on.
        const passedOn = ts.isSetAccessorDeclaration(enclosingFunction(node) ?? node) && propertyNameText((enclosingFunction(node) as TS.SetAccessorDeclaration).name) === 'sessionId';
        if (name === 'sessionId' && !passedOn && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && !isUndefinedValue(node.right) && isSdkObject(target.expression, name)) {
          report({ node, message: "Sets a transport's session id by hand to revive a session this instance did not initialize" });
        }
      }
      // Object.assign(server.server, { _clientVersion: ... }), Object.defineProperty(t, '_initialized', ...), Reflect.set(...).
      if (ts.isCallExpression(node) && node.arguments.length >= 2) {
        const callee = accessChain(node.expression);
        if (callee === 'Object.assign') {
          for (const arg of node.arguments.slice(1)) {
            const obj = unwrap(arg);
            if (!ts.isObjectLiteralExpression(obj)) continue;
            for (const prop of obj.properties) {
              const key = propertyNameText(prop.name as TS.PropertyName);
              if (key && PRIVATE_FIELDS.has(key) && isSdkObject(node.arguments[0], key)) report({ node: prop, message: `Writes the SDK-private ${key} field to fake handshake state` });
            }
          }
        } else if (callee === 'Object.defineProperty' || callee === 'Reflect.set') {
          const key = constantString(node.arguments[1]);
          if (key && PRIVATE_FIELDS.has(key) && isSdkObject(node.arguments[0], key)) report({ node, message: `Writes the SDK-private ${key} field to fake handshake state` });
        }
      }
    });
  },
};
