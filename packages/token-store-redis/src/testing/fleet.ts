import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exited } from './child-exit.js';
import type { MemberConfig, MemberMessage, MemberRequest } from './fleet-protocol.js';

const entry = fileURLToPath(new URL('./fleet-member-entry.ts', import.meta.url));

type Reply = Exclude<MemberMessage, { type: 'ready' } | { type: 'token-request' }>;
type ReplyTo<T extends MemberRequest['type']> = T extends 'run'
  ? Extract<Reply, { type: 'ran' }>
  : T extends 'token'
    ? Extract<Reply, { type: 'token' }>
    : Extract<Reply, { type: 'invalidated' }>;

/** One child process of the fleet. */
export interface FleetMember {
  readonly index: number;
  readonly pid: number;
  ask<T extends Exclude<MemberRequest['type'], 'exit'>>(
    request: Extract<MemberRequest, { type: T }>,
  ): Promise<ReplyTo<T>>;
  /** Kills the process at once (SIGKILL). */
  kill(): void;
}

/** Separate Node processes, each with its own Redis connection and token manager. */
export interface Fleet {
  readonly members: readonly FleetMember[];
  /** Every token request a member sent, in the order the test process heard of them. */
  readonly tokenRequests: { readonly member: number; readonly at: number }[];
  /** Called for each token request as it is sent. */
  onTokenRequest?: (member: FleetMember) => void;
  close(): Promise<void>;
}

function startMember(
  index: number,
  config: MemberConfig,
  fleet: Fleet,
  children: ChildProcess[],
): Promise<FleetMember> {
  const child = fork(entry, [], {
    execArgv: ['--no-warnings'],
    env: { ...process.env, FLEET_MEMBER: JSON.stringify(config), FLEET_INDEX: String(index) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let nextId = 0;
  const member: FleetMember = {
    index,
    pid: child.pid ?? -1,
    ask(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (reply: Reply) => void, reject });
        child.send({ id, request });
      });
    },
    kill: () => child.kill('SIGKILL'),
  };
  child.on('exit', (code, signal) => {
    for (const { reject } of pending.values())
      reject(new Error(`member ${index} exited (${code ?? signal})`));
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', () => reject(new Error(`member ${index} exited before it was ready`)));
    child.on('message', (message: MemberMessage) => {
      if (message.type === 'ready') resolve(member);
      else if (message.type === 'token-request') {
        fleet.tokenRequests.push({ member: index, at: message.at });
        fleet.onTokenRequest?.(member);
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'failed') waiting?.reject(new Error(message.message));
        else waiting?.resolve(message);
      }
    });
  });
}

/**
Starts `size` members (separate processes; `configFor` sets each up) and waits until every one
is ready. `close()` asks each to exit and kills what is left; a member also exits when the test
process goes away (its IPC channel closes).
*/
export async function startFleet(size: number, configFor: (index: number) => MemberConfig): Promise<Fleet> {
  const children: ChildProcess[] = [];
  const fleet: Fleet = {
    members: [],
    tokenRequests: [],
    async close() {
      await Promise.all(
        children.map(async (child) => {
          if (child.connected) child.send({ id: -1, request: { type: 'exit' } });
          if (!(await exited(child, 3000))) child.kill('SIGKILL');
          await exited(child, 3000);
        }),
      );
    },
  };
  try {
    const members = await Promise.all(
      Array.from({ length: size }, (_, index) => startMember(index, configFor(index), fleet, children)),
    );
    (fleet.members as FleetMember[]).push(...members);
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}
