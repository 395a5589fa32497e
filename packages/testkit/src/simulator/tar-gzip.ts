import { gzipSync } from 'node:zlib';

const BLOCK = 512;

/**
 * A gzip-compressed POSIX ustar archive of `files` (name -> UTF-8 text), byte for byte the same on every call (mtime
 * 0), so a test can compare what it downloaded. Names must fit the 100-byte ustar name field.
 *
 * @example
 * tarGzip({ 'octocat-hello-world-main/README.md': '# hello-world\n' }); // Uint8Array, starts 1f 8b
 */
export function tarGzip(files: Readonly<Record<string, string>>): Uint8Array {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    blocks.push(header(name, data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  // Two zero blocks end the archive.
  blocks.push(Buffer.alloc(2 * BLOCK));
  return new Uint8Array(gzipSync(Buffer.concat(blocks)));
}

function header(name: string, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new RangeError(`tar entry name longer than 100 bytes: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100); // mode
  h.write('0000000\0', 108); // uid
  h.write('0000000\0', 116); // gid
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136); // mtime
  h.write('        ', 148); // checksum, counted as spaces
  h.write('0', 156); // a regular file
  h.write('ustar\x0000', 257);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}
