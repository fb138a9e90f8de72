import { TEX_SYMBOLS } from './tex-symbols.ts';

/**
 * arXiv abstracts and titles are LaTeX source. We turn the markup people actually use in them into
 * plain readable text for an email; anything unrecognised is kept verbatim rather than guessed at.
 */

const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301',
  '`': '\u0300',
  '"': '\u0308',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
};
// \"o, \"{o} and {\"o} all mean ö; \i is the dotless i that accented i's are written with.
const ACCENT = String.raw`\\(['\`"^~=.])(?:\{(\\i|[A-Za-z])\}|(\\i|[A-Za-z]))`;
const GROUPED_ACCENT = new RegExp(String.raw`\{${ACCENT}\}`, 'g');
const BARE_ACCENT = new RegExp(ACCENT, 'g');
const FORMAT_COMMAND =
  /\\(?:emph|textbf|textit|textsl|texttt|textsc|textrm|textsf|textnormal|text|underline|url|mathrm|mathbf|mathit|mathcal|mathbb|mathsf|mathtt|boldsymbol|operatorname|tilde|widetilde|hat|widehat|bar|overline|vec)\{([^{}]*)\}/g;
const FORMAT_GROUP = /\{\\(?:em|bf|it|sl|sc|tt|rm|sf)\s+([^{}]*)\}/g;
// pandoc's rule: "$" opens math only before a non-space and closes only after one, not before a digit,
// so "costs $5 and $10" stays money; math starting with a command ("$\sim$10") is never money.
const INLINE_MATH = /(?<![\\$])\$(?:(\\[^$]*?[^\s\\$])\$|(?!\s)([^$]*?[^\s\\$])\$(?!\d))/g;
const DELIMITED_MATH = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;
const COMMAND = /\\([A-Za-z]+)(?![A-Za-z])/g;
// "~" is a TeX non-breaking space only between words ("Fig.~3"); " ~10%" means "about".
const TIE = /(?<=[\p{L}\p{N}.,;:)])~(?=[\p{L}\p{N}\\(])/gu;

/** Converts the TeX markup common in paper metadata to plain Unicode text. */
export function detex(text: string): string {
  const accented = text.replace(GROUPED_ACCENT, combine).replace(BARE_ACCENT, combine).normalize('NFC');
  const unformatted = replaceUntilStable(accented, (s) => s.replace(FORMAT_COMMAND, '$1').replace(FORMAT_GROUP, '$1'));
  // Ties are resolved before math, so the "~" that $\sim$ becomes is never mistaken for one.
  return replaceSymbols(
    unformatted
      .replace(/\$\$/g, '$')
      .replace(/``/g, '“')
      .replace(/''/g, '”')
      .replace(/\\\\|\\[,;: ]/g, ' ')
      .replace(TIE, ' ')
      .replace(INLINE_MATH, (_, command?: string, plain?: string) => mathToText(command ?? plain ?? ''))
      .replace(DELIMITED_MATH, (_, inline?: string, display?: string) => mathToText(inline ?? display ?? '')),
  )
    .replace(/\\([%&_#${}])/g, '$1')
    .replace(/(?<!-)---(?!-)/g, '—')
    .replace(/(?<!-)--(?!-)/g, '–');
}

function combine(_: string, accent: string, braced?: string, bare?: string): string {
  const letter = braced ?? bare ?? '';
  return (letter === '\\i' ? 'i' : letter) + (ACCENTS[accent] ?? '');
}

/** Inside math every command is notation, so unknown ones lose their backslash ("\log n" → "log n"). */
function mathToText(math: string): string {
  return replaceSymbols(math)
    .replace(COMMAND, '$1')
    .replace(/(?<!\\)[{}]/g, '');
}

function replaceSymbols(text: string): string {
  return text.replace(COMMAND, (command: string, name: string) => TEX_SYMBOLS[name] ?? command);
}

/** Nested markup (\textbf{\emph{x}}) unwraps one level per pass; a few passes cover real titles. */
function replaceUntilStable(text: string, pass: (s: string) => string, maxPasses = 5): string {
  let current = text;
  for (let i = 0; i < maxPasses; i++) {
    const next = pass(current);
    if (next === current) break;
    current = next;
  }
  return current;
}
