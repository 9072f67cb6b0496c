/** Packages the mini-program build transpiles to ES2015. */
export declare const TRANSPILED_DEPENDENCIES: string[];
/** Matches a file inside one of them. */
export declare const TRANSPILED_DEPENDENCY_FILE: RegExp;
/** Babel targets with full ES2015 syntax. */
export declare const ES2015_TARGETS: Record<string, string>;
