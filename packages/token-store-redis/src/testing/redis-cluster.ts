import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** A three-master Redis Cluster on 127.0.0.1, started by the test and stopped by its process ids. */
export interface RedisCluster {
  readonly nodes: readonly RedisServer[];
  stop(): Promise<void>;
}

function cli(args: string[]): string {
  const result = spawnSync('redis-cli', args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0)
    throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
Starts three `redis-server --cluster-enabled yes` (Debian's, cluster mode included) and joins them
with `redis-cli --cluster create`, no replicas; resolves once every node says `cluster_state:ok`.
*/
export async function startRedisCluster(): Promise<RedisCluster> {
  const nodes: RedisServer[] = [];
  const configFile = (index: number) => `bridgekit-cluster-${process.pid}-${index}.conf`;
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    for (const index of [0, 1, 2]) rmSync(join(tmpdir(), configFile(index)), { force: true });
  };
  try {
    for (const index of [0, 1, 2]) {
      nodes.push(
        await startRedisServer([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          configFile(index),
          '--cluster-node-timeout',
          '2000',
        ]),
      );
    }
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    cli(['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = performance.now() + 20_000;
    const healthy = () =>
      nodes.every((node) => cli(['-p', String(node.port), 'cluster', 'info']).includes('cluster_state:ok'));
    while (!healthy()) {
      if (performance.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, stop };
}
