import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../platform.js';
import { analyse } from './analysis.js';
import { GatewayClient } from './gateway-client.js';
import { checkInvariants } from './invariants.js';
import { Ledger } from './ledger.js';
import { runOpenModel } from './open-model.js';
import { type LoadOptions, readLoadOptions, USAGE, UsageError } from './options.js';
import { LoadPlayer } from './player.js';
import { log } from './progress.js';
import { invariantViolations, type LoadReport, renderLoadReport, saveLoadReport } from './report.js';
import { runSchedule } from './schedule-runner.js';
import { type PlayerSession, signInPlayer } from './sign-in.js';
import { type Stage, startStage } from './stage.js';

const EXIT_BROKEN_INVARIANT = 1;
const EXIT_RUN_FAILED = 2;
const EXIT_USAGE = 64;
/** Synthetic questions in the bank: plenty for every game of a run without drawing one twice. */
const QUESTION_COUNT = 2_000;

async function signInAll(stage: Stage, names: readonly string[]): Promise<PlayerSession[]> {
  const credentials = await stage.identity.createPlayers(names);
  const sessions: PlayerSession[] = [];
  for (const player of credentials) sessions.push(await signInPlayer(stage.platform.gatewayUrl, player));
  return sessions;
}

async function run(options: LoadOptions): Promise<LoadReport> {
  const before = loadavg();
  const { profile } = options;
  log(
    `profile ${profile.name}: ${options.players} players at ${options.rate} requests/s for ${profile.totalSeconds} s`,
  );
  const stage = await startStage({
    postgresUrl: options.postgresUrl,
    redisUrl: options.redisUrl,
    portBase: options.portBase,
    questionCount: QUESTION_COUNT,
    accessTokenTtlSeconds: profile.accessTokenTtlSeconds,
  });
  const client = new GatewayClient(stage.platform.gatewayUrl, options.players + 1);
  try {
    const runName = `load-${Date.now().toString(36)}`;
    const names = Array.from({ length: options.players }, (_, index) => `${runName}-player-${index}`);
    const sessions = await signInAll(stage, names);
    log(`${sessions.length} players signed in; the load starts`);
    const ledger = new Ledger();
    const players = sessions.map((session) => new LoadPlayer(client, session, ledger));
    const startedAt = performance.now();
    const clock = () => performance.now() - startedAt;
    const probeNames = profile.faults.map((_, index) => `${runName}-probe-${index}`);
    const [load, schedule] = await Promise.all([
      runOpenModel({ rate: options.rate, durationMs: profile.totalSeconds * 1000, players, clock }),
      runSchedule(options, stage, probeNames, clock),
    ]);
    log(`the load ended; checking the invariants`);
    const reader = sessions[0];
    if (reader === undefined) throw new Error('no player signed in');
    const checked = await checkInvariants({
      databaseUrl: stage.databaseUrl,
      redisUrl: stage.redisUrl,
      keyPrefix: stage.keyPrefix,
      ledger,
      client,
      reader,
    });
    return {
      profile,
      rate: options.rate,
      players: options.players,
      killedService: options.killedService,
      analysis: analyse(load.outcomes, schedule.faults),
      probes: schedule.probes,
      invariants: checked.invariants,
      lostAnswers: checked.lostAnswers,
      acceptedAnswers: ledger.accepted.length,
      unknownAnswers: ledger.unknownAnswers,
      finishedGames: ledger.finished.length,
      unserved: load.unserved,
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    await client.close();
    await stage.close();
  }
}

async function main(): Promise<number> {
  let options: LoadOptions;
  try {
    options = readLoadOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let report: LoadReport;
  try {
    report = await run(options);
  } catch (error) {
    console.error(
      `the load run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_RUN_FAILED;
  }
  const markdown = renderLoadReport(report);
  console.log(markdown);
  if (options.save) log(`saved to ${saveLoadReport(join(REPOSITORY_ROOT, 'bench/results'), markdown)}`);
  const broken = report.lostAnswers + invariantViolations(report);
  if (broken > 0)
    console.error(
      `${report.lostAnswers} accepted answers lost, ${invariantViolations(report)} invariant violations`,
    );
  return broken > 0 ? EXIT_BROKEN_INVARIANT : 0;
}

process.exitCode = await main();
