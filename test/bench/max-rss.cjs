// Preloaded (node -r) into every benchmarked process, bare node included: reports the peak RSS on fd 3.
process.on('exit', () => {
  try {
    require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: run outside the benchmark.
  }
});
