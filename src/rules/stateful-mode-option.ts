import { ts } from '../analysis/typescript.js';
import { propertyNameText, unwrap } from '../analysis/ast.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.PropertyAssignment);

const SWITCHES: Array<{ key: string; value: boolean }> = [
  { key: 'statefulMode', value: true },
  { key: 'stateful', value: true },
  { key: 'stateless', value: false },
];

/** Framework and adapter switches that turn sessionful serving on (`stateful: true`, `stateless: false`). */
export const statefulModeOption: CodeRule = {
  target: 'code',
  id: 'stateful-mode-option',
  category: 'initialize-gate',
  severity: 'error',
  title: 'Framework option turns sessionful serving on',
  why:
    'MCP frameworks and adapters expose a switch between sessionful and stateless serving. The sessionful setting keeps an ' +
    'in-memory session per client that only the instance which handled initialize can serve, which 2026-07-28 clients never do.',
  fix: { manual: 'Switch the framework to its stateless mode (for example `stateless: true`).' },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['statefulmode', 'stateful:', 'stateless:', 'stateful :', 'stateless :'],
  check(file, report) {
    file.facts.nodes.visit(VISITED, (node) => {
      if (!ts.isPropertyAssignment(node)) return;
      const key = propertyNameText(node.name);
      const value = unwrap(node.initializer);
      const bool = value.kind === ts.SyntaxKind.TrueKeyword ? true : value.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
      const match = SWITCHES.find((s) => s.key === key && s.value === bool);
      if (match) report({ node, message: `${key}: ${bool} serves MCP with in-memory sessions` });
    });
  },
};
