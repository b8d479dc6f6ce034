/**
 * Session affinity of managed platforms outside Kubernetes YAML, for sticky-k8s: Google Cloud Run
 * and Azure Container Apps in Terraform, Bicep and deployment CLIs (shell scripts and CI steps),
 * and the Terraform and CLI forms of a Kubernetes Service's and a Google Cloud backend service's
 * session affinity. Each setting is read on one line, as written: a value taken from a variable
 * (`session_affinity = var.sticky`, `affinity: stickiness`, `--session-affinity "$AFFINITY"`) is
 * not reported.
 */
import { adviceByMessage, type Reporter } from '../types.js';
import { blankedText, commandEnd, commandStart, foldedScalarKey, matchingBracket, reportMatches, type ConfigLine } from './text.js';

/** Google Cloud backend service affinities that pin a client (`NONE` does not). */
const GCP_BACKEND_AFFINITY = /^(CLIENT_IP\w*|GENERATED_COOKIE|HTTP_COOKIE|HEADER_FIELD|STRONG_COOKIE_AFFINITY)$/;

/** Cloud Run's session affinity annotation (Knative service YAML, `google_cloud_run_service` metadata), with `:` or `=`. */
export const CLOUD_RUN_ANNOTATION = /["']?run\.googleapis\.com\/sessionAffinity["']?\s*[:=]\s*["']?true\b["']?/i;

export const CLOUD_RUN_ANNOTATION_MESSAGE = 'Cloud Run session affinity (run.googleapis.com/sessionAffinity) pins each client to one instance';

/**
 * What sticky-config does not rewrite (Bicep, scripts, CI steps, what it only marks in Terraform)
 * says what to do in its message, after a colon: `... pins each client to one replica: set the
 * affinity to 'none' once the server keeps no per-replica state`. The step alone is its advice.
 */
export const SAYS_WHAT_TO_DO = /: ([^:]+ once the server keeps no per-\w+ state.*)$/;

/** What to do about what sticky-config rewrites in Terraform, by its message. */
const REWRITTEN_ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Cloud Run session affinity \([\w.-]+ session_affinity = true\)/, 'Delete `session_affinity` (or set it to false) once the server keeps no per-instance state.'],
  [/^Service session affinity ClientIP \([\w.-]+ session_affinity\)/, 'Delete `session_affinity` (the default is None) once the server keeps no per-pod state.'],
];

const rewrittenAdvice = adviceByMessage(REWRITTEN_ADVICE);

/** RuleFix.advice for the findings of this file. */
export function platformAdvice(finding: { message: string }): string | undefined {
  const step = SAYS_WHAT_TO_DO.exec(finding.message)?.[1];
  return step ? `${step[0].toUpperCase()}${step.slice(1)}.` : rewrittenAdvice(finding);
}

// ---------------------------------------------------------------------------------------------
// Terraform (HCL)

