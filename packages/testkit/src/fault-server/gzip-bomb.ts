import { once } from 'node:events';
import { createGzip } from 'node:zlib';

const MIB = 1 << 20;

/**
 * Gzips `megabytes` MiB of zeros without ever holding them: one zeroed MiB is fed to the
 * compressor again and again. 50 MiB come out as about 50 KB, the shape of a decompression bomb.
 *
 * @example
 * const bomb = await createGzipBomb(50); // ~50 KB that inflate to 52,428,800 bytes
 */
export async function createGzipBomb(megabytes: number): Promise<Buffer> {
  if (!Number.isInteger(megabytes) || megabytes < 0) {
    throw new RangeError('createGzipBomb: megabytes must be an integer >= 0');
  }
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  const zeros = Buffer.alloc(MIB);
  for (let i = 0; i < megabytes; i++) {
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}
