/**
 * The rule registry: the one list of every scanner rule. Reporters, SARIF rule metadata, the
 * README rule table and `--help` all read from here.
 */
import { configRules } from './config/index.js';
import { customCapability } from './custom-capability.js';
import { deprecatedFeature } from './deprecated-feature.js';
import { eventStore } from './event-store.js';
import { handshakeRead } from './handshake-read.js';
import { initializeRequest } from './initialize-request.js';
import { longRunningTool } from './long-running-tool.js';
import { mcpAgentServe } from './mcp-agent-serve.js';
import { mcpAgentState } from './mcp-agent-state.js';
import { notInitializedCheck } from './not-initialized-check.js';
import { oauthIss } from './oauth-iss.js';
import { privateInitialized } from './private-initialized.js';
import { protocolPin } from './protocol-pin.js';
import { removedFeature } from './removed-feature.js';
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
import type { CodeRule, Rule } from './types.js';

export const codeRules: CodeRule[] = [
  sessionHeader,
  initializeRequest,
  sessionIdGenerator,
  sessionLifecycle,
  handshakeRead,
  notInitializedCheck,
  statefulModeOption,
  privateInitialized,
  sessionMap,
  sessionState,
  sharedServer,
  mcpAgentState,
  eventStore,
  sessionLogging,
  sseTransport,
  sseRouting,
  statefulTool,
  mcpAgentServe,
  longRunningTool,
  deprecatedFeature,
  removedFeature,
  oauthIss,
  customCapability,
  protocolPin,
];

export const allRules: Rule[] = [...codeRules, ...configRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}

export { configRules };
export type { CodeRule, ConfigRule, Rule } from './types.js';
