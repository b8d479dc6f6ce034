#!/usr/bin/env node
// Regenerates the rule and codemod tables in README.md from the registries (run after `npm run build`).
// `node scripts/docs.mjs --check` exits 1 when README.md is out of date (the test suite runs it).
import fs from 'node:fs';
import { allRules } from '../dist/src/rules/index.js';
import { codemods } from '../dist/codemods/index.js';

const readme = new URL('../README.md', import.meta.url);
const escape = (s) => s.replace(/\|/g, '\\|');
const rules = [
  '| Rule | Category | Severity | Finds | Fix |',
  '|---|---|---|---|---|',
  ...allRules.map((r) => `| \`${r.id}\` | \`${r.category}\` | ${r.severity} | ${escape(r.title)} | ${r.fix.codemod && codemods.some((c) => c.id === r.fix.codemod) ? `\`fix\` (${r.fix.codemod})` : 'manual'} |`),
].join('\n');
const mods = [
  '| Codemod | Target | What it does |',
  '|---|---|---|',
  ...codemods.map((c) => `| \`${c.id}\` | ${c.target} | ${escape(c.title)} |`),
].join('\n');

function replace(text, name, table) {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README.md has no ${name} markers`);
  return text.replace(re, `$1${table}$2`);
}

const before = fs.readFileSync(readme, 'utf8');
const after = replace(replace(before, 'rules', rules), 'codemods', mods);
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('README.md tables are out of date: run `npm run build && node scripts/docs.mjs`');
    process.exit(1);
  }
} else fs.writeFileSync(readme, after);
