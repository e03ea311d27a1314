import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { plaintextHashes, WORKER_MIN_BYTES } from '../../../main/crypto/package/plaintext-hashes';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Feeds `parts` block by block, as the writer does (wait until free, fill, add); returns the digests. */
async function hashParts(payloadBytes: number, parts: Buffer[], blockBytes: number): Promise<{ parts: string[]; payload: string }> {
  const hashes = plaintextHashes({ payloadBytes, parts: parts.length, blockBytes });
  try {
    let block = 0;
    const digests: Promise<string>[] = [];
    for (const part of parts) {
      for (let at = 0; at < part.length; at += blockBytes, block++) {
        const k = block % hashes.buffers.length;
        await hashes.free(k);
        const n = part.copy(hashes.buffers[k]!, 0, at, Math.min(part.length, at + blockBytes));
        hashes.add(k, n);
      }
      digests.push(hashes.endPart());
    }
    return { parts: await Promise.all(digests), payload: await hashes.payload() };
  } finally {
    await hashes.close();
  }
}

describe('plaintext hashes of a package (each part and the whole payload)', () => {
  const parts = [randomBytes(70_000), randomBytes(70_000), randomBytes(12_345)];
  const expected = { parts: parts.map(sha256), payload: sha256(Buffer.concat(parts)) };

  it('in this thread, for a payload of one part or less than 64 MiB, equal SHA-256 of the bytes', async () => {
    expect(await hashParts(152_345, parts, 1000)).toEqual(expected);
    expect(await hashParts(70_000, parts.slice(0, 1), 1000)).toEqual({ parts: [sha256(parts[0]!)], payload: sha256(parts[0]!) });
  });

  it('on the hashing thread, for a larger payload, equal the same, with many more blocks than the shared ring holds', async () => {
    expect(await hashParts(WORKER_MIN_BYTES + 1, parts, 1000)).toEqual(expected);
  });
});
