/**
 * Runs Debian's nginx (package `nginx-light`) in the foreground on 127.0.0.1, with its
 * configuration, pid file, logs and temporary files in a folder of its own, for benchmarks and
 * tests. The caller gives the `server { … }` blocks and stops it.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const NGINX_BIN = '/usr/sbin/nginx';

export interface RunningNginx {
  /** The folder holding its configuration, logs and temporary files. */
  prefix: string;
  stop: () => Promise<void>;
}

/** `servers` may use `{prefix}` for the nginx folder. */
export async function startNginx(servers: string, ports: number[]): Promise<RunningNginx> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'portal-nginx-'));
  // Its workers run as an unprivileged user when nginx is started as root: let them read.
  await chmod(prefix, 0o755);
  await mkdir(path.join(prefix, 'tmp'));
  const config = `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  server_tokens off;
${servers.replaceAll('{prefix}', prefix)}
}
`;
  const file = path.join(prefix, 'nginx.conf');
  await writeFile(file, config);
  const child = spawn(NGINX_BIN, ['-p', prefix, '-c', file, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawned = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(
        new Error(`${NGINX_BIN} could not start (apt-get install nginx-light): ${error.message}`),
      ),
    ),
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGQUIT');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await Promise.race([spawned, waitForPorts(ports, () => child.exitCode)]);
  } catch (error) {
    const log = await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`nginx did not start: ${String(error)}\n${stderr}${log}`);
  }
  return { prefix, stop };
}

async function waitForPorts(ports: number[], exitCode: () => number | null): Promise<void> {
  for (const port of ports) {
    for (let attempt = 0; ; attempt++) {
      if (exitCode() !== null) throw new Error(`it exited with code ${exitCode()}`);
      if (await accepts(port)) break;
      if (attempt > 100) throw new Error(`nothing listens on 127.0.0.1:${port} after 10 s`);
      await sleep(100);
    }
  }
}

/** Whether something accepts connections on 127.0.0.1:`port` now. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
