/**
 * Figures for rendering a 10-minute dual-channel recording and encoding it as WAV (and once as
 * MP3), in a fresh process so that its memory figures are the renderer's own. npm run bench
 * runs it as its fifth section; once npm run bench has built it, alone:
 *   node --expose-gc dist/bench/render-cli.js --runs 5
 * Prints one JSON object. Options: --runs N (default 5). Started with --expose-gc, each run
 * begins with the previous run's audio collected; without it the figures still print.
 */
import { measureRender } from './render';

const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;

measureRender(runs)
  .then((figures) => console.log(JSON.stringify(figures)))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
