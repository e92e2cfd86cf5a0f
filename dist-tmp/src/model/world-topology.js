/**
 * World topology: the order in which commodities are solved (inputs before outputs) and the
 * groups of countries that must be solved together (joined by shared reserves).
 */
import { ModelError } from "./model-error.js";
/**
 * Commodity indices in topological order of the recipe graph (every input before every
 * output made from it); ties keep declaration order. Throws if recipes form a loop.
 */
export function commodityOrder(spec) {
    const count = spec.commodities.length;
    const successors = Array.from({ length: count }, () => new Set());
    for (const facility of spec.facilities) {
        for (const input of facility.inputs)
            for (const output of facility.outputs)
                successors[input.commodity].add(output.commodity);
    }
    const indegree = new Array(count).fill(0);
    for (const next of successors)
        for (const k of next)
            indegree[k]++;
    const ready = [];
    for (let k = 0; k < count; k++)
        if (indegree[k] === 0)
            ready.push(k);
    const order = [];
    while (ready.length > 0) {
        ready.sort((a, b) => a - b);
        const k = ready.shift();
        order.push(k);
        for (const next of [...successors[k]].sort((a, b) => a - b))
            if (--indegree[next] === 0)
                ready.push(next);
    }
    if (order.length !== count) {
        const looped = spec.commodities.filter((_, k) => indegree[k] > 0).map((c) => c.id);
        throw new ModelError("recipe-cycle", `recipes form a loop through: ${looped.join(", ")}`);
    }
    return order;
}
/** Groups of countries linked by shared reserves; each country's group index. */
export function countryGroups(spec) {
    const parent = spec.countries.map((_, i) => i);
    const find = (i) => {
        while (parent[i] !== i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    for (const stockpile of spec.stockpiles) {
        for (const member of stockpile.members) {
            const a = find(stockpile.country);
            const b = find(member);
            if (a !== b)
                parent[Math.max(a, b)] = Math.min(a, b);
        }
    }
    const groupOfRoot = new Map();
    const groupOfCountry = spec.countries.map((_, c) => {
        const root = find(c);
        let group = groupOfRoot.get(root);
        if (group === undefined) {
            group = groupOfRoot.size;
            groupOfRoot.set(root, group);
        }
        return group;
    });
    return { groupOfCountry, groupCount: groupOfRoot.size };
}
//# sourceMappingURL=world-topology.js.map