/**
 * M/M/1 queue on the kernel: the yardstick comparison with a bare binary-heap event loop
 * (../shared/reference/des-baseline.js --model mm1). Arrival rate 0.9, service rate 1.0,
 * so the analytic mean wait in queue is rho / (mu - lambda) = 9.0.
 */
import { Environment, RandomStreams } from "../src/engine/index.js";
/** Runs an M/M/1 queue for `customers` customers on the kernel. */
export function runMM1(customers, seed, arrivalRate = 0.9, serviceRate = 1.0) {
    const env = new Environment();
    const streams = new RandomStreams(seed);
    const arrivals = streams.stream("arrivals");
    const services = streams.stream("services");
    const nextArrival = arrivals.next;
    const nextService = services.next;
    const waitingSince = new Float64Array(customers);
    let head = 0;
    let tail = 0;
    let busy = false;
    let arrived = 0;
    let served = 0;
    let totalWait = 0;
    const depart = () => {
        if (head < tail) {
            totalWait += env.now - waitingSince[head++];
            served++;
            env.scheduleIn(-Math.log(1 - nextService()) / serviceRate, depart);
        }
        else {
            busy = false;
        }
    };
    const arrive = () => {
        arrived++;
        if (arrived < customers)
            env.scheduleIn(-Math.log(1 - nextArrival()) / arrivalRate, arrive);
        if (!busy) {
            busy = true;
            served++;
            env.scheduleIn(-Math.log(1 - nextService()) / serviceRate, depart);
        }
        else {
            waitingSince[tail++] = env.now;
        }
    };
    env.scheduleIn(-Math.log(1 - nextArrival()) / arrivalRate, arrive);
    env.run();
    return { customers: served, meanWait: totalWait / served, events: env.eventsRun };
}
//# sourceMappingURL=mm1.js.map