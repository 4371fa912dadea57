/** `scaling-laws mock <sweep.jsonc>` — synthetic results for a planned sweep, from a law plus seeded noise. */
import { get, parseArgs } from '../lib/args';
import { InputError } from '../../core/errors';
import type { CliCommand, CliIO } from '../lib/io';
import { mockResults, mockToCsv, sweepLaw } from '../../core/sweep';
import { planFromFile, printPlanWarnings } from './plan';

export const mockCommand: CliCommand = {
  summary: 'synthetic IsoFLOP results for a sweep config (law + seeded Gaussian noise), as CSV',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, { law: 'string', noise: 'nonnegative', seed: 'integer' }, 1);
    const file = p.positionals[0];
    if (!file) throw new InputError('missing the sweep config file (scaling-laws mock <sweep.jsonc>)');
    const { config, plan } = planFromFile(file);
    const law = sweepLaw(get.str(p, 'law') ?? config.mock.law ?? config.law);
    const rows = mockResults(plan.runs, law, { noise: get.num(p, 'noise') ?? config.mock.noise, seed: get.num(p, 'seed') ?? config.mock.seed });
    io.out(mockToCsv(rows).replace(/\n$/, ''));
    printPlanWarnings(plan, io.err);
    return 0;
  },
};

/** `scaling-laws mock --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function mockHelp(): string {
  return `Usage: scaling-laws mock <sweep.jsonc> [--law <id>] [--noise σ] [--seed S]

Plans the sweep exactly as 'scaling-laws plan' does and writes one CSV row per run
(id, budget, compute, N, D, loss) with loss = L_law(N, D) + σ·z, z ~ N(0, 1) from a seeded generator,
so the whole plan → analyse loop can be tried without a cluster:

  scaling-laws mock sweep.jsonc --noise 0.01 --seed 1 > results.csv && scaling-laws isoflop results.csv

  --law <id>   law that generates the losses (default: the config's mock.law, else its law)
  --noise σ    standard deviation of the loss noise in nats (default: mock.noise, else 0.01)
  --seed S     seed of the noise (default: mock.seed, else 0)`;
}
