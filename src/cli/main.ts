/**
 * Command-line wiring only: parse options, call the command functions, hand results to a
 * reporter, choose the exit code. No scanning or formatting logic lives here.
 *
 * Exit codes (stable, for CI):
 *   0  no finding at or above --fail-on
 *   1  findings at or above --fail-on
 *   2  usage error, missing path, or nothing could be scanned
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CATEGORY_IDS, isSeverity, severityRank, type ScanResult, type Severity } from '../model.js';
import { allRules } from '../rules/index.js';
import { PathError } from '../scan/files.js';
import { scan, type ScanOptions } from '../scan/scanner.js';
import { formatJson } from '../report/json.js';
import { formatPretty } from '../report/pretty.js';
import { TOOL_VERSION } from '../version.js';
import { colorsFor } from './colors.js';
import { progressReporter } from './progress.js';

export type FailOn = Severity | 'none';

const FORMATS = ['pretty', 'json'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new InvalidArgumentError('expected error, warning, info or none');
}

function parseSize(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new InvalidArgumentError('expected a size in megabytes, e.g. 2 or 0.5');
  return Math.round(mb * 1024 * 1024);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Whether findings reach the --fail-on threshold. */
export function failsAt(result: ScanResult, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold);
}

interface ScanCliOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  color?: boolean;
  progress?: boolean;
  frames?: boolean;
}

function writeOutput(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  const target = path.resolve(output);
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, target);
}

async function runScan(paths: string[], options: ScanCliOptions): Promise<number> {
  const progress = options.progress === false ? undefined : progressReporter(process.stderr);
  const scanOptions: ScanOptions = {
    paths: paths.length > 0 ? paths : ['.'],
    include: options.include,
    exclude: options.exclude,
    maxFileBytes: options.maxFileSize,
    onProgress: progress?.update,
  };
  let result: ScanResult;
  try {
    result = await scan(scanOptions);
  } finally {
    progress?.done();
  }
  const colors = colorsFor(options.output ? ({ isTTY: false } as NodeJS.WriteStream) : process.stdout, options.color);
  const text = options.format === 'json' ? formatJson(result) : formatPretty(result, colors, { frames: options.frames });
  writeOutput(text, options.output);
  if (options.output && options.format !== 'pretty') {
    const err = colorsFor(process.stderr, options.color);
    process.stderr.write(`${err.dim(`mcp-migrate: wrote ${options.format} to ${options.output}`)}\n`);
  }
  if (result.summary.filesScanned === 0) {
    if (options.format === 'json' || options.output) {
      process.stderr.write(`mcp-migrate: nothing could be scanned under ${paths.join(' ') || '.'}\n`);
    } else if (result.summary.filesMatched === 0) {
      process.stderr.write(`mcp-migrate: no TypeScript/JavaScript or deployment config files found under ${paths.join(' ') || '.'}\n`);
    }
    return 2;
  }
  return failsAt(result, options.failOn) ? 1 : 0;
}

function ruleList(): string {
  const width = Math.max(...allRules.map((r) => r.id.length));
  return allRules.map((r) => `  ${r.id.padEnd(width)}  ${r.category.padEnd(18)} ${r.severity.padEnd(7)} ${r.title}`).join('\n');
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('mcp-migrate')
    .description('Find and fix the stateful assumptions that break MCP servers under the stateless revision 2026-07-28.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run mcp-migrate --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, missing path, or nothing could be scanned

Environment:
  NO_COLOR   disables colours (so do --no-color and a non-TTY output)

Docs: https://modelcontextprotocol.io/specification/2026-07-28`,
    );

  program
    .command('scan')
    .description('Scan code and deployment config for stateful MCP assumptions and print the inventory.')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('pretty'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity: error, warning, info or none').argParser(parseFailOn).default('error'))
    .option('--include <glob>', 'only scan files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob, on top of .gitignore and the defaults (repeatable)', collect)
    .addOption(new Option('--max-file-size <mb>', 'skip files larger than this many megabytes').argParser(parseSize))
    .option('--no-frames', 'do not print code frames under each finding')
    .option('--no-progress', 'do not show the progress line on a terminal')
    .option('--no-color', 'disable colours')
    .addHelpText(
      'after',
      `
By default node_modules, build output (dist, build, out, .next ...), *.d.ts and minified bundles are
skipped, and .gitignore files are honoured at every level.

Suppress a finding with a comment on its line or the line above:
  // mcp-migrate-ignore <rule-or-category> -- reason

Categories: ${CATEGORY_IDS.join(', ')}

Rules:
${ruleList()}`,
    )
    .action(async (paths: string[], options: ScanCliOptions) => {
      program.setOptionValue('exitCode', await runScan(paths, options));
    });

  return program;
}

/** Runs the CLI and resolves with the exit code; never throws for user errors. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeErr: (text) => process.stderr.write(text),
    writeOut: (text) => process.stdout.write(text),
  });
  for (const command of program.commands) command.exitOverride();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(argv);
    return (program.getOptionValue('exitCode') as number | undefined) ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof PathError || error instanceof UsageError) {
      process.stderr.write(`mcp-migrate: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`mcp-migrate: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.MCP_MIGRATE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}
