/**
 * Where activate() spends its time, feature by feature. Activation runs on VS Code's startup path (every
 * jsonc file activates us), so registration must stay cheap: providers and commands only, no analysis or
 * table building. The integration suite reads this profile (and VS Code's own load/activate marks) to keep
 * it that way.
 */

/** ms spent in each feature's register function during the last activation, plus `total`. */
export const activationProfile: Record<string, number> = {};

/** Run one feature's registration and record its duration under `name`. */
export function timed<T>(name: string, register: () => T): T {
  const t0 = performance.now();
  try {
    return register();
  } finally {
    activationProfile[name] = performance.now() - t0;
  }
}
