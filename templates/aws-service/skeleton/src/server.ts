import { createServer } from 'node:http';
import { handle } from './app.js';

const port = Number(process.env.PORT ?? ${{ values.port }});
const server = createServer(handle);
// Slightly longer than the load balancer's idle timeout (60 s), so the ALB closes connections first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, () => {
  console.log(JSON.stringify({ level: 'info', message: `${{ values.name }} listening on ${port}` }));
});

// ECS sends SIGTERM and waits StopTimeout (30 s): finish in-flight requests, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    console.log(JSON.stringify({ level: 'info', message: `${signal}: shutting down` }));
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 25_000).unref();
  });
}
