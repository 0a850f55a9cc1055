import { describe, expect, it } from 'vitest';
import { humanizeLogLine, prefixFor } from '../src/launcher/log-format.js';
import { parseLauncherArguments, UsageError } from '../src/launcher/options.js';

describe('launcher output', () => {
  it.each([
    [
      '{"level":"info","time":"2026-11-24T16:11:30.388Z","service":"game-service","message":"listening","port":3001}',
      '16:11:30 INFO  listening port=3001',
    ],
    [
      '{"level":"error","time":"2026-11-24T01:02:03.000Z","msg":"boom","err":{"type":"Error"}}',
      '01:02:03 ERROR boom err={"type":"Error"}',
    ],
    ['plain text from a child', 'plain text from a child'],
    ['{ not json', '{ not json'],
    ['[1,2]', '[1,2]'],
  ])('renders %s', (line, expected) => {
    expect(humanizeLogLine(line)).toBe(expected);
  });

  it('prefixes lines with the service, colored only on a terminal', () => {
    expect(prefixFor('game', 0, 11, false)).toBe('game        | ');
    const ansiEscape = String.fromCharCode(27);
    expect(prefixFor('game', 0, 4, true)).toBe(`${ansiEscape}[36mgame |${ansiEscape}[0m `);
  });
});

describe('launcher arguments', () => {
  it('starts all seven by default', () => {
    expect(parseLauncherArguments([]).services).toHaveLength(7);
  });

  it('starts a subset in platform order', () => {
    expect(parseLauncherArguments(['--only', 'question-service,gateway']).services).toEqual([
      'gateway',
      'question',
    ]);
  });

  it.each([[['--only', 'games']], [['--verbose']], [['--only', '']]])('refuses %j', (argv) => {
    expect(() => parseLauncherArguments(argv)).toThrow(UsageError);
  });
});
