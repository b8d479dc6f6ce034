/**
 * codemods/lib/style: what a rewrite added ends and quotes like the file's own code, and nothing
 * it did not add changes.
 */
import { describe, expect, it } from 'vitest';
import { matchQuotes, matchSemicolons, usesSemicolons } from '../codemods/lib/style.js';
import { parseFile } from '../src/analysis/parse.js';

const STANDARD = "import express from 'express'\n\nconst app = express()\napp.use(express.json())\n\napp.listen(3000)\n";

describe('matchSemicolons', () => {
  it('drops the semicolons of added statements in a file without them', () => {
    const after = "import express from 'express'\nimport { z } from 'zod';\n\nconst app = express()\nconst handler = makeHandler();\napp.use(express.json())\n\napp.listen(3000)\n";
    expect(matchSemicolons(STANDARD, after, 'server.ts')).toBe(
      "import express from 'express'\nimport { z } from 'zod'\n\nconst app = express()\nconst handler = makeHandler()\napp.use(express.json())\n\napp.listen(3000)\n",
    );
  });

  it('keeps a semicolon the next line would otherwise continue, or with more code on its line', () => {
    const after = "import express from 'express'\n\nconst app = express()\nconst list = items();\n[1, 2].forEach(print)\nstart(); stop()\napp.use(express.json())\n\napp.listen(3000)\n";
    expect(matchSemicolons(STANDARD, after, 'server.ts')).toBe(
      "import express from 'express'\n\nconst app = express()\nconst list = items();\n[1, 2].forEach(print)\nstart(); stop()\napp.use(express.json())\n\napp.listen(3000)\n",
    );
    const call = "import express from 'express'\n\nconst app = express()\nconst f = make();\n(async () => f())()\napp.use(express.json())\n\napp.listen(3000)\n";
    expect(matchSemicolons(STANDARD, call, 'server.ts')).toBe(call);
  });

  it('leaves files written with semicolons, and lines the rewrite did not add', () => {
    const semi = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";
    const semiAfter = "import express from 'express';\nimport { z } from 'zod';\nconst app = express();\napp.listen(3000);\n";
    expect(matchSemicolons(semi, semiAfter, 'server.ts')).toBe(semiAfter);
    // A standard-style file's own guard semicolon and a for header stay.
    const guarded = "const a = 1\nconst b = 2\n;[a, b].forEach(print)\nfor (let i = 0; i < 3; i++) print(i)\nlog(a)\n";
    const guardedAfter = guarded.replace('log(a)\n', 'log(a)\nlog(b);\n');
    expect(matchSemicolons(guarded, guardedAfter, 'x.ts')).toBe(guarded.replace('log(a)\n', 'log(a)\nlog(b)\n'));
  });

  it('tells the style only from enough statements', () => {
    expect(usesSemicolons(parseFile(STANDARD, 'a.ts'))).toBe(false);
    expect(usesSemicolons(parseFile("import a from 'a';\nconst b = a();\nb.run();\n", 'a.ts'))).toBe(true);
    expect(usesSemicolons(parseFile('run()\n', 'a.ts'))).toBeUndefined();
    // Two, an import and an export written without (a module of re-exported types), are enough.
    const reExport = "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'\n\nexport type { McpServer }\n";
    expect(usesSemicolons(parseFile(reExport, 'a.ts'))).toBe(false);
    expect(matchSemicolons(reExport, reExport.replace("'@modelcontextprotocol/sdk/server/mcp.js'", "'@modelcontextprotocol/server';"), 'a.ts')).toBe(reExport.replace('@modelcontextprotocol/sdk/server/mcp.js', '@modelcontextprotocol/server'));
    // Too few statements to tell: what the rewrite wrote stays as written.
    expect(matchSemicolons('run()\n', 'run()\nstop();\n', 'a.ts')).toBe('run()\nstop();\n');
  });
});

describe('matchQuotes', () => {
  const doubled = 'import { Server } from "@modelcontextprotocol/server";\nconst server = new Server({ name: "x", version: "1" });\nconsole.log("ready");\n';
  it("turns the single-quoted strings a rewrite added into double-quoted ones in a double-quoted file", () => {
    const after = doubled.replace('console.log("ready");', "server.setRequestHandler('tools/list', list);\nconsole.log(\"ready\");");
    expect(matchQuotes(doubled, after, 'a.ts')).toBe(doubled.replace('console.log("ready");', 'server.setRequestHandler("tools/list", list);\nconsole.log("ready");'));
  });

  it("leaves strings with quotes or escapes, lines the rewrite did not add, and single-quoted files", () => {
    const own = doubled.replace('console.log("ready");', "console.log('kept');");
    const after = own.replace("console.log('kept');", "console.log('kept');\nsay('it\\'s', 'say \"hi\"');");
    expect(matchQuotes(own, after, 'a.ts')).toBe(after);
    // A module specifier keeps the quotes the file's imports have.
    const mixed = "import a from 'a';\nconst b = \"b\";\nconst c = \"c\";\n";
    expect(matchQuotes(mixed, `${mixed}import d from 'd';\n`, 'a.ts')).toBe(`${mixed}import d from 'd';\n`);
    const single = "import a from 'a';\nconst b = 'b';\n";
    expect(matchQuotes(single, `${single}const c = 'c';\n`, 'a.ts')).toBe(`${single}const c = 'c';\n`);
  });

  it('keeps the single quotes of a line the rewrite changed that had them (a CORS list rewritten in its setHeader call)', () => {
    const mixedLines = `${doubled}res.setHeader('Access-Control-Allow-Headers', 'content-type, mcp-session-id');\n`;
    const after = mixedLines.replace("'content-type, mcp-session-id'", "'content-type, mcp-method, mcp-name'");
    expect(matchQuotes(mixedLines, after, 'a.ts')).toBe(after);
  });
});
