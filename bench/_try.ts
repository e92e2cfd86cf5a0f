import { simulateWorld } from "../src/model/index.js";
import { buildWorld } from "../tests/model/small-world.js";
const spec = buildWorld({
  countries: ["A", "B"], commodities: ["x"], days: 400,
  facilities: [{ id: "mine", country: "B", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
  markets: [{ country: "A", commodity: "x", demand: 10, coverDays: 30, inventory: 300, imports: { B: 1 } }],
  controls: [{ id: "ban", exporter: "B", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 100 }],
});
const r = simulateWorld(spec, { seed: 1 });
const tl = r.timeline;
for (const s of tl.reportedSeries) {
  for (let d = 0; d < tl.dayCount; d += 1) {
    if (d % 10 !== 0 && !(d>95 && d < 200)) continue;
    const row = ["demand_t","consumed_t","shortfall_t","production_t","imports_t","exports_t","inventory_t"].map(c => tl.value(c as any, d, s).toFixed(2));
    if (s === 0) console.log(tl.series[s].country, d, row.join(" "));
  }
}
console.log(JSON.stringify(r.kpis), r.eventCount);
