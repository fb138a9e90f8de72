/**
 * A simulated reader's narrow interest: the papers labelled with all of `topics` are the ones they
 * want, and `text` is what such a researcher would type into "your interests" (written by hand
 * from the topic, never taken from a paper's title).
 */
export interface SimulatedInterest {
  topics: string[];
  text: string;
}

/**
 * Two disjoint halves, each a mix of often co-occurring topic pairs and single rarer topics, with
 * the pairs dealt alternately by how many held-out papers they have so both halves are alike.
 * Anything tuned is tuned on these readers only.
 */
export const TUNING_INTERESTS: readonly SimulatedInterest[] = [
  { topics: ['data', 'multimodal'], text: 'benchmarks and datasets for evaluating vision-language models' },
  { topics: ['llm', 'rl'], text: 'reinforcement learning to improve reasoning in large language models, reward models and RLHF' },
  { topics: ['agents', 'multimodal'], text: 'GUI agents and embodied agents that perceive screens or scenes and act on them' },
  { topics: ['agents', 'llm'], text: 'tool use, planning and memory for language model agents' },
  { topics: ['multimodal', 'rl'], text: 'reinforcement learning for visual reasoning in multimodal models' },
  { topics: ['llm', 'privacy'], text: 'jailbreaks, prompt injection and other attacks on LLMs, and defenses against them' },
  { topics: ['audio', 'multimodal'], text: 'speech and audio language models that listen and respond' },
  { topics: ['llm', 'trustworthy'], text: 'hallucination, interpretability and calibration of language models' },
  { topics: ['llm', 'science'], text: 'language models for scientific discovery, chemistry and medicine' },
  { topics: ['science'], text: 'machine learning for biology, medicine and materials science' },
  { topics: ['audio'], text: 'speech recognition, speech synthesis and audio understanding' },
  { topics: ['architectures'], text: 'new neural network architectures: attention alternatives, state space models, normalization' },
];

export const REPORTING_INTERESTS: readonly SimulatedInterest[] = [
  { topics: ['generative', 'multimodal'], text: 'text-to-image and text-to-video generation with diffusion models' },
  { topics: ['data', 'llm'], text: 'curating pretraining data and building benchmarks for language models' },
  { topics: ['agents', 'data'], text: 'benchmarks and environments for evaluating LLM agents' },
  { topics: ['efficiency', 'llm'], text: 'cheaper LLM inference: quantization, KV cache compression, speculative decoding' },
  { topics: ['agents', 'rl'], text: 'training agents with reinforcement learning in multi-turn environments' },
  { topics: ['data', 'generative'], text: 'datasets and evaluation for image and video generation' },
  { topics: ['efficiency', 'generative'], text: 'faster diffusion sampling: step distillation, caching, efficient video generation' },
  { topics: ['generative', 'vision'], text: 'diffusion models for image editing, 3D generation and novel view synthesis' },
  { topics: ['multimodal', 'vision'], text: 'video understanding and visual grounding with vision-language models' },
  { topics: ['privacy'], text: 'adversarial attacks, privacy leakage and security of machine learning systems' },
  { topics: ['trustworthy'], text: 'interpretability, fairness and robustness of neural networks' },
  { topics: ['representation'], text: 'self-supervised and contrastive representation learning' },
];