const TF_RESOURCE = /(?<=^|\s)resource\s+"([\w-]+)"\s+"([^"]+)"\s*\{/g;
const TF_SESSION_AFFINITY = /(?<=^|[\s{;,])session_affinity\s*=\s*("[^"]*"|[^\s,}]+)/g;
/** azapi's Container App body: `stickySessions = { affinity = "sticky" }`. */
const TF_STICKY_AFFINITY = /(?<=^\s*|[{,]\s*)["']?affinity["']?\s*[=:]\s*"sticky"/i;

/** What a resource's `session_affinity = value` says, or undefined when it pins no client. */
function terraformAffinity(type: string, name: string, value: string): string | undefined {
  const setting = value.replace(/^"(.*)"$/, '$1');
  const resource = `${type}.${name}`;
  if (type === 'google_cloud_run_v2_service') return setting === 'true' ? `Cloud Run session affinity (${resource} session_affinity = true) pins each client to one instance` : undefined;
  if (/^kubernetes_service(_v1)?$/.test(type)) return setting === 'ClientIP' ? `Service session affinity ClientIP (${resource} session_affinity) pins each client IP to one pod` : undefined;
  if (/^google_compute_(region_)?backend_service$/.test(type)) {
    return GCP_BACKEND_AFFINITY.test(setting) ? `Google Cloud load balancer session affinity ${setting} (${resource}) pins each client to one backend: set session_affinity to "NONE" once the server keeps no per-instance state` : undefined;
  }
  return undefined;
}

/** One `session_affinity` attribute of a resource that pins a client: where it is, and the finding's message. */
export interface TerraformAffinity {
  start: number;
  end: number;
  type: string;
  /** `type.name`. */
  resource: string;
  message: string;
}

/**
 * `session_affinity` attributes that pin a client in a Terraform file's code (comments blanked, at
 * the text's offsets): Cloud Run v2 services (`template { session_affinity = true }`), Kubernetes
 * Services (`spec { session_affinity = "ClientIP" }`) and Google Cloud backend services.
 */
export function terraformAffinities(code: string): TerraformAffinity[] {
  const found: TerraformAffinity[] = [];
  for (const resource of code.matchAll(TF_RESOURCE)) {
    const [, type, name] = resource;
    if (!/^(google_cloud_run_v2_service|kubernetes_service(_v1)?|google_compute_(region_)?backend_service)$/.test(type)) continue;
    const open = resource.index + resource[0].length - 1;
    const close = matchingBracket(code, open);
    for (const attribute of code.slice(open + 1, close).matchAll(TF_SESSION_AFFINITY)) {
      const message = terraformAffinity(type, name, attribute[1]);
      if (!message) continue;
      const start = open + 1 + attribute.index;
      found.push({ start, end: start + attribute[0].length, type, resource: `${type}.${name}`, message });
    }
  }
  return found;
}

/** The resources whose `session_affinity` sticky-config deletes (alone on its line); it marks the others'. */
export const TF_AFFINITY_DELETED = /^(google_cloud_run_v2_service|kubernetes_service(_v1)?)$/;

/**
 * Terraform: the affinities above, Cloud Run's annotation (`google_cloud_run_service`) and azapi's
 * Container Apps sticky sessions. Those sticky-config only marks are `manual`.
 */
export function reportTerraform(lines: readonly ConfigLine[], report: Reporter): void {
  const manual: Reporter = (r) => report({ ...r, manual: true });
  const code = blankedText(lines);
  for (const { start, end, type, message } of terraformAffinities(code)) (TF_AFFINITY_DELETED.test(type) ? report : manual)({ start, end, message });
  reportMatches(lines, CLOUD_RUN_ANNOTATION, manual, () => CLOUD_RUN_ANNOTATION_MESSAGE);
  reportMatches(lines, TF_STICKY_AFFINITY, manual, () => 'Container Apps sticky sessions (affinity = "sticky") pin each client to one replica: set the affinity to "none" once the server keeps no per-replica state');
}

// ---------------------------------------------------------------------------------------------
// Bicep

/** `stickySessions: { affinity: 'sticky' }` of a Container App's ingress, on one line or in a block. */
const BICEP_AFFINITY = /(?<=^\s*|[{,]\s*)affinity\s*:\s*'sticky'/i;
/** The Azure Verified Modules container-app parameter, passed to the module or in a `.bicepparam` file. */
const BICEP_AVM_PARAMETER = /\bstickySessionsAffinity\s*[:=]\s*'sticky'/i;

/** Azure Container Apps sticky sessions in Bicep. */
export function reportBicep(lines: readonly ConfigLine[], report: Reporter): void {
  reportMatches(lines, BICEP_AFFINITY, report, () => "Container Apps sticky sessions (affinity: 'sticky') pin each client to one replica: set the affinity to 'none' once the server keeps no per-replica state");
  reportMatches(lines, BICEP_AVM_PARAMETER, report, () => "Container Apps sticky sessions (stickySessionsAffinity: 'sticky') pin each client to one replica: set it to 'none' once the server keeps no per-replica state");
}

// ---------------------------------------------------------------------------------------------
// Deployment CLIs, in shell scripts and in the YAML of CI steps

/**
 * `--session-affinity` as an argument (not `--no-session-affinity`, another word): Cloud Run's
 * boolean flag (`gcloud run deploy`, `gcloud run services update`, the deploy-cloudrun action's
 * `flags`, Cloud Build `args`), or one that takes a value (`gcloud compute backend-services`,
 * `gcloud compute target-pools`, `kubectl expose`).
 */
const SESSION_AFFINITY_FLAG = /(?<=^|[\s'"[,])--session-affinity(?=$|[\s'",\]=])/;

/**
 * What follows the flag on its line: `=value`, or the next argument, space-separated (`"--session-affinity"
 * "$X"` too) or the next item of a list (`"--session-affinity", "CLIENT_IP"`), unquoted.
 */
const FLAG_VALUE = /^(?:(=)|["']?\s*,\s*|["']?\s+)(?:"([^"]*)"?|'([^']*)'?|([^\s'",\]]+))?/;

/** A value that shell or CI fills in (`$AFFINITY`, `"${K8S_AFFINITY}"`, `${{ vars.X }}`, `` `cmd` ``): not read. */
const FROM_A_VARIABLE = /^[$`]/;

/** The command a `--session-affinity` belongs to, by the words before it in its command. */
type AffinityCli = 'cloud-run' | 'backend-service' | 'target-pool' | 'kubectl' | 'other' | 'unknown';

function affinityCli(before: string): AffinityCli {
  const clis = [...before.matchAll(/(?<![\w-])(gcloud|kubectl|az)(?![\w-])/g)];
  const last = clis[clis.length - 1];
  if (last?.[1] === 'kubectl') return 'kubectl';
  if (last?.[1] === 'az') return 'other';
  const words = last ? before.slice(last.index) : before;
  if (/(?<![\w-])backend-services(?![\w-])/.test(words)) return 'backend-service';
  if (/(?<![\w-])target-pools(?![\w-])/.test(words)) return 'target-pool';
  // Without the CLI's name (a CI action's `flags`, Cloud Build `args`), a bare flag is Cloud Run's.
  if (!last) return 'unknown';
  return /(?<![\w-])run(?![\w-])/.test(words) ? 'cloud-run' : 'other';
}

const CLOUD_RUN_FLAG = 'gcloud --session-affinity pins each client to one Cloud Run instance: deploy with --no-session-affinity once the server keeps no per-instance state (a deploy without the flag keeps it on)';

const backendServiceFlag = (command: string, value: string) =>
  `${command}--session-affinity=${value} pins each client to one backend of the Google Cloud load balancer: set --session-affinity=NONE once the server keeps no per-instance state (an update without the flag keeps it)`;

const kubernetesServiceFlag = (command: string) =>
  `${command}--session-affinity=ClientIP pins each client IP to one pod of the Kubernetes Service: leave it out (the default is None) once the server keeps no per-pod state`;

/**
 * The finding for a `--session-affinity` of command `cli`: `value` as written after `=` (`attached`)
 * or the next argument, undefined when there is none. gcloud reads a backend service's or target
 * pool's affinity in any case (`client_ip`); kubectl takes `ClientIP` or `None` as written; Cloud
 * Run's flag takes no value, so the argument after it is the next one (`--session-affinity
 * "$SERVICE"`). A value from a variable is not read.
 */
function sessionAffinityFlag(cli: AffinityCli, value: string | undefined, attached: boolean): string | undefined {
  if (cli === 'cloud-run') return !attached ? CLOUD_RUN_FLAG : value?.toLowerCase() === 'true' ? CLOUD_RUN_FLAG : undefined;
  if (value !== undefined && FROM_A_VARIABLE.test(value)) return undefined;
  const upper = value?.toUpperCase();
  if (cli === 'backend-service') return upper !== undefined && GCP_BACKEND_AFFINITY.test(upper) ? backendServiceFlag('gcloud compute backend-services ', upper) : undefined;
  if (cli === 'target-pool') {
    return upper !== undefined && /^CLIENT_IP(_PROTO)?$/.test(upper)
      ? `gcloud compute target-pools --session-affinity=${upper} pins each client IP to one instance of the target pool: create the pool without the flag (the default is NONE) once the server keeps no per-instance state`
      : undefined;
  }
  if (cli === 'kubectl') return value === 'ClientIP' ? kubernetesServiceFlag('kubectl expose ') : undefined;
  if (cli === 'other') return undefined;
  // No CLI named: told by the value, and a word that is no affinity is the next argument of Cloud Run's bare flag.
  if (value === 'ClientIP') return kubernetesServiceFlag('');
  if (value !== undefined && GCP_BACKEND_AFFINITY.test(value)) return backendServiceFlag('', value);
  if (attached) return value?.toLowerCase() === 'true' ? CLOUD_RUN_FLAG : undefined;
  return value !== undefined && /^(none|false)$/i.test(value) ? undefined : CLOUD_RUN_FLAG;
}

/**
 * The value after the flag that ends at `at` of line `index`, and where it ends: on the next line
 * when the flag ends its line before a `\` (`--session-affinity \` then `  CLIENT_IP \`).
 */
function flagValue(lines: readonly ConfigLine[], index: number, at: number): { value?: string; attached: boolean; end: number } {
  const line = lines[index];
  const rest = line.code.slice(at);
  const found = FLAG_VALUE.exec(rest);
  const attached = found?.[1] === '=';
  const value = found ? (found[2] ?? found[3] ?? found[4] ?? (attached ? '' : undefined)) : undefined;
  if (value === '\\' && !attached && index + 1 < lines.length) {
    const next = lines[index + 1];
    const following = FLAG_VALUE.exec(` ${next.code}`);
    const word = following?.[2] ?? following?.[3] ?? following?.[4];
    if (word !== undefined && word !== '\\' && !word.startsWith('-')) return { value: word, attached: false, end: next.start + following![0].length - 1 };
  }
  if (value === undefined || value === '\\' || (!attached && value.startsWith('-'))) return { attached: false, end: line.start + at };
  return { value, attached, end: line.start + at + found![0].length };
}

const AZ_STICKY_AFFINITY = /(?<=^|[\s'"])--affinity(?:=|\s+)["']?sticky\b/i;
const AZ_STICKY_SESSIONS_SET = /\bsticky-sessions\s+set\b/;

/**
 * Reports at the first line of the command (from the CLI's name, or the line's first word), so
 * that what is written above the finding (a marker) stands before the command, not inside its
 * continued lines; `covers` reaches the flag.
 */
function reportCommand(lines: readonly ConfigLine[], start: number, flagEnd: number, message: string, report: Reporter): void {
  const line = lines[start];
  const cli = /\b(?:gcloud|az|kubectl)\b/.exec(line.code);
  const at = cli ? cli.index : /^\s*(?:-\s+)?/.exec(line.code)![0].length;
  const end = line.start + line.code.trimEnd().length;
  report({ start: line.start + at, end, message, ...(flagEnd > end ? { covers: flagEnd } : {}) });
}

/**
 * Cloud Run, Google Cloud backend service and kubectl session affinity flags, and Container Apps
 * sticky sessions set from the Azure CLI. In YAML (`yaml`), a command in a scalar whose lines
 * fold into one (`run: >-`) is reported at its key.
 */
export function reportCli(lines: readonly ConfigLine[], report: Reporter, yaml = false): void {
  const reported = new Set<string>();
  lines.forEach((line, index) => {
    const flag = SESSION_AFFINITY_FLAG.exec(line.code);
    const sticky = AZ_STICKY_AFFINITY.exec(line.code);
    if (!flag && !sticky) return;
    const continued = commandStart(lines, index);
    const start = (yaml ? foldedScalarKey(lines, continued) : undefined) ?? continued;
    let said: string | undefined;
    let flagEnd = 0;
    if (flag) {
      const before = [...lines.slice(start, index).map((l) => l.code), line.code.slice(0, flag.index)].join(' ');
      const { value, attached, end } = flagValue(lines, index, flag.index + flag[0].length);
      said = sessionAffinityFlag(affinityCli(before), value, attached);
      flagEnd = end;
    }
    if (!said && sticky) {
      const command = lines.slice(start, commandEnd(lines, start)).map((l) => l.code.replace(/\\\s*$/, '')).join(' ');
      if (!AZ_STICKY_SESSIONS_SET.test(command)) return;
      said = 'az containerapp ingress sticky-sessions set --affinity sticky pins each client to one replica: set --affinity none once the server keeps no per-replica state';
      flagEnd = line.start + sticky.index + sticky[0].length;
    }
    if (!said || reported.has(`${start}:${said}`)) return;
    reported.add(`${start}:${said}`);
    reportCommand(lines, start, flagEnd, said, report);
  });
}
