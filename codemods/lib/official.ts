/**
 * The official `@modelcontextprotocol/codemod` (v1 → v2 SDK surface: imports, symbols,
 * registerTool, handler strings, extra → ctx) used as a library, one file at a time, in memory.
 * We do not re-implement it: we run its own transforms, in its own order, on a ts-morph source
 * file, so `fix --dry-run` can show its edits and our runner writes them atomically with ours.
 * Its "action required" diagnostics become our TODO(mcp-migrate) markers.
 */
import { getMigration } from '@modelcontextprotocol/codemod';
import { Project, type ts as TS } from 'ts-morph';
import { walk } from '../../src/analysis/ast.js';
import { parseFile, scriptKindFor } from '../../src/analysis/parse.js';
import { ts } from '../../src/analysis/typescript.js';
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

/** Local names the file's import declarations bind, with the module each comes from. */
function importedNames(sourceFile: TS.SourceFile): Map<string, { module: string }> {
  const names = new Map<string, { module: string }>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const where = { module: statement.moduleSpecifier.text };
    const { name, namedBindings } = statement.importClause;
    if (name) names.set(name.text, where);
    if (namedBindings && ts.isNamespaceImport(namedBindings)) names.set(namedBindings.name.text, where);
    if (namedBindings && ts.isNamedImports(namedBindings)) for (const element of namedBindings.elements) names.set(element.name.text, where);
  }
  return names;
}

/** Whether `node` is the name a declaration introduces (not a use of it). */
function isDeclarationName(node: TS.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) ||
      ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent) || ts.isEnumDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) ||
      ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) &&
    (parent as TS.NamedDeclaration).name === node
  );
}

/**
 * The official codemod removes some imports outright (v1 experimental tasks: "No v2 equivalent")
 * and reports that as a warning it does not write into the file, while the code that uses those
 * names stays: the file no longer compiles and nothing in it says why. For every name an import
 * bound before the migration that nothing binds after it but the code still uses, a marker at its
 * first use. A name declared anywhere in the migrated file is left alone (no false alarm).
 */
function danglingNames(before: string, after: string, path: string): Marker[] {
  const lost = importedNames(parseFile(before, path));
  const migrated = parseFile(after, path);
  for (const name of importedNames(migrated).keys()) lost.delete(name);
  if (lost.size === 0) return [];
  const firstUse = new Map<string, TS.Identifier>();
  walk(migrated, (node) => {
    if (!ts.isIdentifier(node) || !lost.has(node.text)) return undefined;
    if (isDeclarationName(node)) {
      lost.delete(node.text); // declared in the file after all: its own binding, not a dangling import
      firstUse.delete(node.text);
      return undefined;
    }
    const parent = node.parent;
    const notAUse =
      (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
      (ts.isQualifiedName(parent) && parent.right === node) ||
      // `export { Renamed as Old }` names what the module exports; `import { Remote as Local }` what it imports.
      (ts.isExportSpecifier(parent) && parent.propertyName !== undefined && parent.name === node) ||
      (ts.isImportSpecifier(parent) && parent.propertyName === node) ||
      ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === node);
    if (!notAUse && !firstUse.has(node.text)) firstUse.set(node.text, node);
    return undefined;
  });
  const markers: Marker[] = [];
  for (const [name, use] of firstUse) {
    const where = lost.get(name);
    if (!where) continue;
    markers.push({
      line: migrated.getLineAndCharacterOfPosition(use.getStart(migrated)).line + 1,
      message: `official v1→v2 codemod: removed the import of ${name} from '${where.module}', but this file still uses it: remove this use or import its v2 replacement`,
      link: UPGRADE_GUIDE,
    });
  }
  return markers;
}

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
    if (result.text !== text) result.markers.push(...danglingNames(text, result.text, path));
  } finally {
    project.removeSourceFile(sourceFile);
  }
  return result;
}
