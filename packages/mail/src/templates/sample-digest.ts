import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DigestInput, DigestPaper, FooterInput } from './types.ts';

// Realistic sample data for the preview and the benchmark: real titles and abstracts from
// data/sample-papers.jsonl, with made-up authors, links and votes (the file has none).

const SAMPLE_PAPERS = fileURLToPath(new URL('../../../../data/sample-papers.jsonl', import.meta.url));
const FOLLOWED = [
  { pattern: /diffusion|generative|flow matching/i, reason: 'Because you follow Diffusion & generative models' },
  { pattern: /speech|audio|sound|music/i, reason: 'Because you follow Speech & audio' },
  { pattern: /source separation/i, reason: 'Matches your keyword “source separation”' },
];
const AUTHORS = [
  'Yaron Lipman',
  'Qiuqiang Kong',
  'Alexandre Défossez',
  'Yi Luo',
  'Nima Mesgarani',
  'Ricky T. Q. Chen',
  'Neta Shaul',
  'Matt Le',
];
const UPVOTES = [214, 96, 41, 17, 0, 8];

export const SAMPLE_FOOTER: FooterInput = {
  publicUrl: 'https://paperboy.example.org',
  postalAddress: 'Paperboy, c/o Example Labs, Torstraße 1, 10119 Berlin, Germany',
};

export function sampleDigestInput(paperCount: number): DigestInput {
  const papers = readSampleAbstracts()
    .map((paper) => ({ ...paper, reasons: FOLLOWED.filter(({ pattern }) => pattern.test(paper.title)).map(({ reason }) => reason) }))
    .filter((paper) => paper.reasons.length > 0)
    .slice(0, paperCount)
    .map((paper, index) => samplePaper(paper.title, paper.summary, paper.reasons, index));
  return {
    email: 'ada.researcher@example.com',
    date: '2026-11-23',
    papers,
    topicNames: ['Diffusion & generative models', 'Speech & audio'],
    preferencesUrl: 'https://paperboy.example.org/preferences?token=pref_3f9a',
    unsubscribeUrl: 'https://paperboy.example.org/unsubscribe?token=unsub_3f9a',
    viewInBrowserUrl: 'https://paperboy.example.org/digests/2026-11-23?token=view_3f9a',
    footer: SAMPLE_FOOTER,
  };
}

function readSampleAbstracts(): { title: string; summary: string }[] {
  return readFileSync(SAMPLE_PAPERS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { title: string; summary: string });
}

function samplePaper(title: string, abstract: string, reasons: string[], index: number): DigestPaper {
  const arxivId = `2411.${String(4021 + index * 137).padStart(5, '0')}`;
  return {
    title,
    url: `https://huggingface.co/papers/${arxivId}`,
    arxivUrl: `https://arxiv.org/abs/${arxivId}`,
    pdfUrl: index % 4 === 3 ? undefined : `https://arxiv.org/pdf/${arxivId}`,
    codeUrl: index % 2 === 0 ? `https://github.com/example-lab/paper-${index}` : undefined,
    authors: AUTHORS.slice(index % 3, (index % 3) + 2 + (index % 4)),
    upvotes: UPVOTES[index % UPVOTES.length] ?? 0,
    reasons,
    summary: abstract
      .split(/(?<=[.!?])\s+(?=[A-Z])/)
      .slice(0, 2)
      .join(' '),
  };
}
