/**
 * The base of every error chokepoint throws on purpose. Each layer has one subclass
 * (EngineError here, ModelError, ScenarioError, ...), so a caller can tell which layer
 * refused and why without parsing messages.
 */
/** Base class of all deliberate chokepoint errors. `code` is stable; the message is for people. */
export class ChokepointError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = new.target.name;
        this.code = code;
    }
}
/** An error raised by the discrete-event kernel: misuse of the clock, queue or streams. */
export class EngineError extends ChokepointError {
}
//# sourceMappingURL=chokepoint-error.js.map