/**
 * npm run bench:deploy -- [--runs N]: the deploys people make (first deploy, redeploy of a
 * changed build, redeploy with a setting removed from .env, a first deploy whose build failed
 * and its retry), each through twilio-run's own deploy code to the local Twilio: the requests
 * each makes, by operation and in all, and its time (the median of N runs, default 3). Prints
 * the machine and the date, and writes bench-results/deploy.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { runDeployCases, type DeployCaseResult } from './deploy-cases';
import { describeMachine, machine, table } from './report';
import { median, round } from './stats';

function runsWanted(): number {
  const index = process.argv.indexOf('--runs');
  const runs = index > 0 ? Number(process.argv[index + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('--runs takes a whole number, 1 or more');
  return runs;
}

/** Each case's figures over all runs: its requests (the same every run) and its median time. */
export function summariseRuns(runs: DeployCaseResult[][]) {
  return runs[0].map((first, index) => {
    const same = runs.map((run) => run[index]);
    const totals = [...new Set(same.map((one) => one.total))];
    return {
      case: first.name,
      exitCode: first.code,
      requests: first.total,
      byTwilioRun: first.byTwilioRun,
      requestsVaried: totals.length > 1 ? totals : undefined,
      medianMs: round(median(same.map((one) => one.ms)), 0),
      byOperation: first.counts,
    };
  });
}

async function main(): Promise<void> {
  const measured = machine();
  console.log(describeMachine(measured));
  const runs: DeployCaseResult[][] = [];
  const count = runsWanted();
  for (let run = 0; run < count; run += 1) {
    const session = await runDeployCases();
    runs.push(session.results);
    await session.close();
    console.log(`run ${run + 1} of ${count} done`);
  }
  const cases = summariseRuns(runs);
  console.log(`\n${table(cases.map(({ byOperation: _, requestsVaried: __, ...row }) => row))}\n`);
  for (const one of cases) {
    console.log(`${one.case}: ${one.requests} requests`);
    console.log(
      table(Object.entries(one.byOperation).map(([operation, n]) => ({ operation, requests: n }))),
    );
    console.log('');
  }
  mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
  const file = join(PROJECT_ROOT, 'bench-results', 'deploy.json');
  writeFileSync(file, `${JSON.stringify({ machine: measured, runs: count, cases }, null, 2)}\n`);
  console.log(`Written to ${file}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
