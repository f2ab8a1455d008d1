export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}
