/**
 * Figures for rendering a 10-minute dual-channel recording and encoding it as WAV, in-process:
 *   npx esbuild scripts/bench/render-cli.ts --bundle --platform=node --packages=external \
 *     --outdir=dist/bench --log-level=warning && node --expose-gc dist/bench/render-cli.js
 * (--expose-gc makes heapDeltaMb this run's own; without it the figures still print.)
 */
import { measureRender } from './render';

measureRender()
  .then((figures) => console.log(JSON.stringify(figures, null, 2)))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
