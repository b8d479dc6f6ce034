import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { blankedText, configLines, flowMapping, isJsonConfig, keyColumn, matchingBracket, topLevelObjects, reportMatches, yamlEntry, yamlSiblings, type ConfigLine } from './text.js';

/** What every finding of this rule (and of sticky-cdk) says about 2026-07-28. */
export const AWS_STICKY_WHY =
  'under 2026-07-28 there is no session to pin to, and stickiness hides state kept on one instance instead of removing it';

/** Terraform resources whose stickiness pins a client: ALB/NLB target groups and the classic ELB's cookie policies. */
const TF_RESOURCE = /^aws_(?:(?:lb|alb)_target_group|(?:lb|app)_cookie_stickiness_policy)$/;

/** A CloudFormation template: its format version, or a load balancer resource of its own. */
const CLOUDFORMATION = /AWSTemplateFormatVersion|AWS::ElasticLoadBalancing(?:V2)?::/;

/**
 * What a Terraform `stickiness` block's `enabled` says: the provider's default is true, so a block
 * without it is sticky; `false` and a value not written out (`var.sticky`) are not reported.
 */
function stickinessOn(enabled: string | undefined): 'on' | 'default' | undefined {
  if (enabled === undefined) return 'default';
  return /^"?true"?$/.test(enabled) ? 'on' : undefined;
}

function targetGroupMessage(resource: string, type: string | undefined, enabled: 'on' | 'default'): string {
  const how = `${type ? ` (${type})` : ''}${enabled === 'default' ? ', enabled by default,' : ''}`;
  return `${resource} stickiness${how} pins each client to one target: ${AWS_STICKY_WHY}`;
}

function classicMessage(resource: string, type: string): string {
  const cookie = type.startsWith('aws_app_') ? 'application cookie' : 'load balancer cookie';
  return `${resource} (classic ELB ${cookie} stickiness) pins each client to one instance: ${AWS_STICKY_WHY}`;
}

/**
 * AWS load balancer stickiness in Terraform and CloudFormation:
 * - Terraform (`*.tf`, `*.tf.json`): a `stickiness` block of an `aws_lb_target_group` (or
 *   `aws_alb_target_group`) that is not `enabled = false` (the provider enables a block by
 *   default), and the classic ELB's `aws_lb_cookie_stickiness_policy` /
 *   `aws_app_cookie_stickiness_policy`;
 * - CloudFormation (YAML or JSON templates: `AWSTemplateFormatVersion` or a load balancer
 *   resource): `TargetGroupAttributes` with `stickiness.enabled` = `true`, and a classic load
 *   balancer's `LBCookieStickinessPolicy` / `AppCookieStickinessPolicy`.
 * The ALB Ingress annotation is sticky-k8s'; CDK code is sticky-cdk's. Stickiness between the
 * target groups of a listener rule (blue/green weights) pins no client to an instance and is not
 * reported.
 */
