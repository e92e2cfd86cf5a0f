/**
 * The base of every error chokepoint throws on purpose. Each layer has one subclass
 * (EngineError here, ModelError, ScenarioError, ...), so a caller can tell which layer
 * refused and why without parsing messages.
 */
/** Base class of all deliberate chokepoint errors. `code` is stable; the message is for people. */
export declare class ChokepointError extends Error {
    readonly code: string;
    constructor(code: string, message: string, options?: {
        cause?: unknown;
    });
}
/** An error raised by the discrete-event kernel: misuse of the clock, queue or streams. */
export declare class EngineError extends ChokepointError {
}
