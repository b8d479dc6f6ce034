/** The part of picomatch 2.3 that src/scan/files.ts uses (the package ships no types). */
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    posix?: boolean;
    strictSlashes?: boolean;
    nocase?: boolean;
  }
  interface Picomatch {
    (glob: string | string[], options?: PicomatchOptions): (input: string) => boolean;
    makeRe(glob: string, options?: PicomatchOptions): RegExp;
  }
  const picomatch: Picomatch;
  export default picomatch;
}