export const stickyAws: ConfigRule = {
  target: 'config',
  kinds: ['terraform', 'cloudformation', 'yaml'],
  id: 'sticky-aws',
  category: 'sticky-lb-config',
  supersedes: ['session-header-config'],
  severity: 'warning',
  title: 'AWS load balancer stickiness pins clients to one target',
  why:
    'Sessionful 2025 servers on ECS or EC2 behind an ALB need every request of a session on the task that holds it, so their ' +
    'target group is made sticky (an lb_cookie or app_cookie, or source_ip on an NLB). 2026-07-28 requests carry no session ' +
    'to pin to: a modern server keeps cross-call state behind explicit handles in shared storage. The cookie hides ' +
    'state kept on one task instead of fixing it, skews load and breaks when a task is replaced or scaled in.',
  fix: {
    manual:
      'Set the target group stickiness to disabled (`enabled = false`, `stickiness.enabled` false) or delete it, and the classic ELB cookie policies, once the server keeps no per-instance state.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['stickiness'],
  check(file, report) {
    const lines = configLines(file);
    // The code with comments blanked, at the text's offsets (a CRLF line's code lacks its \r).
    const code = blankedText(lines);
    if (file.kind === 'terraform') {
      if (isJsonConfig(file)) terraformJson(code, report);
      else terraform(code, report);
      return;
    }
    if (!CLOUDFORMATION.test(code)) return;
    cloudFormation(lines, file.kind === 'yaml', code, report);
  },
};

/** Reports from `at` to the end of its line; `covers`: where the setting's block ends. */
function reportAt(code: string, at: number, covers: number | undefined, message: string, report: Reporter): void {
  const lineEnd = code.indexOf('\n', at);
  const end = at + (lineEnd === -1 ? code.slice(at) : code.slice(at, lineEnd)).trimEnd().length;
  report({ start: at, end, message, ...(covers !== undefined && covers > end ? { covers } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Terraform (HCL)

const HCL_RESOURCE = /(?<=^|\s)resource\s+"([\w-]+)"\s+"([^"]+)"\s*\{/g;
const HCL_STICKINESS = /(?<=^|[\s{])stickiness\s*\{/g;

/** An attribute `name = value` in an HCL block body: the value up to white space, `,` or `}`. */
function hclAttribute(body: string, name: string): string | undefined {
  return new RegExp(`(?<=^|[\\s{;,])${name}\\s*=\\s*("[^"]*"|[^\\s,}]+)`).exec(body)?.[1];
}

function terraform(code: string, report: Reporter): void {
  for (const resource of code.matchAll(HCL_RESOURCE)) {
    const [, type, name] = resource;
    if (!TF_RESOURCE.test(type)) continue;
    const at = resource.index + resource[0].indexOf('resource');
    if (type.endsWith('_stickiness_policy')) {
      reportAt(code, at, undefined, classicMessage(`${type}.${name}`, type), report);
      continue;
    }
    const open = resource.index + resource[0].length - 1;
    const body = code.slice(open + 1, matchingBracket(code, open));
    for (const block of body.matchAll(HCL_STICKINESS)) {
      const blockOpen = open + 1 + block.index + block[0].length - 1;
      const blockClose = matchingBracket(code, blockOpen);
      const inner = code.slice(blockOpen + 1, blockClose);
      const enabled = stickinessOn(hclAttribute(inner, 'enabled'));
      if (!enabled) continue;
      const kind = hclAttribute(inner, 'type')?.replace(/^"|"$/g, '');
      reportAt(code, open + 1 + block.index, blockClose + 1, targetGroupMessage(`${type}.${name}`, kind, enabled), report);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Terraform (JSON syntax) and CloudFormation JSON

interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  at: number;
  /** The value: `[from, to)`. */
  from: number;
  to: number;
}

/** The members of the JSON object whose `{` is at `open`. */
function jsonMembers(code: string, open: number): JsonMember[] {
  const close = matchingBracket(code, open);
  const members: JsonMember[] = [];
  const key = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*/y;
  for (let i = open + 1; i < close; ) {
    key.lastIndex = i;
    const match = key.exec(code);
    if (!match) break;
    const from = key.lastIndex;
    let to: number;
    if (code[from] === '{' || code[from] === '[') to = matchingBracket(code, from) + 1;
    else if (code[from] === '"') to = code.indexOf('"', from + 1) + 1 || close;
    else to = from + (/^[^,}\]]*/.exec(code.slice(from, close))?.[0].trimEnd().length ?? 0);
    members.push({ key: match[1], at: match.index + match[0].indexOf('"'), from, to });
    i = to;
  }
  return members;
}

/** The objects a JSON value holds: itself, or the objects of an array (Terraform JSON writes blocks either way). */
function jsonObjects(code: string, member: JsonMember): number[] {
  if (code[member.from] === '{') return [member.from];
  if (code[member.from] !== '[') return [];
  return topLevelObjects(code, member.from + 1, member.to - 1).map(([start]) => start);
}

/** `"aws_...": {` in Terraform JSON: a resource type (TF_RESOURCE says which are load balancers'). */
const TF_JSON_RESOURCE_TYPE = /"(aws_\w+)"\s*:\s*\{/g;

function terraformJson(code: string, report: Reporter): void {
  for (const typed of code.matchAll(TF_JSON_RESOURCE_TYPE)) {
    const type = typed[1];
    if (!TF_RESOURCE.test(type)) continue;
    for (const resource of jsonMembers(code, typed.index + typed[0].length - 1)) {
      const name = `${type}.${resource.key}`;
      if (type.endsWith('_stickiness_policy')) {
        reportAt(code, resource.at, undefined, classicMessage(name, type), report);
        continue;
      }
      for (const body of jsonObjects(code, resource)) {
        for (const stickiness of jsonMembers(code, body).filter((m) => m.key === 'stickiness')) {
          for (const block of jsonObjects(code, stickiness)) {
            const members = jsonMembers(code, block);
            const value = (key: string) => {
              const member = members.find((m) => m.key === key);
              return member && code.slice(member.from, member.to);
            };
            const enabled = stickinessOn(value('enabled'));
            if (enabled) reportAt(code, stickiness.at, stickiness.to, targetGroupMessage(name, value('type')?.replace(/^"|"$/g, ''), enabled), report);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

const ATTRIBUTE_MESSAGE = `TargetGroupAttributes stickiness.enabled = true pins each client to one target: ${AWS_STICKY_WHY}`;

/** `{ Key: stickiness.enabled, Value: 'true' }` in JSON or YAML flow style (one object, any lines). */
const FLOW_ATTRIBUTE = /\{[^{}]*?(["']?)Key\1\s*:\s*(["']?)stickiness\.enabled\2[^{}]*\}/g;

const CLASSIC_POLICY = /(["']?)(LBCookieStickinessPolicy|AppCookieStickinessPolicy)\1\s*:/;

function cloudFormation(lines: readonly ConfigLine[], yaml: boolean, code: string, report: Reporter): void {
  for (const object of code.matchAll(FLOW_ATTRIBUTE)) {
    if (flowMapping(code, object.index).get('Value')?.toLowerCase() === 'true') reportAt(code, object.index + object[0].search(/["']?Key/), object.index + object[0].length, ATTRIBUTE_MESSAGE, report);
  }
  // Block style: `- Key: stickiness.enabled` with `Value: "true"` in the same mapping.
  if (yaml) {
    lines.forEach((line, index) => {
      const entry = yamlEntry(line.code);
      if (entry?.key !== 'Key' || entry.value !== 'stickiness.enabled') return;
      if (yamlSiblings(lines, index).get('Value')?.toLowerCase() !== 'true') return;
      reportAt(code, line.start + keyColumn(line.code), undefined, ATTRIBUTE_MESSAGE, report);
    });
  }
  reportMatches(lines, CLASSIC_POLICY, report, (m) => `${m[2]} (classic ELB cookie stickiness) pins each client to one instance: ${AWS_STICKY_WHY}`);
}
