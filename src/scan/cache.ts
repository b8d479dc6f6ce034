/**
 * The result cache: what each file gave the last scan, replayed while the file is unchanged.
 *
 * A scan's results for one file depend only on that file's bytes, its path and the scanner's
 * configuration (rules, severities, codemods, size limit, and the scanner's own code). So a later
 * scan of the same tree can take a file's outcome from the last run instead of reading, testing,
 * parsing and checking it again, as long as nothing of that changed. Scanning is 10-30x cheaper
 * for a file whose outcome is replayed; on a repository where a few files changed since the last
 * scan, that is most of the run.
 *
 * "Unchanged" is judged the way git's index does it, by the file's metadata, not its bytes:
 * size, modification time, status-change time (ctime) and inode must all be what they were when
 * the file was read. ctime cannot be set back by tools that restore an old modification time
 * (`touch -d`, `tar`, `rsync -t`), so a content change with the same size and a restored mtime is
 * still seen; a file replaced by another (editors that write and rename) has another inode. A file
 * changed within RACY_WINDOW_MS before the scan started is not recorded ("racily clean" in git's
 * terms: on a file system with coarse timestamps a second change in the same tick would not show):
 * the next scan reads it again.
 *
 * Read failures (unreadable, binary, over the size limit) are never recorded: every scan reports
 * them afresh. The cache is an accelerator only: a missing, corrupt, foreign or unwritable cache
 * means a normal scan, silently. One file per scanned root in the user's cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then mcp-migrate/), owned by the user, removed after 30 days
 * without a scan of that root; `--no-cache` or MCP_MIGRATE_CACHE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirectory, readOwnFile, sweepCacheFolder, writeCacheFile } from '../io.js';
import type { Finding, UnusedSuppression } from '../model.js';
import type { Definition } from '../rules/types.js';

/** What one file gave a scan: everything a later run needs to replay it. */
export interface FileOutcome {
  /** Skipped as a bundle (minified), like `*.min.js`: not counted as scanned. */
  skipped: boolean;
  parsed: boolean;
  findings: Finding[];
  /** A problem with the file that did not stop its scan (a syntax error, a failing rule). */
  error?: string;
  suppressed: number;
  unused: UnusedSuppression[];
  /** MCP server code on @modelcontextprotocol/sdk v1 (which speaks 2025 revisions only). */
  sdkV1?: true;
  /** The other files of the run its findings depend on (the store modules its tools call; absolute paths). */
  dependencies?: string[];
  /** What the project rules keep of the file (ProjectRule.definitions). */
  defines?: Definition[];
  /**
   * The modules of the run (as findings name them) whose functions this MCP code calls with the
   * MCP session id (ModuleFiles.sessionIdCallees): checked as MCP code, also when this file's
   * outcome is replayed (Scanner's handedTheSession).
   */
  handsSessionTo?: string[];
  /** The same for the modules it calls with a request's context (ModuleFiles.contextCallees). */
  handsContextTo?: string[];
}

const FORMAT = 5;

/** The common outcomes, stored as one letter (most files of a tree are one of these): nothing found, or skipped as a bundle. */
export const NOTHING: FileOutcome = Object.freeze({ skipped: false, parsed: false, findings: [], suppressed: 0, unused: [] });
export const SKIPPED: FileOutcome = Object.freeze({ skipped: true, parsed: false, findings: [], suppressed: 0, unused: [] });
const PLAIN: Record<string, FileOutcome> = { n: NOTHING, s: SKIPPED };

function plainCode(outcome: FileOutcome): string | undefined {
  if (outcome.parsed || outcome.sdkV1 || outcome.defines || outcome.dependencies || outcome.handsSessionTo || outcome.handsContextTo || outcome.findings.length > 0 || outcome.error !== undefined || outcome.suppressed > 0 || outcome.unused.length > 0) return undefined;
  return outcome.skipped ? 's' : 'n';
}

/** A file's metadata and outcome, and the metadata of the files that outcome depends on (FileOutcome.dependencies). */
type Stored = [meta: string, outcome: string | FileOutcome, dependencies?: Array<[absolute: string, meta: string]>];

interface CacheFile {
  format: number;
  fingerprint: string;
  entries: Record<string, Stored>;
}

