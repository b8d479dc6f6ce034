/**
 * The mcp-state store behind several replicas that are not given MCP_STATE_URL (trial 73A B3).
 * `fix` (explicit-handles) moves per-session state into the mcp-state module, keyed by handles the
 * client passes; that module keeps the handles in the process's memory unless MCP_STATE_URL names a
 * Redis. A deployment of the same package that runs more than one replica (Kubernetes `replicas: 3`
 * or an autoscaler, compose `deploy.replicas: 2` or `--scale`, Fly `min_machines_running = 2`)
 * without that setting loses every handle a call takes to another replica. A project rule: the code
 * and the deployment are different files, often in different folders.
 */
import { isMcpCode, withoutComments } from '../analysis/mcp.js';
import { inFolder } from '../io.js';
import { classifyFile } from '../scan/files.js';
import { lineMapper } from '../scan/lines.js';
import { gatewayTarget, shellCommand, yamlCommandValue } from './config/stdio-gateways.js';
import { configLines, indentOf, isDocumentStart, isListItem, yamlAncestors, yamlEntry, type ConfigLine } from './config/text.js';
import { SPEC, type ConfigFile, type Definition, type ProjectReport, type ProjectRule, type ProjectTree } from './types.js';

const STATE_URL = 'MCP_STATE_URL';

