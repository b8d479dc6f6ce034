/**
 * Project configuration: `mcp-migrate.config.json`, or an `"mcp-migrate"` key in package.json.
 * Unknown keys and bad values are errors naming the file and the key; nothing is ignored.
 *
 *   {
 *     "include": ["src/**"],
 *     "exclude": ["scripts/**"],
 *     "includeTests": false,
 *     "rules": { "protocol-pin": "off", "sticky-lb-config": "error" },
 *     "failOn": "warning",
 *     "baseline": ".mcp-migrate-baseline.json"
 *   }
 */
import fs from 'node:fs';
import path from 'node:path';
import { stripBom } from './io.js';
import { CATEGORY_IDS, isSeverity, type Severity } from './model.js';
import { allRules } from './rules/index.js';

export interface ProjectConfig {
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  rules?: Record<string, Severity | 'off'>;
  failOn?: Severity | 'none';
  baseline?: string;
  /** Where the configuration was read from, for messages. */
  source?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KEYS = ['include', 'exclude', 'includeTests', 'rules', 'failOn', 'baseline', '$schema'];

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new ConfigError(`${where}: expected an array of glob strings`);
  }
  return value as string[];
}

export function validateConfig(raw: unknown, source: string): ProjectConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${source}: expected an object`);
  const config: ProjectConfig = { source };
  const ruleIds = new Set<string>([...allRules.map((r) => r.id), ...CATEGORY_IDS]);
  for (const [key, value] of Object.entries(raw)) {
    const where = `${source}: "${key}"`;
    switch (key) {
      case '$schema':
        break;
      case 'include':
        config.include = stringList(value, where);
        break;
      case 'exclude':
        config.exclude = stringList(value, where);
        break;
      case 'includeTests':
        if (typeof value !== 'boolean') throw new ConfigError(`${where}: expected true or false`);
        config.includeTests = value;
        break;
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where}: expected an object of rule or category id → severity`);
        config.rules = {};
        for (const [id, level] of Object.entries(value)) {
          if (!ruleIds.has(id)) throw new ConfigError(`${source}: "rules.${id}": unknown rule or category id`);
          if (typeof level !== 'string' || (level !== 'off' && !isSeverity(level))) {
            throw new ConfigError(`${source}: "rules.${id}": expected "error", "warning", "info" or "off", got ${JSON.stringify(level)}`);
          }
          config.rules[id] = level as Severity | 'off';
        }
        break;
      }
      case 'failOn':
        if (typeof value !== 'string' || (value !== 'none' && !isSeverity(value))) {
          throw new ConfigError(`${where}: expected "error", "warning", "info" or "none", got ${JSON.stringify(value)}`);
        }
        config.failOn = value as Severity | 'none';
        break;
      case 'baseline':
        if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`${where}: expected a file path`);
        config.baseline = value;
        break;
      default:
        throw new ConfigError(`${where}: unknown key (known keys: ${KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  return config;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Finds the configuration for a run in `dir`: `mcp-migrate.config.json` first, then the
 * `"mcp-migrate"` key of `package.json`. Returns an empty config when there is neither.
 */
export function loadConfig(dir: string, explicit?: string): ProjectConfig {
  if (explicit) {
    const json = readJson(path.resolve(dir, explicit));
    // `-c package.json`: its "mcp-migrate" key, as found without -c (trial 19C).
    if (path.basename(explicit) !== 'package.json') return validateConfig(json, explicit);
    const key = packageKey(json);
    if (key === undefined) throw new ConfigError(`${explicit}: no "mcp-migrate" key to read the configuration from`);
    return validateConfig(key, `${explicit} "mcp-migrate"`);
  }
  const file = path.join(dir, 'mcp-migrate.config.json');
  const pkgFile = path.join(dir, 'package.json');
  const key = fs.existsSync(pkgFile) ? packageKey(readJson(pkgFile)) : undefined;
  if (fs.existsSync(file)) {
    // Two configurations, one of which would be ignored without a word: the user picks.
    if (key !== undefined) throw new ConfigError('both mcp-migrate.config.json and the "mcp-migrate" key of package.json configure this run: keep one (or name one with -c)');
    return validateConfig(readJson(file), 'mcp-migrate.config.json');
  }
  return key === undefined ? {} : validateConfig(key, 'package.json "mcp-migrate"');
}

/** The `"mcp-migrate"` key of a parsed package.json, or undefined when it has none. */
function packageKey(pkg: unknown): unknown {
  return pkg && typeof pkg === 'object' && 'mcp-migrate' in pkg ? (pkg as Record<string, unknown>)['mcp-migrate'] : undefined;
}
