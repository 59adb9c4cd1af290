/** npm run soak -- [--calls N] [--fault-rate R]: many concurrent simulated calls, with faults. */
import { runSoak } from './soak';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

runSoak({ calls: option('--calls', 200), faultRate: option('--fault-rate', 0.03) })
  .then((figures) => {
    console.log(`calls: ${figures.calls}`);
    console.log(`faults injected: ${figures.faultsInjected}`);
    console.log(`callers who declined or did not answer the consent question: ${figures.declined}`);
    console.log(`recordings: ${figures.recordings}`);
    console.log(
      `status events: ${figures.statusEvents} (${figures.callbackAttempts} delivery attempts)`,
    );
    console.log(`Sync requests refused by its rate limits (on): ${figures.syncRefused}`);
    console.log(`time: ${figures.seconds.toFixed(1)} s`);
    console.log(`anomalies: ${figures.anomalies.length}`);
    for (const anomaly of figures.anomalies.slice(0, 20)) console.log(`  ${anomaly}`);
    if (figures.anomalies.length > 0) process.exitCode = 1;
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