/** Code that reads MCP_STATE_URL from the environment: the generated module (`process.env['MCP_STATE_URL']`), or one of the project's own. */
const STATE_URL_READ = /\bprocess\.env(?:\.MCP_STATE_URL\b|\[\s*['"`]MCP_STATE_URL['"`]\s*\])|\bDeno\.env\.get\(\s*['"`]MCP_STATE_URL['"`]\s*\)/;
/** An import of the state module: `from './mcp-state.js'`, `require('../lib/mcp-state')`, `import('./mcp-state.mjs')`. */
const STATE_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)['"`](?:[^'"`\n]*\/)?mcp-state(?:\.[cm]?[jt]s)?['"`]/m;

/** What code of the run says about the state module (definitions `state-module`, `state-import`). */
export function stateStoreDefinitions(text: string): Definition[] {
  if (!text.includes(STATE_URL) && !text.includes('mcp-state')) return [];
  const code = withoutComments(text);
  const lines = lineMapper(code);
  const found: Definition[] = [];
  for (const [pattern, name] of [[STATE_URL_READ, 'state-module'], [STATE_IMPORT, 'state-import']] as const) {
    const match = pattern.exec(code);
    if (match) found.push({ name, ...lines.position(match.index) });
  }
  return found;
}

/** A workload of a deployment config: what the rule reads of it, stored as a definition's value (JSON). */
interface Workload {
  /** `Deployment shop-mcp`, `compose service shop`, `Fly app`. */
  label: string;
  /** Its name, as an autoscaler or `--scale` names it. */
  name: string;
  platform: 'k8s' | 'compose' | 'fly';
  /** How many replicas it runs as written (1 when the config says nothing). */
  replicas: number;
  /** `replicas` is a minimum (Fly's min_machines_running). */
  atLeast?: boolean;
  /** MCP_STATE_URL named in its own environment. */
  set: boolean;
  /** Where its environment also comes from that the config does not show (`ConfigMap shop-env`, `Fly secrets`). */
  unseen: string[];
  /** Compose `env_file:` entries, relative to the config's folder: read when the rule runs. */
  envFiles?: string[];
  /**
   * What each of its containers runs (review 92 point 6): the command line its `command:` and
   * `args:` (compose: `entrypoint:` and `command:`) give, null where it gives none (the image's
   * own CMD). Off-the-shelf images' containers left out.
   */
  commands?: Array<string | null>;
}

/** Kubernetes kinds that run pods with a replica count. */
const K8S_WORKLOAD = /^(Deployment|StatefulSet|ReplicaSet|ReplicationController|DeploymentConfig|Rollout)$/;
/** Images of off-the-shelf services a compose file or a manifest runs beside the server (a proxy, a database): not the MCP server. */
const OFF_THE_SHELF = /^(?:docker\.io\/)?(?:library\/|bitnami\/)?(nginx|redis|valkey|postgres|mysql|mariadb|mongo|memcached|rabbitmq|traefik|haproxy|caddy|envoyproxy\/envoy|envoy|busybox|alpine|jaegertracing\/[\w-]+|prom\/[\w-]+|grafana\/[\w-]+|otel\/[\w-]+)(?::[\w.-]+)?(?:@\S+)?$/i;

const whole = (value: string | undefined): number | undefined => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);

/** The documents of a YAML file, as line ranges [from, to). */
function yamlDocuments(lines: readonly ConfigLine[]): Array<[number, number]> {
  const documents: Array<[number, number]> = [];
  let from = 0;
  lines.forEach((line, i) => {
    if (!isDocumentStart(line.code)) return;
    if (i > from) documents.push([from, i]);
    from = i + 1;
  });
  if (lines.length > from) documents.push([from, lines.length]);
  return documents;
}

/** Every `key: value` of lines [from, to) with its ancestors' keys (nearest first). */
function entries(lines: readonly ConfigLine[], from: number, to: number): Array<{ index: number; key: string; value: string; path: string[] }> {
  const found: Array<{ index: number; key: string; value: string; path: string[] }> = [];
  for (let i = from; i < to; i++) {
    const entry = yamlEntry(lines[i].code);
    if (entry) found.push({ index: i, ...entry, path: yamlAncestors(lines, i) });
  }
  return found;
}

const sameKeys = (path: readonly string[], keys: readonly string[]) => path.length === keys.length && keys.every((key, i) => path[i] === key);
const at = (lines: readonly ConfigLine[], index: number): Pick<Definition, 'line' | 'column'> => ({ line: index + 1, column: indentOf(lines[index].code) + 1 });
const mentions = (lines: readonly ConfigLine[], from: number, to: number) => lines.slice(from, to).some((line) => line.code.includes(STATE_URL));

/** Words as one command line (a word with a space in quotes). */
const commandLine = (words: readonly string[]) => words.map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(' ');

/** The command words of a `command:` / `args:` / `entrypoint:` entry. */
const commandAt = (lines: readonly ConfigLine[], index: number) => yamlCommandValue(lines, index)?.words ?? [];

/**
 * What the containers of a Kubernetes workload run (Workload.commands): per container of
 * `containers:` (not `initContainers:`), its `command:` then `args:`, or null.
 */
function containerCommands(lines: readonly ConfigLine[], all: ReturnType<typeof entries>): Array<string | null> {
  const containers: Array<{ image?: string; command?: string[]; args?: string[] }> = [];
  for (const e of all) {
    // A container starts at its list item (`- name: worker`); its own keys are the item's and those below its first.
    if (isListItem(lines[e.index].code) && e.path[0] === 'containers') containers.push({});
    const current = containers[containers.length - 1];
    if (!current || !(e.path[0] === 'containers' || e.path[1] === 'containers')) continue;
    if (e.key === 'image') current.image = e.value;
    else if (e.key === 'command' || e.key === 'args') current[e.key] = commandAt(lines, e.index);
  }
  return containers.filter((c) => !(c.image && OFF_THE_SHELF.test(c.image))).map((c) => (c.command || c.args ? commandLine([...(c.command ?? []), ...(c.args ?? [])]) : null));
}

/** Kubernetes workloads and autoscalers of one YAML document. */
function kubernetesDefinitions(lines: readonly ConfigLine[], from: number, to: number): Definition[] | undefined {
  const all = entries(lines, from, to);
  const kind = all.find((e) => e.key === 'kind' && e.path.length === 0)?.value;
  if (!kind) return undefined;
  const name = all.find((e) => e.key === 'name' && sameKeys(e.path, ['metadata']))?.value ?? '';
  if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject') {
    const target = all.find((e) => e.key === 'name' && e.path[0] === 'scaleTargetRef')?.value;
    const maxEntry = all.find((e) => (e.key === 'maxReplicas' || e.key === 'maxReplicaCount') && sameKeys(e.path, ['spec']));
    // KEDA scales a target up to 100 replicas unless maxReplicaCount says otherwise.
    const max = maxEntry ? whole(maxEntry.value) : kind === 'ScaledObject' ? 100 : undefined;
    if (!target || max === undefined || max <= 1) return [];
    const index = maxEntry?.index ?? all.find((e) => e.key === 'kind')!.index;
    return [{ name: 'autoscaler', ...at(lines, index), value: JSON.stringify({ target, max, label: `${kind} ${name}`.trim() }) }];
  }
  if (!K8S_WORKLOAD.test(kind)) return undefined;
  const images = all.filter((e) => e.key === 'image' && e.path.includes('containers')).map((e) => e.value);
  if (images.length > 0 && images.every((image) => OFF_THE_SHELF.test(image))) return [];
  const replicasEntry = all.find((e) => e.key === 'replicas' && sameKeys(e.path, ['spec']));
  // A templated count (`{{ .Values.replicaCount }}`) is not read: the chart's values decide it.
  const replicas = replicasEntry ? whole(replicasEntry.value) : 1;
  if (replicas === undefined) return [];
  const unseen = all
    .filter((e) => e.key === 'name' && (e.path[0] === 'configMapRef' || e.path[0] === 'secretRef') && e.path.includes('envFrom'))
    .map((e) => `${e.path[0] === 'configMapRef' ? 'ConfigMap' : 'Secret'} ${e.value}`);
  const workload: Workload = { label: `${kind} ${name}`.trim(), name, platform: 'k8s', replicas, set: mentions(lines, from, to), unseen, commands: containerCommands(lines, all) };
  const index = replicasEntry?.index ?? all.find((e) => e.key === 'kind')!.index;
  return [{ name: 'workload', ...at(lines, index), value: JSON.stringify(workload) }];
}

/** The services of a compose file's document, when it has a top-level `services:`. */
function composeDefinitions(lines: readonly ConfigLine[], from: number, to: number): Definition[] | undefined {
  const top = [];
  for (let i = from; i < to; i++) if (indentOf(lines[i].code) === 0 && lines[i].code.trim() !== '') top.push(i);
  const services = top.find((i) => yamlEntry(lines[i].code)?.key === 'services');
  if (services === undefined) return undefined;
  const end = top.find((i) => i > services) ?? to;
  const all = entries(lines, services + 1, end);
  const found: Definition[] = [];
  const heads = all.filter((e) => sameKeys(e.path, ['services']));
  heads.forEach((head, n) => {
    const last = heads[n + 1]?.index ?? end;
    const own = all.filter((e) => e.index > head.index && e.index < last);
    const image = own.find((e) => e.key === 'image' && e.path.length === 2)?.value;
    if (image && !own.some((e) => e.key === 'build' && e.path.length === 2) && OFF_THE_SHELF.test(image)) return;
    const replicasEntry = own.find((e) => (e.key === 'replicas' && sameKeys(e.path, ['deploy', head.key, 'services'])) || (e.key === 'scale' && e.path.length === 2));
    const replicas = replicasEntry ? whole(replicasEntry.value) : 1;
    if (replicas === undefined) return;
    const envFile = own.find((e) => e.key === 'env_file' && e.path.length === 2);
    const envFiles: string[] = [];
    if (envFile?.value) envFiles.push(...envFile.value.replace(/^\[|\]$/g, '').split(',').map((v) => v.trim().replace(/^(["'])(.*)\1$/, '$2')).filter(Boolean));
    else if (envFile) {
      for (let i = envFile.index + 1; i < last && (lines[i].code.trim() === '' || indentOf(lines[i].code) > indentOf(lines[envFile.index].code)); i++) {
        const item = /^\s*-\s+(?:path:\s*)?(["']?)([^"'\s]+)\1\s*$/.exec(lines[i].code) ?? (isListItem(lines[i].code) ? undefined : /^\s*path:\s*(["']?)([^"'\s]+)\1\s*$/.exec(lines[i].code));
        if (item) envFiles.push(item[2]);
      }
    }
    // A YAML alias or merge key (`environment: *env`, `<<: *base`) or `extends:` brings in lines of
    // the file the service's own do not show (review 92 point 5): set where the file names it at all.
    const borrowed = lines.slice(head.index, last).some((line) => /:\s*\*[\w.-]+|<<:|^\s*extends:/.test(line.code));
    const set = mentions(lines, head.index, last) || (borrowed && mentions(lines, from, to));
    const run = ['entrypoint', 'command'].flatMap((key) => own.filter((e) => e.key === key && e.path.length === 2).flatMap((e) => commandAt(lines, e.index)));
    const workload: Workload = { label: `compose service ${head.key}`, name: head.key, platform: 'compose', replicas, set, unseen: [], ...(envFiles.length > 0 ? { envFiles } : {}), commands: [run.length > 0 ? commandLine(run) : null] };
    found.push({ name: 'workload', ...at(lines, replicasEntry?.index ?? head.index), value: JSON.stringify(workload) });
  });
  return found;
}

/** `docker compose up --scale shop=3` (a script, a CI step): the service runs that many replicas. */
const COMPOSE_SCALE = /(?<=^|[\s'"[,])--scale(?:=|\s+)["']?([\w.-]+)=(\d+)/g;

/** What a deployment config says for the rule: its workloads, autoscalers, `--scale` flags, and a mention of MCP_STATE_URL elsewhere. */
export function stateStoreConfigDefinitions(file: Pick<ConfigFile, 'path' | 'text' | 'kind'>): Definition[] {
  const { text, kind } = file;
  // (A Deployment with no replica count that an autoscaler scales, a compose file that `--scale` scales, name no replicas.)
  if (!/replica|min_machines|--scale|MCP_STATE_URL|scaledobject|^kind:\s*["']?(Deployment|StatefulSet|ReplicaSet|DeploymentConfig|Rollout)\b|^services:|^\s*(?:CMD|ENTRYPOINT)\s/im.test(text)) return [];
  const lines = configLines(file);
  const found: Definition[] = [];
  // What a Dockerfile's image runs when a workload gives no command of its own: its last
  // ENTRYPOINT, then its last CMD (`image-command`).
  if (kind === 'dockerfile') {
    const last = (word: string) => lines.findLastIndex((line) => new RegExp(`^\\s*${word}\\s`, 'i').test(line.code));
    const [entrypoint, cmd] = [last('ENTRYPOINT'), last('CMD')];
    const words = [entrypoint, cmd].flatMap((i) => (i >= 0 ? shellCommand(lines, i, true).words : []));
    if (words.length > 0) found.push({ name: 'image-command', ...at(lines, Math.max(entrypoint, cmd)), value: commandLine(words) });
  }
  /** Lines a workload read (its own MCP_STATE_URL is its `set`). */
  const read = new Set<number>();
  if (kind === 'yaml') {
    for (const [from, to] of yamlDocuments(lines)) {
      const defined = kubernetesDefinitions(lines, from, to) ?? composeDefinitions(lines, from, to);
      if (!defined) continue;
      found.push(...defined);
      // A workload's MCP_STATE_URL is its own `set`; one in a document read for nothing else (a
      // ConfigMap, Helm values) is a mention of the package's below.
      for (let i = from; i < to; i++) read.add(i);
    }
  } else if (kind === 'fly') {
    const min = lines.findIndex((line) => /^\s*min_machines_running\s*=\s*\d+/.test(line.code));
    const count = min >= 0 ? Number(/=\s*(\d+)/.exec(lines[min].code)![1]) : 1;
    const app = /^\s*app\s*=\s*["']([^"']+)["']/m.exec(text)?.[1] ?? '';
    // Fly secrets (`fly secrets set MCP_STATE_URL=...`) never appear in fly.toml: said, not assumed missing.
    const workload: Workload = { label: `Fly app ${app}`.trim(), name: app, platform: 'fly', replicas: count, atLeast: true, set: mentions(lines, 0, lines.length), unseen: ['Fly secrets'] };
    if (min >= 0) found.push({ name: 'workload', ...at(lines, min), value: JSON.stringify(workload) });
    lines.forEach((_, i) => read.add(i));
  }
  if (kind === 'yaml' || kind === 'shell') {
    lines.forEach((line, i) => {
      for (const m of line.code.matchAll(COMPOSE_SCALE)) found.push({ name: 'compose-scale', ...at(lines, i), value: `${m[1]}=${m[2]}` });
    });
  }
  const other = lines.findIndex((line, i) => !read.has(i) && line.code.includes(STATE_URL));
  if (other >= 0) found.push({ name: 'state-url', ...at(lines, other) });
  return found;
}

/** The folder of a path ('' at the top). */
const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** A path relative to a folder, `..` resolved (`../.env` from `deploy`). */
function joinPath(folder: string, relative: string): string {
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of relative.replace(/^\.\//, '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The package a file belongs to: the nearest folder above it with a package.json or deno.json, else the scanned root (''). */
function packageOf(path: string, tree: ProjectTree | undefined): string {
  for (let folder = folderOf(path); folder !== ''; folder = folderOf(folder)) {
    if (tree && (tree.exists(`${folder}/package.json`) || tree.exists(`${folder}/deno.json`))) return folder;
  }
  return '';
}

/** Whether a package folder is `folder` or inside it. */
const within = (pkg: string, folder: string) => pkg === folder || inFolder(pkg, folder);

/** A specifier of a path alias (`@/server`, `~/lib/x`, `src/app`): code of the package the run's modules do not resolve. */
const ALIAS_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](?:@\/|~\/|src\/)/;
/** How many files runsServer follows a command's script through. */
const MOST_FILES_FOLLOWED = 400;

/**
 * Whether a command a workload runs (`node dist/worker.js`, `npm run worker`) starts the MCP server
 * of the package at `pkg` (review 92 point 6): the code file it runs, matched as a stdio gateway's
 * command is (gatewayTarget: the package's scripts, main, tsconfig's outDir), or a file it imports
 * (ProjectTree.imports), is MCP code or uses the mcp-state store (`store`). False for a script of the
 * package that reaches neither (a queue worker of the same image); undefined where the scan cannot
 * tell (no such file, a path alias, no imports known).
 */
function runsServer(command: string, pkg: string, store: ReadonlySet<string>, tree: ProjectTree | undefined): boolean | undefined {
  if (!tree?.imports) return undefined;
  // (A code file of the tree, as the gateways' matching asks of the run: a shell script it names is not followed.)
  const target = gatewayTarget({ stdio: command }, pkg, { has: (file) => classifyFile(file)?.type === 'code' && tree.exists(file), read: (file) => tree.read(file) });
  if (!('file' in target)) return undefined;
  const seen = new Set([target.file]);
  for (const file of seen) {
    if (store.has(file)) return true;
    const text = tree.read(file);
    if (text === undefined || ALIAS_IMPORT.test(text) || seen.size > MOST_FILES_FOLLOWED) return undefined;
    if (isMcpCode(text)) return true;
    for (const imported of tree.imports(file)) seen.add(imported);
  }
  return false;
}

/** An env file's line that gives MCP_STATE_URL a value (`MCP_STATE_URL=redis://...`, `export MCP_STATE_URL=...`). */
const ENV_FILE_SETS = /^\s*(?:export\s+)?MCP_STATE_URL\s*[=:]\s*\S/m;

export const stateStoreUrl: ProjectRule = {
  target: 'project',
  id: 'state-store-url',
  category: 'stateful-tool',
  severity: 'error',
  title: 'Several replicas without MCP_STATE_URL: the mcp-state store stays per instance',
  why:
    'The mcp-state module `fix` adds keeps the state of explicit handles in the memory of one process unless MCP_STATE_URL names a Redis. ' +
    'Under 2026-07-28 any replica may serve the next call, so behind several replicas a handle minted on one is unknown on the others ' +
    '("Unknown or expired"): the per-instance state the migration removed comes back through the deployment.',
  fix: {
    manual: 'Set MCP_STATE_URL to a Redis (redis://...) that every replica reaches in the environment of the deployment (env:, a ConfigMap or Secret, environment:, fly secrets), or run one replica.',
  },
  docs: `${SPEC}/basic/transports/streamable-http`,
  // Of the deployment config its findings are on: a replica count, a manifest's kind, compose services, Fly's minimum.
  keywords: ['replica', 'kind', 'services', 'min_machines'],
  definitions: stateStoreDefinitions,
  configDefinitions: stateStoreConfigDefinitions,
  // The generated module names no MCP API, so it is not MCP code: found by what it reads.
  anchors: ['MCP_STATE_URL', 'mcp-state'],
  covers: 'the mcp-state store',
  check(files, report, tree) {
    const users = files.flatMap((file) => file.defines.filter((d) => d.name === 'state-module' || d.name === 'state-import').map((d) => ({ file, d })));
    if (users.length === 0) return;
    const config = files.flatMap((file) => file.defines.filter((d) => d.name !== 'state-module' && d.name !== 'state-import').map((d) => ({ file, d, pkg: packageOf(file.path, tree) })));
    for (const { file, d, pkg } of config) {
      if (d.name !== 'workload') continue;
      const workload = JSON.parse(d.value!) as Workload;
      // Code of this package, or of a package inside the folder whose deployment this is (a monorepo's root deploy/).
      const served = users.filter((u) => within(packageOf(u.file.path, tree), pkg));
      if (served.length === 0) continue;
      const scope = config.filter((c) => within(c.pkg, pkg) || within(pkg, c.pkg));
      const autoscaler = workload.platform === 'k8s' ? scope.map((c) => c.d).filter((c) => c.name === 'autoscaler').map((c) => JSON.parse(c.value!) as { target: string; max: number; label: string }).find((a) => a.target === workload.name) : undefined;
      const scaled = workload.platform === 'compose' ? scope.map((c) => c.d.value ?? '').find((v, i) => scope[i].d.name === 'compose-scale' && v.startsWith(`${workload.name}=`) && Number(v.slice(workload.name.length + 1)) > 1) : undefined;
      if (workload.replicas <= 1 && !autoscaler && !scaled) continue;
      // Another entry point of the same image (a queue worker's `command: ["node", "dist/worker.js"]`):
      // not the server, whose store it never loads (review 92 point 6). A container with no command
      // runs the image's own (a Dockerfile's CMD, where the package's Dockerfiles all say).
      if (workload.commands && workload.commands.length > 0) {
        const store = new Set(served.map((u) => u.file.path));
        const ownCommand = () => {
          const images = scope.filter((c) => c.d.name === 'image-command').map((c) => runsServer(c.d.value!, c.pkg, store, tree));
          return images.length === 0 || images.includes(undefined) ? undefined : images.includes(true);
        };
        if (workload.commands.every((command) => (command === null ? ownCommand() : runsServer(command, pkg, store, tree)) === false)) continue;
      }
      // Set for this workload in another document (a Kustomize patch of the same name), or anywhere else (a Dockerfile's ENV, Helm values, a script).
      const elsewhere = scope.some((c) => c.d.name === 'state-url' || (c.d !== d && c.d.name === 'workload' && (JSON.parse(c.d.value!) as Workload).set && (JSON.parse(c.d.value!) as Workload).name === workload.name));
      if (workload.set || elsewhere) continue;
      const unseen = [...workload.unseen];
      let setInFile = false;
      for (const envFile of workload.envFiles ?? []) {
        const rel = joinPath(folderOf(file.path), envFile);
        const text = tree?.read(rel);
        if (text === undefined) unseen.push(`env_file ${envFile}`);
        else if (ENV_FILE_SETS.test(text)) setInFile = true;
      }
      if (setInFile) continue;
      const runs = autoscaler ? `is scaled by ${autoscaler.label} up to ${autoscaler.max} replicas` : scaled ? `runs ${scaled.split('=')[1]} replicas (--scale ${scaled})` : `runs ${workload.atLeast ? 'at least ' : ''}${workload.replicas} replicas`;
      const module = (served.find((u) => u.d.name === 'state-module') ?? served[0]).file.path;
      const consequence = `the mcp-state store (${module}) keeps each handle in the memory of the replica that minted it, and a call that reaches another replica fails ("Unknown or expired")`;
      const shown = unseen.length > 3 ? `${unseen.slice(0, 3).join(', ')}, ...` : unseen.join(', ');
      const message =
        unseen.length === 0
          ? `${workload.label} ${runs} and sets no MCP_STATE_URL: ${consequence}; set MCP_STATE_URL to a Redis every replica reaches`
          : `${workload.label} ${runs}, and MCP_STATE_URL is not in the environment the scan can read (it also takes ${shown}, not in the scanned files): unless ${unseen.length > 1 ? 'one of them sets' : 'that sets'} MCP_STATE_URL to a Redis every replica reaches, ${consequence}`;
      const found: ProjectReport = { file: file.path, line: d.line, column: d.column, message };
      // What the scan cannot see may well set it: a warning (check fails on it), not an error.
      report(unseen.length > 0 ? { ...found, severity: 'warning' } : found);
    }
  },
};
