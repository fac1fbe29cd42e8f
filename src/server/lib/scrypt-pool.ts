import { spawn, type ChildProcess } from 'node:child_process';

export type ScryptParams = {
  password: string;
  salt: Buffer;
  keyLength: number;
  options: { N: number; r: number; p: number; maxmem: number };
};

type Reply = { id: number; key?: Uint8Array; error?: string };

/**
 * The hashing process: plain JavaScript (no loader is needed to start it,
 * under tsx, vitest or node alike). It lowers its own priority before its
 * thread pool exists, so the pool's threads inherit it, and ends with the
 * server (its IPC channel closes then, even after a kill -9).
 */
const hasherSource = `
const crypto = require('node:crypto');
const os = require('node:os');
try {
  // Its one setting arrives as its one argument (node -e <source> <nice>).
  os.setPriority(0, Number(process.argv[1]));
} catch {
  // Where lowering is refused: hash at the server's priority.
}
process.on('disconnect', () => process.exit(0));
const answer = (reply) => process.connected && process.send(reply);
process.on('message', ({ id, password, salt, keyLength, options }) => {
  try {
    crypto.scrypt(password, Buffer.from(salt), keyLength, options, (error, key) =>
      answer(error ? { id, error: error.message } : { id, key }),
    );
  } catch (error) {
    // Parameters scrypt refuses throw at once.
    answer({ id, error: error.message });
  }
});
`;

/**
 * Password hashes in a process of their own, at a lower priority than the
 * server. scrypt at N=2^17 keeps a core busy for a quarter of a second or more
 * and maps 128 MiB; in the server's process, on libuv's pool at the server's
 * priority, a burst of sign-ins left the request loop waiting for a core and
 * for the address space (mapping and unmapping 128 MiB per hash stalls the
 * other threads' page faults): event-loop delay p99 above 100 ms and list
 * throughput down to a third on two cores. At nice 10 the scheduler gives the
 * core back to the server whenever it has work. The process starts on first
 * use, is restarted if it dies, and keeps its parent alive only while a hash
 * is in flight: a script awaiting a hash (the seed, the CLI) waits for it, and
 * an idle pool never holds a server open.
 */
export class ScryptPool {
  private child: ChildProcess | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (key: Buffer) => void; reject: (error: Error) => void }
  >();

  constructor(readonly nice = 10) {}

  /** The hashing process's id, once it runs. */
  get processId(): number | undefined {
    return this.child?.pid;
  }

  hash(params: ScryptParams): Promise<Buffer> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      if (this.pending.size === 0) child.channel?.ref();
      this.pending.set(id, { resolve, reject });
      child.send({ id, ...params }, (error) => {
        if (error) this.settle({ id, error: error.message });
      });
    });
  }

  private settle({ id, key, error }: Reply) {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.child?.channel?.unref();
    if (key) call.resolve(Buffer.from(key.buffer, key.byteOffset, key.byteLength));
    else call.reject(new Error(`Password hashing failed: ${error ?? 'no key'}`));
  }

  private start(): ChildProcess {
    const child = spawn(process.execPath, ['-e', hasherSource, String(this.nice)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Structured clone: salts and keys travel as bytes, not JSON arrays.
      serialization: 'advanced',
      // Nothing of the server's environment (its secrets, a loader in NODE_OPTIONS) is the hasher's.
      env: {},
    });
    child.on('message', (reply: Reply) => this.settle(reply));
    child.on('error', () => this.retire(child));
    child.on('exit', () => this.retire(child));
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  /** The hashes a dead process took with it fail; the next hash starts a new one. */
  private retire(child: ChildProcess) {
    if (this.child !== child) return;
    this.child = undefined;
    for (const id of [...this.pending.keys()]) this.settle({ id, error: 'the hashing process exited' });
  }
}
