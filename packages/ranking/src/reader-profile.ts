/** A paper the reader rated, as ranking needs it: its vector to compare, its title to name in a reason. */
export interface RatedPaper {
  id: string;
  title: string;
  vector: Float32Array;
}

/** Everything a reader told us, ready to score papers against; vectors all come from one text model. */
export interface ReaderProfile {
  /** The reader's interests text, embedded; null when they wrote none. */
  interests: Float32Array | null;
  interestsText: string | null;
  liked: RatedPaper[];
  disliked: RatedPaper[];
  /** Names of the authors the reader follows. */
  authors: string[];
  topicSlugs: string[];
}
