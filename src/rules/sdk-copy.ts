/**
 * A copy of the MCP SDK kept in the project's sources (a port of its server, transports and
 * Protocol into `src/libs/mcp-server`, say): the SDK's internals, which the code rules would read
 * as the application's own use of it (its transport's `this.sessionIdGenerator = ...`, its
 * capability check's `case 'initialize':`, its schema definitions). A project rule: the copy is
 * told by what several of its files define, and its one finding replaces the others in its folder.
 */
import { inFolder } from '../io.js';
import { lineMapper, type RangeMapper } from '../scan/lines.js';
import { SPEC, type Definition, type ProjectFile, type ProjectRule } from './types.js';

/**
 * What a copy of the SDK defines: its Protocol base class, its server and transport classes, and
 * its latest protocol version. TypeScript sources and compiled JavaScript alike (`export abstract
 * class Protocol<`, `class McpServer {`, `exports.LATEST_PROTOCOL_VERSION = '2025-06-18'`).
 */
const DEFINITION =
  /\bclass\s+(Protocol|McpServer|StreamableHTTPServerTransport|WebStandardStreamableHTTPServerTransport|SSEServerTransport|StdioServerTransport|StreamableHTTPClientTransport|SSEClientTransport)\b|\b(LATEST_PROTOCOL_VERSION)\s*=\s*['"`](\d{4}-\d{2}-\d{2})['"`]/g;

/** The revision a copy at this latest version or later serves. */
const MODERN = '2026-07-28';

/** How far above the file defining Protocol a copy's folder may be (`shared/protocol.ts` in `mcp-server/`). */
const LEVELS_UP = 2;

/** Where the SDK keeps its Protocol class, in its sources and its compiled output. */
const SDK_PROTOCOL_FILE = /(^|\/)shared\/protocol\.[cm]?[jt]s$/;

/** The SDK definitions in a code file's text, each where it starts (1-based). */
export function sdkDefinitions(text: string): Definition[] {
  // Most code defines none of them: a test of the text first (every definition names the
  // constant, or is a class whose name holds Protocol, McpServer or Transport).
  if (!text.includes('LATEST_PROTOCOL_VERSION') && !(text.includes('class') && (text.includes('Protocol') || text.includes('McpServer') || text.includes('Transport')))) return [];
  const found: Definition[] = [];
  let lines: RangeMapper | undefined;
  for (const match of text.matchAll(DEFINITION)) {
    const { line, column } = (lines ??= lineMapper(text)).position(match.index);
    found.push(match[1] ? { name: match[1], line, column } : { name: match[2], line, column, value: match[3] });
  }
  return found;
}

/** One copy of the SDK: its folder (`/`-separated, relative; never the scanned root) and where its latest protocol version is defined. */
export interface SdkCopy {
  folder: string;
  /** Where LATEST_PROTOCOL_VERSION is defined, and its value. */
  file: string;
  line: number;
  column: number;
  version: string;
  /** The SDK classes it defines, in the order first found. */
  classes: string[];
}

/** The folder holding a path ('' at the top). */
const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * The copies of the SDK among the files: the lowest folder, at most LEVELS_UP above a file that
 * defines the Protocol class, whose files define Protocol, LATEST_PROTOCOL_VERSION and the SDK's
 * server, client or transport classes too: two of them, or one where Protocol sits in the SDK's
 * own place for it (`shared/protocol.ts`). A project's own class named McpServer, or its own
 * LATEST_PROTOCOL_VERSION, is not a copy, nor is its own Protocol beside them in one file of a
 * folder; and a copy is never the scanned folder itself (a whole run is the user's own code: a
 * hand-written server of theirs, review of trial 37C's fix), nor a folder holding one found already.
 */
export function sdkCopies(files: readonly ProjectFile[]): SdkCopy[] {
  const defining = files.filter((f) => f.defines.length > 0);
  const copies: SdkCopy[] = [];
  for (const base of defining.filter((f) => f.defines.some((d) => d.name === 'Protocol'))) {
    if (copies.some((c) => inFolder(base.path, c.folder))) continue;
    let folder = parentOf(base.path);
    const sdkPlace = SDK_PROTOCOL_FILE.test(base.path);
    for (let up = 0; up <= LEVELS_UP && folder !== ''; up++, folder = parentOf(folder)) {
      if (copies.some((c) => inFolder(c.folder, folder))) break;
      const within = defining.filter((f) => inFolder(f.path, folder));
      const definitions = within.flatMap((f) => f.defines.map((d) => ({ ...d, file: f.path })));
      const latest = definitions.find((d) => d.name === 'LATEST_PROTOCOL_VERSION');
      const classes = [...new Set(definitions.filter((d) => d.value === undefined && d.name !== 'Protocol').map((d) => d.name))];
      if (latest && (classes.length > 1 || (classes.length === 1 && sdkPlace))) {
        copies.push({ folder, file: latest.file, line: latest.line, column: latest.column, version: latest.value!, classes });
        break;
      }
    }
  }
  return copies;
}

export const sdkCopy: ProjectRule = {
  target: 'project',
  id: 'sdk-copy',
  category: 'protocol-pin',
  severity: 'error',
  title: 'A copy of the MCP SDK in the sources',
  why:
    "A copy of the SDK kept in the project's own folders (its Protocol, server or client, and transports) does not move when the SDK does: " +
    'a copy made for 2025 revisions speaks their handshake and session header, and cannot serve or send 2026-07-28 requests. ' +
    "Its code is the SDK's internals, not the application's use of it, so mcp-migrate does not report it line by line.",
  fix: {
    manual:
      'Replace the copy with the SDK packages (for 2026-07-28, @modelcontextprotocol/server, or /client for a client) and import from them, or bring the 2026-07-28 revision into the copy yourself. ' +
      'Turn this rule off (`rules: { "sdk-copy": "off" }`) to have the copy scanned as your own code.',
  },
  docs: `${SPEC}/basic/versioning`,
  keywords: ['latest_protocol_version'],
  definitions: sdkDefinitions,
  // A copy's types and its Protocol may name no MCP (MCP_MARKER); its server and transports do.
  anchors: ['LATEST_PROTOCOL_VERSION', 'class Protocol'],
  covers: 'a copy of the MCP SDK',
  check(files, report) {
    for (const copy of sdkCopies(files)) {
      const where = `${copy.folder}/`;
      const classes = copy.classes.slice(0, 3).join(', ') + (copy.classes.length > 3 ? ', ...' : '');
      const modern = copy.version >= MODERN;
      report({
        file: copy.file,
        line: copy.line,
        column: copy.column,
        folder: copy.folder,
        severity: modern ? 'info' : undefined,
        message: `A copy of the MCP SDK (Protocol, ${classes}) is kept in ${where}, at protocol ${copy.version}: ${modern ? '' : 'it speaks 2025 revisions only, and '}its code is the SDK's, not reported line by line`,
      });
    }
  },
};
