import os from 'node:os';

/** The machine a result was measured on: numbers mean little without it. */
export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryGiB: number;
  readonly nodeVersion: string;
  readonly platform: string;
}

/**
 * Describes this machine: CPU model, logical core count, total memory, Node
 * version and OS.
 *
 * @example
 * ```ts
 * describeMachine().cores; // 2
 * ```
 */
export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    nodeVersion: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
