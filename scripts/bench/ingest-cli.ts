/**
 * npm run bench:ingest -- [--events N] [--concurrency C]: status-callback ingestion into the
 * recording log, through the local Functions server and the Sync stand-in.
 */
import { measureIngestion } from './ingest';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a whole number`);
  return value;
}

measureIngestion(option('--events', 500), option('--concurrency', 10))
  .then((figures) => {
    console.log(JSON.stringify(figures, null, 2));
    if (figures.lost > 0 || figures.duplicated > 0 || figures.non2xx > 0) process.exitCode = 1;
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
