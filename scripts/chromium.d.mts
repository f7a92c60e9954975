/** Where Chromium is: Debian's package, unless CHROMIUM_PATH says otherwise. */
export declare const CHROMIUM_PATH: string;
/** Command-line flags for every Chromium we launch. */
export declare const CHROMIUM_ARGS: string[];
