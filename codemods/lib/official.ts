/**
 * The official `@modelcontextprotocol/codemod` (v1 → v2 SDK surface: imports, symbols,
 * registerTool, handler strings, extra → ctx) used as a library, one file at a time, in memory.
 * We do not re-implement it: we run its own transforms, in its own order, on a ts-morph source
 * file, so `fix --dry-run` can show its edits and our runner writes them atomically with ours.
 * Its "action required" diagnostics become our TODO(mcp-migrate) markers.
 */
import { getMigration } from '@modelcontextprotocol/codemod';
import { Project } from 'ts-morph';
import { scriptKindFor } from '../../src/analysis/parse.js';
import type { Change, Marker } from '../types.js';

const UPGRADE_GUIDE = 'https://github.com/modelcontextprotocol/typescript-sdk/blob/main/docs/migration/upgrade-to-v2.md';

export interface SurfaceResult {
  text: string;
  changes: Change[];
  markers: Marker[];
  /** v2 packages the migrated file imports (for package.json). */
  usedPackages: Set<string>;
}

let project: Project | undefined;


export function migrateSurface(text: string, path: string): SurfaceResult {
  const result: SurfaceResult = { text, changes: [], markers: [], usedPackages: new Set() };
  if (!/@modelcontextprotocol\/sdk/.test(text)) return result;
  const migration = getMigration('v1-to-v2');
  if (!migration) throw new Error('the official v1-to-v2 migration is missing from @modelcontextprotocol/codemod');
  project ??= new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const name = `/virtual/${path.replace(/^\/+/, '')}`;
  const sourceFile = project.createSourceFile(name, text, { overwrite: true, scriptKind: scriptKindFor(path) });
  try {
    for (const transform of migration.transforms) {
      const outcome = transform.apply(sourceFile, { projectType: 'server' });
      if (outcome.changesCount > 0) {
        result.changes.push({ line: 1, description: `official v1→v2 codemod: ${transform.name} (${outcome.changesCount} edit${outcome.changesCount === 1 ? '' : 's'})`, safety: 'safe' });
      }
      for (const pkg of outcome.usedPackages ?? []) result.usedPackages.add(pkg);
      for (const d of outcome.diagnostics) {
        if (!d.insertComment) continue;
        const line = d.resolveCurrentLine ? d.resolveCurrentLine() : d.line;
        result.markers.push({ line, message: `official v1→v2 codemod: ${d.message}`, link: UPGRADE_GUIDE });
      }
    }
    result.text = sourceFile.getFullText();
  } finally {
    project.removeSourceFile(sourceFile);
  }
  return result;
}
