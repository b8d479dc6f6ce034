import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { calleeName, isUndefinedValue, propertyNameText, stringValue, unwrap } from '../analysis/ast.js';
import { kinds } from '../analysis/nodes.js';
import { AWS_STICKY_WHY } from './config/sticky-aws.js';
import { SPEC, type CodeRule } from './types.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.ShorthandPropertyAssignment, ts.SyntaxKind.CallExpression, ts.SyntaxKind.ObjectLiteralExpression);

/** `'true'` or `true`: how CDK code writes a target group attribute's value. */
function isTrue(node: TS.Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.kind === ts.SyntaxKind.TrueKeyword || stringValue(n)?.toLowerCase() === 'true';
}

/** The value of the property `name` of an object literal. */
function propertyValue(object: TS.ObjectLiteralExpression, name: string): TS.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) return property.initializer;
  }
  return undefined;
}

/**
 * AWS CDK target group stickiness, in the app's TypeScript or JavaScript: `stickinessCookieDuration`
 * on an `ApplicationTargetGroup` or in `addTargets(...)` props (with or without
 * `stickinessCookieName`), `enableCookieStickiness(...)`, `setAttribute('stickiness.enabled', 'true')`
 * and a `CfnTargetGroup`'s `{ key: 'stickiness.enabled', value: 'true' }`. An infra rule: it also
 * runs on CDK code that names no MCP API (the stack beside the server), where no other code rule runs.
 */
export const stickyCdk: CodeRule = {
  target: 'code',
  infra: true,
  id: 'sticky-cdk',
  category: 'sticky-lb-config',
  severity: 'warning',
  title: 'AWS CDK target group stickiness pins clients to one target',
  why:
    'Sessionful 2025 servers on ECS or EC2 behind an ALB need every request of a session on the task that holds it, so the ' +
    'CDK stack gives the target group a sticky cookie. 2026-07-28 requests carry no session to pin to: a modern server keeps ' +
    'cross-call state behind explicit handles in shared storage. The cookie hides state kept on one task instead of fixing ' +
    'it, skews load and breaks when a task is replaced or scaled in.',
  fix: { manual: 'Drop `stickinessCookieDuration` / `stickinessCookieName` and the `enableCookieStickiness` call (round-robin is the default) once the server keeps no per-instance state.' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['stickinesscookieduration', 'enablecookiestickiness', 'stickiness.enabled'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        if (propertyNameText(node.name) !== 'stickinessCookieDuration') return;
        if (ts.isPropertyAssignment(node) && isUndefinedValue(node.initializer)) return;
        const named = ts.isObjectLiteralExpression(node.parent) && propertyValue(node.parent, 'stickinessCookieName') !== undefined;
        report({ node, message: `stickinessCookieDuration pins each client to one target with ${named ? 'an application' : 'a load balancer'} cookie: ${AWS_STICKY_WHY}` });
      } else if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name === 'enableCookieStickiness' && ts.isPropertyAccessExpression(unwrap(node.expression))) {
          report({ node, message: `enableCookieStickiness() pins each client to one target with a cookie: ${AWS_STICKY_WHY}` });
        } else if (name === 'setAttribute' && stringValue(node.arguments[0]) === 'stickiness.enabled' && isTrue(node.arguments[1])) {
          report({ node, message: `setAttribute('stickiness.enabled', 'true') pins each client to one target: ${AWS_STICKY_WHY}` });
        }
      } else if (ts.isObjectLiteralExpression(node)) {
        // CfnTargetGroup targetGroupAttributes: [{ key: 'stickiness.enabled', value: 'true' }].
        if (stringValue(propertyValue(node, 'key')) !== 'stickiness.enabled' || !isTrue(propertyValue(node, 'value'))) return;
        report({ node, message: `target group attribute stickiness.enabled = true pins each client to one target: ${AWS_STICKY_WHY}` });
      }
    });
  },
};
