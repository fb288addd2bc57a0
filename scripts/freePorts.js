// Prints N free TCP ports (space separated), preferring the portal's defaults 3000 and 7007.
const net = require('net');

const preferred = [3000, 7007];

function tryListen(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '0.0.0.0', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

async function main() {
  const count = Number(process.argv[2] || 1);
  const ports = [];
  for (const port of preferred.slice(0, count)) {
    ports.push((await tryListen(port)) ?? (await tryListen(0)));
  }
  while (ports.length < count) ports.push(await tryListen(0));
  if (new Set(ports).size !== ports.length || ports.some(p => !p)) {
    console.error(
      `could not find ${count} distinct free ports (got ${ports.join(', ')})`,
    );
    process.exit(1);
  }
  console.log(ports.join(' '));
}

main();
