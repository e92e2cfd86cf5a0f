/**
 * Shortfall KPIs: for each country and commodity with demand, when it first ran short, how
 * badly (peak share of demand unmet), for how long (days short), how much went unmet, when
 * its reserve ran dry and when it recovered.
 */
import { isoFromEpochDay } from "./calendar.js";
/** A day counts as short when more than this share of its demand went unmet. */
export const SHORT_DAY_SHARE = 1e-6;
/**
 * Computes KPIs for every reported series with demand. `stockpileEmptyDay[s]` is the
 * simulation day a reserve serving series s first hit its floor, or -1.
 */
export function summarizeShortfalls(timeline, stockpileEmptyDay) {
    const kpis = [];
    const dateOf = (day) => isoFromEpochDay(timeline.startEpochDay + day);
    for (const s of timeline.reportedSeries) {
        let demandTonnes = 0;
        let unmetTonnes = 0;
        let peak = 0;
        let shortDays = 0;
        let firstShort = -1;
        let lastShort = -1;
        for (let day = 0; day < timeline.dayCount; day++) {
            const demand = timeline.value("demand_t", day, s);
            const shortfall = timeline.value("shortfall_t", day, s);
            demandTonnes += demand;
            unmetTonnes += shortfall;
            if (demand > 0 && shortfall > SHORT_DAY_SHARE * demand) {
                shortDays++;
                if (firstShort < 0)
                    firstShort = day;
                lastShort = day;
                peak = Math.max(peak, shortfall / demand);
            }
        }
        if (demandTonnes <= 0)
            continue;
        const emptyDay = stockpileEmptyDay[s];
        kpis.push({
            country: timeline.series[s].country,
            commodity: timeline.series[s].commodity,
            firstShortfallDate: firstShort < 0 ? null : dateOf(firstShort),
            peakShortfallShare: peak,
            shortfallDays: shortDays,
            unmetTonnes,
            demandTonnes,
            stockpileEmptyDate: emptyDay < 0 ? null : dateOf(emptyDay),
            recoveryDate: lastShort >= 0 && lastShort < timeline.dayCount - 1 ? dateOf(lastShort + 1) : null,
        });
    }
    return kpis;
}
//# sourceMappingURL=kpis.js.map