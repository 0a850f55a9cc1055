import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyTestDatabase, type EmptyTestDatabase, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../src/cli/seed-command.js';

function capture(isTTY = false) {
  let text = '';
  return { output: { isTTY, write: (chunk: string) => (text += chunk) }, text: () => text };
}

/** A data directory as the data set ships: a LICENSE and README beside a folder of category files. */
function dataDirectory(): string {
  const root = mkdtempSync(join(tmpdir(), 'kf-seed-'));
  writeFileSync(join(root, 'LICENSE'), 'Attribution-ShareAlike 4.0 International\n');
  writeFileSync(join(root, 'README.md'), 'Each question is a block:\n\n    #Q the question text\n');
  mkdirSync(join(root, 'categories'));
  const stray = Array.from({ length: 30 }, (_, i) => `stray line ${i}`).join('\n');
  writeFileSync(
    join(root, 'categories', 'animals'),
    [
      stray,
      '#Q Which animal does not hibernate?\n^ Sloth\nA Mouse\nB Sloth\n',
      '#Q Snakes are deaf.\n^ True\nA True\nB False\n',
      '#Q What do skunks eat?\n^ All of these\nA Insects\nB All of these\n',
      '#Q Odd one out?\n^ Zinc\nA Tin\nB Lead\n',
    ].join('\n'),
  );
  return root;
}

describe.each(testDialects())('the seed command on %s', (dialect) => {
  let database: EmptyTestDatabase;
  let root: string;

  const seed = async (argv: string[], isTTY = false) => {
    const stdout = capture(isTTY);
    const stderr = capture();
    const code = await runSeed(argv, {
      env: { DATABASE_URL: database.url, NODE_ENV: 'test' },
      cwd: root,
      stdout: stdout.output,
      stderr: stderr.output,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  beforeAll(async () => {
    database = await createEmptyTestDatabase(dialect);
    root = dataDirectory();
  });

  afterAll(async () => {
    await database.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('imports a directory with its subdirectories, and sums up by kind, by reason and skipped file', async () => {
    const { code, stdout } = await seed(['.']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(mode add\)/);
    expect(stdout).toMatch(/^read +34$/m);
    expect(stdout).toMatch(/^imported +3$/m);
    expect(stdout).toMatch(/^ {2}free_text +1$/m);
    expect(stdout).toMatch(/^ {2}true_false +1$/m);
    expect(stdout).toMatch(/^ {2}needs_options +1$/m);
    expect(stdout).toMatch(/^ {2}malformed_block +30$/m);
    expect(stdout).toMatch(/^ {2}answer_not_in_options +1$/m);
    expect(stdout).toMatch(/^ {2}LICENSE: no line starts with #Q/m);
    expect(stdout).toMatch(/^ {2}README\.md: no line starts with #Q/m);
  });

  it('with --if-empty, fills an empty bank and leaves one that holds questions alone', async () => {
    const empty = await createEmptyTestDatabase(dialect);
    const seedInto = async (argv: string[]) => {
      const stdout = capture();
      const code = await runSeed(argv, {
        env: { DATABASE_URL: empty.url, NODE_ENV: 'test' },
        cwd: root,
        stdout: stdout.output,
        stderr: capture().output,
      });
      return { code, stdout: stdout.text() };
    };
    try {
      const first = await seedInto(['--if-empty', 'categories']);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^imported +3$/m);
      const again = await seedInto(['--if-empty', 'categories']);
      expect(again).toEqual({
        code: 0,
        stdout: 'the bank already holds 3 questions: nothing seeded (--if-empty)\n',
      });
      const asJson = await seedInto(['--if-empty', '--json', 'categories']);
      expect(JSON.parse(asJson.stdout)).toEqual({ skipped: 'the bank is not empty', stored: 3 });
    } finally {
      await empty.dispose();
    }
  });

  it('prints the first rejections and writes them all to a file under .data/, saying where', async () => {
    const { stdout } = await seed(['categories']);
    const printed = stdout.match(/^ {2}rejected\t/gm) ?? [];
    expect(printed).toHaveLength(20);
    const [, reportFile] = /every rejected block, warning and skipped file: (.+)$/m.exec(stdout) ?? [];
    expect(reportFile).toMatch(/\.data\/seed-report-[\w-]+\.tsv$/);
    expect(readdirSync(join(root, '.data')).map((name) => join(root, '.data', name))).toContain(reportFile);
    const lines = readFileSync(reportFile ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(lines.filter((line) => line.startsWith('rejected\t'))).toHaveLength(31);
    expect(lines).toContain('rejected\tanimals:46\tanswer_not_in_options\tOdd one out?');
  });

  it('writes every rejection to the file --report names', async () => {
    const { stdout } = await seed(['--report', 'out/all.tsv', '.']);
    expect(stdout).toMatch(/^imported +0$/m);
    const lines = readFileSync(join(root, 'out', 'all.tsv'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.filter((line) => line.startsWith('rejected\t'))).toHaveLength(31);
    expect(lines).toContain('rejected\tcategories/animals:1\tmalformed_block\tstray line 0');
    expect(lines.filter((line) => line.startsWith('skipped\t'))).toEqual([
      'skipped\tLICENSE\tno line starts with #Q: not an OpenTriviaQA question file',
      'skipped\tREADME.md\tno line starts with #Q: not an OpenTriviaQA question file',
    ]);
  });

  it('replaces a theme with --mode replace', async () => {
    const file = join(root, 'replacement', 'animals');
    mkdirSync(join(root, 'replacement'));
    writeFileSync(
      file,
      '#Q Which animal does not hibernate?\n^ Sloth\n\n#Q Fastest land animal?\n^ Cheetah\n',
    );
    const { stdout } = await seed(['--mode', 'replace', '--json', file]);
    expect(JSON.parse(stdout)).toMatchObject({
      imported: 1,
      duplicates: 1,
      deactivated: 1,
      reportFile: null,
    });
  });

  it('shows progress as plain lines in a log and as one line rewritten in place on a terminal', async () => {
    const plain = await seed(['categories']);
    expect(plain.stdout).toMatch(/^parsed 1\/1 files: animals$/m);
    expect(plain.stdout).toMatch(/^wrote 1\/1 themes: animals \(0 new\)$/m);
    const terminal = await seed(['categories'], true);
    expect(terminal.stdout).toContain('\r\u001b[2Kparsed 1/1 files: animals\r\u001b[2Kwrote 1/1 themes');
  });

  it.each([
    [['--mode', 'merge'], /--mode: expected add or replace, got "merge"/],
    [['a', 'b'], /one PATH at most/],
    [['--wat'], /Unknown option/],
  ])('refuses %j with the usage and exit code 2', async (argv, message) => {
    const { code, stderr } = await seed(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: seed/);
  });

  it('refuses a path that does not exist', async () => {
    const { code, stderr } = await seed(['nowhere']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no such file or directory/);
  });
});
