/**
 * The subset of ZIP (APPNOTE 6.3) that SDX/1 uses: stored entries (method 0), no encryption, no
 * data descriptors, no extra fields, no comments, no ZIP64, UTF-8 names. Info-ZIP's
 * `zip -0 -X -D` writes the same subset, and `unzip` reads it.
 */
export const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
} as const;

export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_RECORD_BYTES = 22;
/** Version needed to extract: 1.0 (stored) as Info-ZIP writes, or 2.0 as we write. */
export const VERSIONS_NEEDED = [10, 20];
export const OUR_VERSION_NEEDED = 20;
/** Version made by: Unix (3) << 8 | 2.0, so unzip applies the permission bits we give. */
export const VERSION_MADE_BY = (3 << 8) | 20;
export const FLAG_UTF8 = 0x0800;
/** Without ZIP64, no offset or size may reach 4 GiB. */
export const MAX_ZIP32 = 0xffffffff;
export const MAX_ENTRIES = 0xffff;

/** MS-DOS date and time fields for a UTC instant (ZIP has no time zone; UTC keeps it reproducible). */
export function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