/** The metadata that must be unchanged for a file's outcome to be replayed. */
function metadataKey(stat: fs.Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.dev}`;
}

/** A file's metadata now, or undefined when it is gone or cannot be looked at. */
export function statOf(absolute: string): fs.Stats | undefined {
  try {
    return fs.statSync(absolute, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A dependency's metadata now ('' when it is gone). */
function metadataOf(absolute: string): string {
  const stat = statOf(absolute);
  return stat ? metadataKey(stat) : '';
}

let ownCode: string | undefined;

/**
 * Names the scanner's own code: the size and time of every module under the folder this one
 * lives in (the compiled `dist/src`, or `src` when run from sources), so a rebuilt scanner does
 * not replay a stale result even when its version number did not change.
 */
function ownCodeFingerprint(): string {
  if (ownCode !== undefined) return ownCode;
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?[jt]s$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        try {
          const stat = fs.statSync(full);
          hash.update(`${full}\0${stat.size}\0${stat.mtimeMs}\n`);
        } catch {
          hash.update(`${full}\0?\n`);
        }
      }
    }
  };
  walk(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  ownCode = hash.digest('hex');
  return ownCode;
}

/** A root not scanned for this long loses its cache file (checked whenever a cache is written). */
const STALE_AFTER_MS = 30 * 24 * 3600 * 1000;

/** Removes the result caches of roots not scanned for STALE_AFTER_MS (temporary checkouts, old clones). */
function removeStale(directory: string, now: number): void {
  sweepCacheFolder(directory, (name, file) => /^results-[0-9a-f]+\.json$/.test(name) && now - fs.statSync(file).mtimeMs > STALE_AFTER_MS);
}

export class ResultCache {
  /**
   * Files whose modification or status-change time is this close to the scan's start (or later)
   * are not recorded. Tests set it to 0 to record the files they have just written.
   */
  static racyWindowMs = 2000;

  private readonly entries: Map<string, Stored>;
  /** The files this scan looked up or recorded. */
  private readonly seen = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    entries: Map<string, Stored>,
    /** Wall-clock time the scan started (ms since the epoch), for the racy window. */
    private readonly startedAt: number,
  ) {
    this.entries = entries;
  }

  /**
   * The cache of the scans of `root` with this configuration, or undefined when caching is off.
   * `fingerprint` names everything besides a file's own bytes and path that its results depend on.
   */
  static open(root: string, fingerprint: string, directory = cacheDirectory()): ResultCache | undefined {
    if (!directory) return undefined;
    const startedAt = Date.now();
    const name = createHash('sha256').update(root).digest('hex').slice(0, 24);
    const file = path.join(directory, `results-${name}.json`);
    const full = `${FORMAT}\0${fingerprint}\0${ownCodeFingerprint()}`;
    let entries = new Map<string, Stored>();
    const bytes = readOwnFile(file);
    if (bytes) {
      try {
        const data = JSON.parse(bytes.toString('utf8')) as CacheFile;
        if (data.format === FORMAT && data.fingerprint === full && data.entries && typeof data.entries === 'object') entries = new Map(Object.entries(data.entries));
        fs.utimesSync(file, startedAt / 1000, startedAt / 1000); // in use: not stale (see removeStale)
      } catch {
        // a corrupt cache is an empty one
      }
    }
    return new ResultCache(file, full, entries, startedAt);
  }

  /** Nothing recorded yet: lookups cannot hit, and the scan need not stat files for them. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The recorded outcome of `absolute` if its metadata is what it was when recorded. */
  lookup(absolute: string, stat: fs.Stats): FileOutcome | undefined {
    this.seen.add(absolute);
    const stored = this.entries.get(absolute);
    if (!stored || !Array.isArray(stored) || stored[0] !== metadataKey(stat)) return undefined;
    if (Array.isArray(stored[2]) && !stored[2].every(([file, meta]) => metadataOf(file) === meta)) return undefined;
    const outcome = stored[1];
    if (typeof outcome === 'string') return PLAIN[outcome];
    return outcome && typeof outcome === 'object' && Array.isArray(outcome.findings) && Array.isArray(outcome.unused) ? outcome : undefined;
  }

  /** Records what a file gave this scan; `stat` is the metadata it had when it was read. */
  record(absolute: string, stat: fs.Stats, outcome: FileOutcome): void {
    this.seen.add(absolute);
    const racy = (s: fs.Stats) => Math.max(s.mtimeMs, s.ctimeMs) >= this.startedAt - ResultCache.racyWindowMs;
    const dependencies = (outcome.dependencies ?? []).map((file) => {
      const s = statOf(file);
      return [file, s && !racy(s) ? metadataKey(s) : undefined] as const;
    });
    if (racy(stat) || dependencies.some(([, meta]) => meta === undefined)) {
      this.forget(absolute);
      return;
    }
    const stored: Stored = [metadataKey(stat), plainCode(outcome) ?? outcome];
    if (dependencies.length > 0) stored.push(dependencies as Array<[string, string]>);
    this.entries.set(absolute, stored);
    this.dirty = true;
  }

  /** Drops what was recorded for a file (it could not be read this time). */
  forget(absolute: string): void {
    if (this.entries.delete(absolute)) this.dirty = true;
  }

  /**
   * Writes the cache if this scan changed it (atomically; quietly does nothing on failure).
   * `complete`: the scan walked the whole root, so files it did not see are gone (or now ignored)
   * and their entries are dropped; a scan of part of the root keeps the others.
   */
  save(complete: boolean): void {
    if (complete) {
      for (const absolute of this.entries.keys()) if (!this.seen.has(absolute)) this.forget(absolute);
    }
    if (!this.dirty) return;
    const data: CacheFile = { format: FORMAT, fingerprint: this.fingerprint, entries: Object.fromEntries(this.entries) };
    writeCacheFile(this.file, Buffer.from(JSON.stringify(data)));
    this.dirty = false;
    removeStale(path.dirname(this.file), this.startedAt);
  }
}
