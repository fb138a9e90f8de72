/** Term weights of a text: indices into a vocabulary and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** What a logistic regression sees of one example: an optional sparse part and a dense part. */
export interface Features {
  sparse?: SparseVector;
  dense: ArrayLike<number>;
}

/** A fitted binary logistic regression: p = sigmoid(sparseWeights . sparse + weights . dense + bias). */
export interface LogisticModel {
  sparseWeights?: Float32Array;
  weights: number[];
  bias: number;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  epochs: number;
  learningRate: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function linear(model: LogisticModel, features: Features): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] as number) * (features.dense[i] as number);
  const { sparse } = features;
  if (sparse && model.sparseWeights) {
    for (let j = 0; j < sparse.indices.length; j++)
      z += (model.sparseWeights[sparse.indices[j] as number] as number) * (sparse.values[j] as number);
  }
  return z;
}

export function predictFeatures(model: LogisticModel, features: Features): number {
  return sigmoid(linear(model, features));
}

export function predictLogistic(model: LogisticModel, x: ArrayLike<number>): number {
  return predictFeatures(model, { dense: x });
}

/** Adam's step for every weight, from the summed gradient over n examples (the bias, last, is not penalised). */
class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private step = 0;

  constructor(
    readonly weights: Float64Array,
    private readonly options: LogisticOptions,
  ) {
    this.m = new Float64Array(weights.length);
    this.v = new Float64Array(weights.length);
  }

  apply(gradient: Float64Array, n: number): void {
    this.step++;
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    const last = this.weights.length - 1;
    for (let i = 0; i <= last; i++) {
      const g = (gradient[i] as number) / n + (i < last ? this.options.l2 * (this.weights[i] as number) : 0);
      this.m[i] = beta1 * (this.m[i] as number) + (1 - beta1) * g;
      this.v[i] = beta2 * (this.v[i] as number) + (1 - beta2) * g * g;
      const mHat = (this.m[i] as number) / (1 - beta1 ** this.step);
      const vHat = (this.v[i] as number) / (1 - beta2 ** this.step);
      this.weights[i] = (this.weights[i] as number) - (this.options.learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
}

/**
 * Minimises the mean log-loss plus l2/2 |w|^2 with full-batch Adam: deterministic (no sampling),
 * and a few hundred passes over a few thousand labelled papers take seconds. The weights are laid
 * out as [sparse (sparseSize) | dense | bias].
 */
export function fitFeatures(examples: Features[], ys: boolean[], sparseSize: number, options: LogisticOptions): LogisticModel {
  const dense = examples[0]?.dense.length ?? 0;
  const adam = new Adam(new Float64Array(sparseSize + dense + 1), options);
  const w = adam.weights;
  const gradient = new Float64Array(w.length);
  const view = (): LogisticModel => ({
    sparseWeights: new Float32Array(w.subarray(0, sparseSize)),
    weights: Array.from(w.subarray(sparseSize, sparseSize + dense)),
    bias: w[sparseSize + dense] as number,
  });
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    examples.forEach((features, index) => {
      let z = w[sparseSize + dense] as number;
      for (let i = 0; i < dense; i++) z += (w[sparseSize + i] as number) * (features.dense[i] as number);
      const { sparse } = features;
      if (sparse)
        for (let j = 0; j < sparse.indices.length; j++) z += (w[sparse.indices[j] as number] as number) * (sparse.values[j] as number);
      const error = sigmoid(z) - (ys[index] ? 1 : 0);
      for (let i = 0; i < dense; i++)
        gradient[sparseSize + i] = (gradient[sparseSize + i] as number) + error * (features.dense[i] as number);
      if (sparse)
        for (let j = 0; j < sparse.indices.length; j++)
          gradient[sparse.indices[j] as number] = (gradient[sparse.indices[j] as number] as number) + error * (sparse.values[j] as number);
      gradient[sparseSize + dense] = (gradient[sparseSize + dense] as number) + error;
    });
    adam.apply(gradient, examples.length);
  }
  return view();
}

/** fitFeatures for dense examples only. */
export function fitLogistic(xs: ArrayLike<number>[], ys: boolean[], options: LogisticOptions): LogisticModel {
  const { weights, bias } = fitFeatures(
    xs.map((dense) => ({ dense })),
    ys,
    0,
    options,
  );
  return { weights, bias };
}
