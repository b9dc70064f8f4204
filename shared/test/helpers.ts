/** Test helpers. Not a test file (jest runs *.test.ts only). */

/** A Beijing wall-clock time → the UTC instant: bj('2026-01-15 23:30') = 2026-01-15T15:30:00.000Z. */
export function bj(local: string): Date {
  const [day, time = '00:00'] = local.split(' ');
  const d = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
  if (Number.isNaN(d.getTime())) throw new Error(`bad Beijing time ${local}`);
  return d;
}

/** An ISO UTC instant. */
export function utc(iso: string): Date {
  return new Date(iso);
}

export function plusMs(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}
