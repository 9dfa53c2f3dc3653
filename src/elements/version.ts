/**
 * The library version, injected by the build (`scripts/build-elements.mjs`) from package.json.
 * Unbuilt code (unit tests) reports `0.0.0-dev`.
 */
declare const __KAIROS_ELEMENTS_VERSION__: string | undefined;

/** The library version, for example `0.1.0`. */
export const VERSION: string = typeof __KAIROS_ELEMENTS_VERSION__ === 'string' ? __KAIROS_ELEMENTS_VERSION__ : '0.0.0-dev';
