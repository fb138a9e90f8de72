import type { Child } from 'hono/jsx';

/** A wide table scrolls sideways on a phone; focusable and named so keyboard users can scroll it too. */
export function ScrollRegion(props: { label: string; children: Child }) {
  return (
    <section class="table-scroll" aria-label={props.label} tabindex={0}>
      {props.children}
    </section>
  );
}
