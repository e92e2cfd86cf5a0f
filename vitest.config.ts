import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Two test files at a time: most of the suite waits on child processes (the CLI, sweeps'
    // worker threads, Chromium, Slurm), so two files keep a 2-core machine busy where vitest's
    // default (cores - 1) would run one. Timeouts allow for the shared CPU.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
