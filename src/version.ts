/** The tool's name and version, written into every output manifest (kept equal to package.json by a test). */
export const TOOL_NAME = "chokepoint";
export const TOOL_VERSION = "0.1.0";
