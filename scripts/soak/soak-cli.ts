/**
 * npm run soak -- [--calls N] [--fault-rate R] [--latency MS]: many concurrent simulated calls,
 * with faults; --latency makes each REST answer take that long (the median, in the stand-in's
 * simulated time, which then follows real time: see local/clock.ts), so that requests overlap
 * and meet the account's concurrency limit.
 */
import { runSoak } from './soak';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

runSoak({
  calls: option('--calls', 200),
  faultRate: option('--fault-rate', 0.03),
  latencyMs: option('--latency', 0),
})
  .then((figures) => {
    console.log(`calls: ${figures.calls}`);
    console.log(`faults injected: ${figures.faultsInjected}`);
    console.log(`callers who declined or did not answer the consent question: ${figures.declined}`);
    console.log(`recordings: ${figures.recordings}`);
    console.log(
      `status events: ${figures.statusEvents} (${figures.callbackAttempts} delivery attempts)`,
    );
    console.log(`Sync requests refused by its rate limits (on): ${figures.syncRefused}`);
    console.log(
      `requests refused by the account's concurrency limit (20429): ${figures.concurrencyRefused}`,
    );
    console.log(`time: ${figures.seconds.toFixed(1)} s`);
    console.log(`anomalies: ${figures.anomalies.length}`);
    for (const anomaly of figures.anomalies.slice(0, 20)) console.log(`  ${anomaly}`);
    if (figures.anomalies.length > 0) process.exitCode = 1;
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
