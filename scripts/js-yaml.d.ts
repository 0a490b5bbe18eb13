// js-yaml ships no types and @types/js-yaml is not installed; only `load` is used (the builder config test).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
