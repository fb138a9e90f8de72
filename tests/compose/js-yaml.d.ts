// js-yaml ships without types; this is the one function the compose tests use.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
