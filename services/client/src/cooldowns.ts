/** How long instances that failed are skipped: doubling per failure in a row, up to a cap. */
export class Cooldowns {
  private readonly entries = new Map<string, { failures: number; until: number }>();

  constructor(
    private readonly delays: { initial: number; max: number },
    private readonly now: () => number,
  ) {}

  failed(address: string): void {
    const failures = (this.entries.get(address)?.failures ?? 0) + 1;
    const ms = Math.min(this.delays.max, this.delays.initial * 2 ** (failures - 1));
    this.entries.set(address, { failures, until: this.now() + ms });
  }

  forget(address: string): void {
    this.entries.delete(address);
  }

  /** True unless `address` failed lately. */
  usable(address: string, at = this.now()): boolean {
    return (this.entries.get(address)?.until ?? 0) <= at;
  }
}
