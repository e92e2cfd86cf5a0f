/** Result of one M/M/1 run. */
export interface MM1Result {
    customers: number;
    meanWait: number;
    events: number;
}
/** Runs an M/M/1 queue for `customers` customers on the kernel. */
export declare function runMM1(customers: number, seed: number, arrivalRate?: number, serviceRate?: number): MM1Result;
