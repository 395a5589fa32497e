import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

/**
 * How `@rosetta/core` was loaded: its TypeScript sources through tsx (`--conditions=source`) or
 * the built `dist/`.
 *
 * @example
 * coreBuild(); // 'src (tsx)'
 */
export function coreBuild(): string {
  const entry = import.meta.resolve('@rosetta/core');
  return entry.includes('/src/') ? 'src/ through tsx (`--conditions=source`)' : 'dist/ (built JavaScript)';
}

/**
 * The lines every benchmark run starts with: date, machine, Node, load.
 *
 * @example
 * console.log(machineInfo().join('\n'));
 */
export function machineInfo(): string[] {
  const cores = cpus();
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
  return [
    `date: ${new Date().toISOString()}`,
    `machine: ${cores.length} x ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, ${osType()} ${release()}`,
    `node: ${process.version} (${process.arch})`,
    `load average (1/5/15 min): ${one} / ${five} / ${fifteen}`,
    `@rosetta/core loaded from: ${coreBuild()}`,
  ];
}
