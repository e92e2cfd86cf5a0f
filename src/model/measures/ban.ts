/**
 * Ban: an export control's measure that refuses the orders it governs. It carries no state,
 * and its licences (there are none) forbid re-export: third countries' re-exports of the
 * exporter's origin may be refused under it.
 */

/** A ban as the scenario resolves it. */
export interface BanSpec {
  readonly kind: "ban";
}

/** What a ban asks of the control screen: to refuse a share of the order. */
export interface BanScreen {
  refuse(share: number): void;
}

/** A ban at run time. */
export class Ban {
  /** Re-exports of banned goods may be refused too. */
  static readonly mayRefuseReExports = true;
  /** A ban follows the goods to the destinations it covers (`reExport: covered`, the default). */
  static readonly defaultReExport = "covered";
  readonly hasYearlyAllowance = false;

  /** Refuses the `share` of an order it governs. */
  restrictOrder(screen: BanScreen, share: number): void {
    screen.refuse(share);
  }

  /** A ban has nothing to start. */
  takeEffect(_epochDay: number): void {}

  /** A ban has nothing to renew. */
  startYear(): void {}
}
