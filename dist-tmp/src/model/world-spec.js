export {};
//# sourceMappingURL=world-spec.js.map