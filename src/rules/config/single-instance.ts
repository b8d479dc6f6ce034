import { SPEC, type ConfigRule, type Reporter } from '../types.js';
import { commandStart, configLines, foldedScalarKey, indentOf, keyColumn, type ConfigLine } from './text.js';

/**
 * Settings that cap a service at a number of instances, by key (`:` in YAML and Bicep, `=` in TOML
 * and HCL; `_` or `-` between words, any case): Kubernetes and docker-compose `replicas`, Helm's
 * `replicaCount`, Render's `numInstances`, Cloud Foundry's `instances`, Container Apps'
 * `maxReplicas` (Bicep AVM `scaleMaxReplicas`, Terraform `max_replicas`), Knative / Cloud Run
 * `autoscaling.knative.dev/maxScale`, Cloud Run v2 `max_instance_count`, App Engine
 * `max_instances`, Fly's `max_machines_running`, ECS `desiredCount` and `maxCapacity`. Minimums
 * (`minReplicas`, `min_machines_running`) cap nothing.
 */
const CAP_KEY = /^(replicas|replica[-_]?count|num[-_]?instances|instances|(scale[-_]?)?max[-_]?replicas|max[-_]?scale|max[-_]?instances|max[-_]?instance[-_]?count|max[-_]?machines[-_]?running|desired[-_]?count|max[-_]?capacity)$/i;

