/** A new paper that could go into a reader's email. */
export interface Candidate {
  id: string;
  title: string;
  /** null while the paper waits to be embedded: it can still match by author, topic and trending. */
  vector: Float32Array | null;
  authors: string[];
  topicSlugs: string[];
  /** The reader's keywords the paper matches (the caller matches them); none when absent. */
  keywords?: string[];
  /** The paper's trending score; only its order among the candidates matters. */
  trending: number;
}
