/**
 * The rule registry: the one list of every scanner rule. Reporters, SARIF rule metadata, the
 * README rule table and `--help` all read from here.
 */
import { configRules } from './config/index.js';
import { corsAllowList } from './cors-allow-list.js';
import { customCapability } from './custom-capability.js';
import { deprecatedFeature } from './deprecated-feature.js';
import { endpointMethods } from './endpoint-methods.js';
import { eventStore } from './event-store.js';
import { handshakeRead } from './handshake-read.js';
import { initializeRequest } from './initialize-request.js';
import { longRunningTool } from './long-running-tool.js';
import { mcpAgentServe } from './mcp-agent-serve.js';
import { mcpAgentState } from './mcp-agent-state.js';
import { notInitializedCheck } from './not-initialized-check.js';
import { oauthIss } from './oauth-iss.js';
import { privateInitialized } from './private-initialized.js';
import { authStore } from './auth-store.js';
import { protocolPin } from './protocol-pin.js';
import { removedFeature } from './removed-feature.js';
import { sdkCopy } from './sdk-copy.js';
import { sessionHeader } from './session-header.js';
import { sessionIdGenerator } from './session-id-generator.js';
import { sessionLifecycle } from './session-lifecycle.js';
import { sessionLogging } from './session-logging.js';
import { sessionMap } from './session-map.js';
import { sessionState } from './session-state.js';
import { sharedServer } from './shared-server.js';
import { sseRouting } from './sse-routing.js';
import { sseTransport } from './sse-transport.js';
import { statefulModeOption } from './stateful-mode-option.js';
import { statefulTool } from './stateful-tool.js';
import { stateStoreUrl } from './state-store-url.js';
import { stickyCdk } from './sticky-cdk.js';
import { streamPush } from './stream-push.js';
import { LEGACY_ADVICE, type CodeRule, type ProjectRule, type Rule } from './types.js';
import type { Finding } from '../model.js';

export const codeRules: CodeRule[] = [
  sessionHeader,
  corsAllowList,
  initializeRequest,
  sessionIdGenerator,
  sessionLifecycle,
  handshakeRead,
  notInitializedCheck,
  statefulModeOption,
  privateInitialized,
  sessionMap,
  sessionState,
  authStore,
  sharedServer,
  mcpAgentState,
  eventStore,
  sessionLogging,
  sseTransport,
  sseRouting,
  statefulTool,
  mcpAgentServe,
  stickyCdk,
  longRunningTool,
  deprecatedFeature,
  removedFeature,
  streamPush,
  endpointMethods,
  oauthIss,
  customCapability,
  protocolPin,
];

/** Rules that read what several files of a run hold together (ProjectRule). */
export const projectRules: ProjectRule[] = [sdkCopy, stateStoreUrl];

export const allRules: Rule[] = [...codeRules, ...configRules, ...projectRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}

/**
 * What a person does with a finding: nothing for one kept on purpose on the 2025 path of code
 * that speaks both eras, else the part of its rule's advice that applies to it, or the rule's
 * whole manual step. The one answer the report, the scan's summary and fix's markers give.
 */
export function adviceFor(finding: Pick<Finding, 'ruleId' | 'message' | 'reasons' | 'state' | 'stateKind'>): string {
  if (finding.reasons?.includes('legacy-path')) return LEGACY_ADVICE;
  const rule = ruleById(finding.ruleId);
  return rule ? (rule.fix.advice?.(finding) ?? rule.fix.manual) : '';
}

export { configRules };
export type { CodeRule, ConfigRule, ProjectRule, Rule } from './types.js';