/** `key: 1` or `key = 1` (the value quoted or not), also inside a flow mapping (`scale: { maxReplicas: 1 }`). */
const KEY_ONE = /(?<=^|[\s{,])(["']?)([A-Za-z_][\w./-]*)\1\s*[:=]\s*(["']?)1\3(?=\s*(?:$|[,}\]]))/g;

/** Deployment CLI flags that cap a service: `gcloud run deploy --max-instances 1`, `az containerapp --max-replicas 1`, `kubectl scale --replicas=1`. */
const FLAG_ONE = /(?<=^|[\s'"[,])--(max-instances|max-replicas|replicas)(?:=|\s+)(["']?)1\2(?=$|[\s'",\]])/g;

/**
 * Why a comment says the service stays on one instance: sessions (Mcp-Session-Id, sticky
 * routing) are a reason on their own; state held in memory or in the process is one unless the
 * comment is about something else that holds it (a cache, a lock, a scheduler, a database on a
 * volume, a deployment tool's desired state). "single instance", "must stay 1" or "do not scale" say what, not why: alone they are no
 * reason.
 */
const SESSION_REASON = /\bsession(s|ful)?\b|\bsession[-_ ]?ids?\b|\bsticky\b/i;
const STATE_REASON = /\bin[- ]?memory\b|\bin[- ]process\b|\bstate(ful)?\b/i;
const OTHER_STATE = /\bdesired[- ]state\b|\bterraform\b|\bcache[sd]?\b|\block(s|ing)?\b|\brate[- ]?limit|\bqueue|\bcron\b|\bschedul|\bleader\b|\bsqlite\b|\bvolume\b|\bdisk\b|\bpvc\b|\bdatabase\b|\bdb\b/i;
/** Sessions stored where every instance reaches them: no reason to stay on one. */
const SESSION_STORE = /\b(redis|memcached?|postgres(ql)?|mysql|mongo(db)?|dynamo(db)?|database|db)\b|\bstored in\b|\bso (it|this) can scale\b/i;
/** How much of the comments a finding quotes. */
const QUOTE_LENGTH = 160;

/** A comment that says there are no sessions to keep. */
const NO_SESSIONS = /\b(no|without|zero)\s+(\w+\s+)?sessions?\b|\bsessionless\b/i;

/** A fixture's expectation (`ruleid: x, y` / `ok: x`): it names rules, it explains nothing. */
const ANNOTATION = /^(todo)?(ruleid|ok)\s*:\s*[\w-]+(\s*,\s*[\w-]+)*\s*$/i;
/** This tool's own comments: a `TODO(mcp-migrate)` marker (wrapped over lines up to its link), a record of a change, a suppression. */
const MARKER_START = 'TODO(mcp-migrate)';
const MARKER_END = /\(https?:[^)\s]*\)\s*(\*\/)?$/;

/**
 * A deployment setting that keeps a service on one instance (`replicas: 1`, `max_machines_running =
 * 1`, `--max-instances 1` ...) where a comment on its line, or the comments directly above it (or
 * above the block it opens: `deploy:` over `replicas: 1`), says that is for sessions or state held
 * in memory. Once the servers keep no per-instance state that cap is what to revisit: info, it
 * breaks nothing. A cap without such a comment (a dev manifest, a default) is not reported.
 */
export const singleInstance: ConfigRule = {
  target: 'config',
  kinds: ['yaml', 'fly', 'terraform', 'bicep', 'shell'],
  id: 'single-instance',
  category: 'sticky-lb-config',
  severity: 'info',
  title: 'Service capped at one instance because of in-memory sessions',
  why:
    'Sessionful 2025 servers keep each session in the memory of the instance that opened it, so some deployments are held ' +
    'at one replica, and a comment says so. Nothing breaks under 2026-07-28, but once the servers keep no per-instance ' +
    'state the cap is no longer needed, and keeping it gives up the scaling and failover a round-robin load balancer allows.',
  fix: {
    manual: 'Once the server keeps no per-instance state (sessions, transports, stores behind explicit handles in a shared store), raise the cap or let the platform autoscale, and update the comment.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  keywords: ['replica', 'instance', 'maxscale', 'max_scale', 'max-scale', 'machines', 'desired', 'capacity'],
  check(file, report) {
    const lines = configLines(file);
    const yaml = file.kind === 'yaml';
    const cli = file.kind === 'shell' || yaml;
    const said = new Set<number>();
    lines.forEach((line, index) => {
      for (const match of line.code.matchAll(KEY_ONE)) {
        const key = match[2].split(/[./]/).pop()!;
        if (!CAP_KEY.test(key)) continue;
        const at = line.start + match.index;
        reportCap(explanation(lines, index, index), at, at + match[0].length, match[0], report);
      }
      if (!cli) return;
      for (const match of line.code.matchAll(FLAG_ONE)) {
        const continued = commandStart(lines, index);
        // A command in a YAML scalar whose lines fold into one (`run: >-`) is reported at its key, with the comments there.
        const key = yaml ? foldedScalarKey(lines, continued) : undefined;
        const start = key ?? continued;
        if (said.has(start)) continue;
        said.add(start);
        const comments = [...(key === undefined ? [] : explanation(lines, key, key)), ...explanation(lines, index, continued)];
        const flagStart = line.start + match.index;
        const flagEnd = flagStart + match[0].length;
        // A command over several lines is reported at its first line (covering the flag), where the comment above it is.
        const first = lines[start];
        if (start === index) reportCap(comments, flagStart, flagEnd, match[0], report);
        else reportCap(comments, first.start + keyColumn(first.code), first.start + first.code.trimEnd().length, match[0], report, flagEnd);
      }
    });
  },
};

/**
 * Reports the cap `setting` at [from, to) when the comments that go with it give sessions or
 * in-memory state as the reason.
 */
function reportCap(comments: readonly string[], from: number, to: number, setting: string, report: Reporter, covers?: number): void {
  const text = comments.join(' ');
  if (NO_SESSIONS.test(text)) return;
  // Sessions kept somewhere shared (Redis, a database: a web app's login sessions) are no reason to stay on one (review).
  const sharedSessions = SESSION_STORE.test(text);
  if (!(SESSION_REASON.test(text) && !sharedSessions) && (OTHER_STATE.test(text) || !STATE_REASON.test(text))) return;
  const quoted = text.length > QUOTE_LENGTH ? `${text.slice(0, text.lastIndexOf(' ', QUOTE_LENGTH - 3)).replace(/[\s,.;:]+$/, '')}...` : text;
  const shown = setting.trim().replace(/\s+/g, ' ');
  report({
    start: from,
    end: Math.max(to, from),
    message: `${shown} keeps this service on one instance, and its comment says why ("${quoted}"): once the servers keep no per-instance state, scale it out and let the load balancer round-robin`,
    ...(covers !== undefined && covers > to ? { covers } : {}),
  });
}

/** The comment of a line, without its `#`, `//` or `/*` (undefined when it has none). */
function commentOf(line: ConfigLine): string | undefined {
  const raw = line.raw.replace(/\r$/, '');
  let i = 0;
  while (i < line.code.length && line.code[i] === raw[i]) i++;
  if (i >= raw.length) return undefined;
  const text = raw
    .slice(i)
    .replace(/^\s*(#+|\/\/+|\/\*+|\*+(?!\/))\s*/, '')
    .replace(/\s*\*\/\s*$/, '')
    .trim();
  return text === '' ? undefined : text;
}

/** A line that holds only a comment. */
function isCommentLine(line: ConfigLine): boolean {
  return line.code.trim() === '' && line.raw.trim() !== '';
}

/**
 * A line that opens the block the next line sits in: a YAML key with its value below (`deploy:`),
 * a TOML table (`[http_service]`), an HCL or Bicep block (`spec {`, `scale: {`).
 */
function opensBlock(code: string, below: string): boolean {
  const trimmed = code.trim();
  if (/^(-\s+)?["']?[^\s"':#][^"':#]*["']?\s*:$/.test(trimmed)) return indentOf(below) > indentOf(code);
  return /^\[\[?[^\]]+\]\]?$/.test(trimmed) || /\{$/.test(trimmed);
}

/**
 * The comments that go with a setting on line `index` whose statement starts on line `start`: on
 * those lines, in the run of comment lines directly above the statement, and, where the line above
 * that run opens the setting's block, on that line and in the comment lines directly above it.
 * Fixture expectations and this tool's own comments are left out.
 */
function explanation(lines: readonly ConfigLine[], index: number, start: number): string[] {
  const own = [index, ...(start === index ? [] : [start])];
  const above = (line: number): number[] => {
    const block: number[] = [];
    for (let i = line - 1; i >= 0 && isCommentLine(lines[i]); i--) block.unshift(i);
    return block;
  };
  const run = above(start);
  const header = (run.length > 0 ? run[0] : start) - 1;
  const outer = header >= 0 && opensBlock(lines[header].code, lines[start].code) ? [...above(header), header] : [];
  const comments: string[] = [];
  let inMarker = false;
  for (const i of [...outer, ...run, ...own]) {
    const text = commentOf(lines[i]);
    if (text === undefined) continue;
    if (inMarker || text.startsWith(MARKER_START)) {
      inMarker = isCommentLine(lines[i]) && !MARKER_END.test(text);
      continue;
    }
    if (ANNOTATION.test(text) || text.includes('mcp-migrate')) continue;
    comments.push(text);
  }
  return comments;
}
