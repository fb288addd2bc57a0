// Container health check (the runtime image has no shell or curl): exits 0 when /health answers 200.
const port = Number(process.env.PORT ?? ${{ values.port }});

fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) })
  .then(res => process.exit(res.status === 200 ? 0 : 1))
  .catch(() => process.exit(1));
