/** Addresses the benchmark mails, one domain per phase, so the sink's counts tell the phases apart. */
export const DIGEST_DOMAIN = 'digest.paperboy.bench';
export const NAIVE_DOMAIN = 'naive.paperboy.bench';

export const ceilingAddress = (index: number) => `reader${index}@ceiling.paperboy.bench`;
