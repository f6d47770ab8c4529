/**
The seed every fast-check run of the suite uses: fixed, so that two runs try the same inputs and
a failure reproduces; `RELIABILITY_SEED=<integer>` explores others, and `RELIABILITY_PATH` (with
the seed a failure printed) replays exactly that counterexample.
*/
export function fastCheckSeed(): { seed: number; path?: string } {
  const given = Number(process.env['RELIABILITY_SEED']);
  const seed = Number.isInteger(given) && process.env['RELIABILITY_SEED'] !== '' ? given : 20_261_101;
  const path = process.env['RELIABILITY_PATH'];
  return path === undefined || path === '' ? { seed } : { seed, path };
}
