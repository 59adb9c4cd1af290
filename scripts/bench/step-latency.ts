import { Agent } from 'node:http';
import { captureConsole } from '../../local/console-capture';
import { startFunctionsServer } from '../../local/functions-server';
import { join } from 'node:path';
import { callParams, SERVE_FOLDER, serveFolder, STEPS } from './bench-steps';
import { timedPost } from './http-post';
import { INSTANT_ACCOUNT_SID, startInstantApi } from './instant-api';
import { median, round, summarise, type LatencySummary } from './stats';

export interface StepFigures extends LatencySummary {
  name: string;
  ratioP50: number;
  ratioP99: number;
  restRequestsPerCall: number;
}

export interface LatencyFigures {
  steps: StepFigures[];
  toggleOwnP50: number;
  restRoundTripP50: number;
}

export interface LatencyPlan {
  rounds: number;
  samples: number;
  warmup: number;
}

type Post = (path: string, body: string) => Promise<number>;

interface Rounds {
  p50: number[];
  p99: number[];
  rest: number;
  ratioP50: number[];
  ratioP99: number[];
}

/** One round of one step: its requests alternate with the baseline's, so drift hits both. */
async function measureStep(
  post: Post,
  requests: () => number,
  step: (typeof STEPS)[number],
  plan: LatencyPlan,
) {
  const baselineBody = new URLSearchParams(callParams).toString();
  const body = new URLSearchParams(step.params).toString();
  for (let i = 0; i < plan.warmup; i += 1) {
    await post('/baseline', baselineBody);
    await post(step.path, body);
  }
  const baselineSamples: number[] = [];
  const samples: number[] = [];
  let rest = 0;
  for (let i = 0; i < plan.samples; i += 1) {
    baselineSamples.push(await post('/baseline', baselineBody));
    const before = requests();
    samples.push(await post(step.path, body));
    rest += requests() - before;
  }
  return { step: summarise(samples), base: summarise(baselineSamples), rest: rest / plan.samples };
}

/**
 * The toggle next to a bare Function that sends the same REST request: the difference is the
 * toggle's own cost, with the request and the stand-in's answer taken out.
 */
async function toggleOwnCost(post: Post, samples: number) {
  const toggle = STEPS.find((step) => step.name.startsWith('recording-toggle'));
  if (!toggle) throw new Error('the steps have no toggle');
  const body = new URLSearchParams(toggle.params).toString();
  const toggleSamples: number[] = [];
  const restSamples: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    restSamples.push(await post('/baseline-rest', body));
    toggleSamples.push(await post(toggle.path, body));
  }
  const rest = summarise(restSamples).p50;
  return { rest, own: summarise(toggleSamples).p50 - rest };
}

function record(
  rounds: Record<string, Rounds>,
  name: string,
  figures: LatencySummary,
  base: LatencySummary,
) {
  const entry = (rounds[name] ??= { p50: [], p99: [], rest: 0, ratioP50: [], ratioP99: [] });
  entry.p50.push(figures.p50);
  entry.p99.push(figures.p99);
  entry.ratioP50.push(figures.p50 / base.p50);
  entry.ratioP99.push(figures.p99 / base.p99);
  return entry;
}

/** Each route through Twilio's local runtime in-process, next to the bare baseline. */
export async function stepLatency(plan: LatencyPlan): Promise<LatencyFigures> {
  serveFolder();
  const api = await startInstantApi();
  const server = await startFunctionsServer({
    env: {
      ACCOUNT_SID: INSTANT_ACCOUNT_SID,
      AUTH_TOKEN: 'bench-token',
      TWILIO_API_BASE_URL: api.url,
    },
    functionsFolder: join(SERVE_FOLDER, 'functions'),
    assetsFolder: join(SERVE_FOLDER, 'assets'),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post: Post = async (path, body) => {
    const answer = await timedPost(agent, `${server.url}${path}`, body);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
    return answer.ms;
  };
  const rounds: Record<string, Rounds> = {};
  const restRoundTrips: number[] = [];
  const toggleOwn: number[] = [];
  const capture = captureConsole();
  try {
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const step of STEPS.slice(1)) {
        const measured = await measureStep(post, api.requests, step, plan);
        record(rounds, step.name, measured.step, measured.base).rest = measured.rest;
        record(rounds, 'baseline', measured.base, measured.base);
      }
      const toggle = await toggleOwnCost(post, plan.samples);
      restRoundTrips.push(toggle.rest);
      toggleOwn.push(toggle.own);
    }
  } finally {
    capture.restore();
    agent.destroy();
    await server.close();
    api.server.close();
  }
  return {
    steps: STEPS.map((step) => stepFigures(step.name, rounds[step.name], plan.samples)),
    restRoundTripP50: round(median(restRoundTrips)),
    toggleOwnP50: round(median(toggleOwn)),
  };
}

function stepFigures(name: string, figures: Rounds, samples: number): StepFigures {
  return {
    name,
    p50: round(median(figures.p50)),
    p99: round(median(figures.p99)),
    count: figures.p50.length * samples,
    ratioP50: round(median(figures.ratioP50), 2),
    ratioP99: round(median(figures.ratioP99), 2),
    restRequestsPerCall: figures.rest,
  };
}
