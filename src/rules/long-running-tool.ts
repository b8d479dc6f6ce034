import type { ts as TS } from 'ts-morph';
import { ts } from '../analysis/typescript.js';
import { accessChain, accessName, calleeName, calleeReceiver, constantString, propertyNameText, resolveInitializer, unwrap, walk } from '../analysis/ast.js';
import { toolAt } from '../analysis/registrations.js';
import { SPEC, type CodeRule } from './types.js';
import { kinds } from '../analysis/nodes.js';

/** The node kinds this rule looks at (see nodes.ts). */
const VISITED = kinds(ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.PropertyAccessExpression);

const TASK_APIS = new Set(['registerToolTask', 'InMemoryTaskStore', 'InMemoryTaskMessageQueue', 'callToolStream', 'getTaskResult']);
const TASK_OPTIONS = new Set(['taskStore', 'taskMessageQueue']);
const TASK_CLIENT_CALLS = new Set(['callToolStream', 'getTaskResult']);

/** Tools that stream progress, and the v1 experimental core tasks that 2026-07-28 moved to an extension. */
export const longRunningTool: CodeRule = {
  target: 'code',
  id: 'long-running-tool',
  category: 'long-running-tool',
  severity: 'warning',
  title: 'Long-running tool: progress streaming or core tasks',
  why:
    'Progress on a request\'s own response stream is still valid in 2026-07-28, but a tool that streams it holds that request ' +
    'open on one instance for its whole run: if the instance goes away mid-run, the work is lost and the client must start ' +
    'again (and `responseMode: \'json\'` drops the progress). Work that can outlive an instance belongs on the ' +
    '`io.modelcontextprotocol/tasks` extension (durably created tasks polled with tasks/get), which 2026-07-28 moved out of the ' +
    'core; the v1 experimental task API has no v2 drop-in.',
  fix: { manual: 'Move long work onto the Tasks extension (durable task records in shared storage) or make the tool short.' },
  docs: `${SPEC}/basic/utilities/progress`,
  keywords: ['progresstoken', 'notifications/progress', 'registertooltask', 'taskstore', 'taskmessagequeue', 'experimental.tasks', 'calltoolstream', 'gettaskresult'],
  check(file, report) {
    for (const registration of file.facts.registrations) {
      if (!registration.handler?.body) continue;
      const seen = new Set<string | undefined>();
      walk(registration.handler.body, (node) => {
        const progress =
          (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'method' && constantString(node.initializer) === 'notifications/progress') ||
          (ts.isPropertyAccessExpression(node) && node.name.text === 'progressToken') ||
          // `const { progressToken } = request.params._meta ?? {}`
          (ts.isBindingElement(node) && (propertyNameText(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : '')) === 'progressToken');
        if (!progress) return;
        const site = toolAt(node, registration);
        if (seen.has(site?.name)) return;
        seen.add(site?.name);
        const label = site ? `Tool "${site.name}"` : 'This handler';
        report({ node: site?.node ?? registration.nameNode, tool: site?.name, message: `${label} streams progress on its request (still valid); if its work can outlive an instance, move it to the Tasks extension` });
      });
    }
    file.facts.nodes.visit(VISITED, (node) => {
      if (ts.isCallExpression(node) && TASK_APIS.has(calleeName(node) ?? '')) {
        // getTaskResult / callToolStream are generic names: only the SDK's `experimental.tasks` ones count.
        if (TASK_CLIENT_CALLS.has(calleeName(node)!) && !/(^|\.)(experimental|tasks)(\.|$)/.test(accessChain(calleeReceiver(node) ?? node) ?? '')) return;
        report({ node, message: `${calleeName(node)}: v1 experimental core tasks were removed; move to the io.modelcontextprotocol/tasks extension` });
      } else if (ts.isNewExpression(node) && TASK_APIS.has(calleeName(node) ?? '')) {
        report({ node, message: `${calleeName(node)}: in-memory v1 task state; tasks moved to the io.modelcontextprotocol/tasks extension` });
      } else if (ts.isPropertyAssignment(node) && TASK_OPTIONS.has(propertyNameText(node.name) ?? '') && !buildsTaskStore(node.initializer)) {
        report({ node, message: `${propertyNameText(node.name)}: v1 experimental core tasks were removed in 2026-07-28` });
      } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'tasks' && accessName(node.expression) === 'experimental' && !ts.isPropertyAccessExpression(node.parent)) {
        report({ node, message: 'experimental.tasks: v1 core tasks were removed; move to the io.modelcontextprotocol/tasks extension' });
      }
    });
  },
};

/** `new InMemoryTaskStore()` inline or through a local variable: already reported at the `new`. */
function buildsTaskStore(value: TS.Expression): boolean {
  const v = unwrap(value);
  const init = ts.isIdentifier(v) ? resolveInitializer(v) : v;
  return !!init && ts.isNewExpression(init) && TASK_APIS.has(calleeName(init) ?? '');
}
