import { describe, expect, it } from 'vitest';
import { classifyPaper, classifyPapers } from './classify-paper.ts';
import { compileTopics } from './compile-topics.ts';
import { loadTopicDefinitions } from './load-topics.ts';
import type { TopicDefinition } from './terms-schema.ts';

const topics = loadTopicDefinitions();
const slugsOf = (matches: Array<{ slug: string }>) => matches.map((match) => match.slug);

const speechSeparation = {
  title: 'Dual-path transformers for monaural speech separation',
  summary:
    'We propose a model that separates overlapping speakers in a single-channel recording. ' +
    'On WSJ0-2mix, the separated speech reaches a new state of the art in SI-SNR improvement.',
};

const pdeSeparation = {
  title: 'Solving the heat equation by separation of variables with physics-informed neural networks',
  summary:
    'We combine separation of variables with physics-informed neural networks to solve the heat ' +
    'equation and the wave equation on irregular domains, and analyse the separation error.',
};

describe('classifyPaper with the shipped taxonomy', () => {
  it('sends a speech-separation paper to audio first', () => {
    expect(slugsOf(classifyPaper(speechSeparation, topics))[0]).toBe('audio');
  });

  it('does not send a "separation of variables" PDE paper to audio followers', () => {
    const slugs = slugsOf(classifyPaper(pdeSeparation, topics));
    expect(slugs).not.toContain('audio');
    expect(slugs).toContain('science');
  });

  it('does not send a paper about cross-entropy, noise and separability anywhere by accident', () => {
    const paper = {
      title: 'On the linear separability of classes under label noise',
      summary: 'We study when noisy labels keep classes linearly separable under the cross-entropy loss.',
    };
    const slugs = slugsOf(classifyPaper(paper, topics));
    expect(slugs).not.toContain('audio');
    expect(slugs).toContain('trustworthy');
  });

  it('returns topics strongest first, at most three, with positive scores', () => {
    const paper = {
      title: 'Differentially private federated fine-tuning of large language models for clinical notes',
      summary:
        'We fine-tune a large language model on hospital records with differential privacy in a ' +
        'federated setting and report utility on clinical named entity recognition.',
    };
    const matches = classifyPaper(paper, topics);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThanOrEqual(3);
    expect(slugsOf(matches)).toEqual(expect.arrayContaining(['privacy', 'llm']));
    const scores = matches.map((match) => match.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(Math.min(...scores)).toBeGreaterThan(0);
  });

  it('counts Hugging Face keywords and arXiv categories as evidence', () => {
    const vague = { title: 'Towards better mixtures', summary: 'We improve results on standard benchmarks.' };
    expect(slugsOf(classifyPaper(vague, topics))).not.toContain('audio');
    expect(slugsOf(classifyPaper({ ...vague, aiKeywords: ['speech separation'] }, topics))).toContain('audio');
    expect(slugsOf(classifyPaper({ ...vague, categories: ['eess.AS'] }, topics))).toContain('audio');
    // An archive-level hint ("q-bio") covers every category in the archive.
    expect(slugsOf(classifyPaper({ ...vague, categories: ['q-bio.BM'] }, topics))).toContain('science');
  });

  it('gives the same answer from compiled topics and from raw definitions', () => {
    const compiled = compileTopics(topics);
    for (const paper of [speechSeparation, pdeSeparation]) {
      expect(classifyPaper(paper, compiled)).toEqual(classifyPaper(paper, topics));
    }
    expect(classifyPapers([speechSeparation, pdeSeparation], topics)).toEqual([
      classifyPaper(speechSeparation, compiled),
      classifyPaper(pdeSeparation, compiled),
    ]);
  });

  it('gives the same answer for a paper however many papers were classified before it', () => {
    const compiled = compileTopics(topics);
    const first = classifyPaper(speechSeparation, compiled);
    classifyPaper(pdeSeparation, compiled);
    classifyPaper({ title: 'Differentially private federated learning', summary: 'Privacy attacks and defenses.' }, compiled);
    expect(classifyPaper(speechSeparation, compiled)).toEqual(first);
  });
});

describe('classifyPaper reads topic definitions as data', () => {
  const paper = {
    title: 'Neural decoders for quantum error correction on surface codes',
    summary: 'We train a transformer to decode syndromes of surface codes and beat minimum-weight matching.',
  };

  const withTerms = (slug: string, terms: TopicDefinition['terms']) =>
    topics.map((topic) => (topic.slug === slug ? { ...topic, terms } : topic));

  it('picks up a phrase an operator adds, and drops the topic when the phrase is removed', () => {
    const before = slugsOf(classifyPaper(paper, topics));
    expect(before).not.toContain('privacy');
    const privacy = topics.find((topic) => topic.slug === 'privacy');
    const edited = withTerms('privacy', {
      ...privacy?.terms,
      phrases: { ...privacy?.terms.phrases, 'error correction': 6 },
    });
    expect(slugsOf(classifyPaper(paper, edited))).toContain('privacy');
    expect(slugsOf(classifyPaper(paper, topics))).toEqual(before);
  });

  it('honours a negative phrase as a veto and a raised minScore', () => {
    expect(slugsOf(classifyPaper(paper, topics))).toContain('science');
    const science = topics.find((topic) => topic.slug === 'science');
    const vetoed = withTerms('science', { ...science?.terms, phrases: { ...science?.terms.phrases, 'surface code*': -100 } });
    expect(slugsOf(classifyPaper(paper, vetoed))).not.toContain('science');
    const strict = withTerms('science', { ...science?.terms, minScore: 1000 });
    expect(slugsOf(classifyPaper(paper, strict))).not.toContain('science');
  });

  it('classifies into a topic that exists only in the definitions passed in', () => {
    const quantum: TopicDefinition = {
      slug: 'quantum',
      name: 'Quantum computing',
      description: 'Quantum algorithms and hardware.',
      terms: { phrases: { quantum: 3, 'error correction': 3, 'surface code*': 4 } },
    };
    expect(slugsOf(classifyPaper(paper, [...topics, quantum]))[0]).toBe('quantum');
  });

  it('matches nothing for a topic whose terms are empty, as the DB default is', () => {
    const empty = topics.map((topic) => ({ ...topic, terms: {} }));
    expect(classifyPaper(speechSeparation, empty)).toEqual([]);
  });

  it('refuses invalid terms and names the topic', () => {
    const broken = withTerms('audio', { phrases: { 'sp*eech': 3 } });
    expect(() => classifyPaper(speechSeparation, broken)).toThrow(/audio/);
  });
});
