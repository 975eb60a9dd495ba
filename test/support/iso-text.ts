import fc from 'fast-check';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Texts in toISOString's shape (`YYYY-MM-DDTHH:mm:ss.sssZ`) with every field over its whole width,
 * so the shape's edges (month 13, day 00 or 32, hour 24, minute or second 60) come up too.
 */
export const isoShapedText = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
