namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>cosine_embedding_loss</c> (tensors <c>input1</c>, <c>input2</c> [N, D] or [D], <c>target</c> [N] or 0-d; option
/// <c>margin</c>) → <see cref="Loss.CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
/// with D the inputs' last dimension. Gradients are checked for input1 and input2.
/// </summary>
public sealed class CosineEmbeddingAdapter : EmbeddingLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "cosine_embedding_loss";

    /// <inheritdoc/>
    public override string Name => "CosineEmbedding";

    /// <inheritdoc/>
    protected override string[] InputNames => ["input1", "input2"];

    /// <inheritdoc/>
    protected override string? TargetName => "target";

    /// <summary>torch's ε, the float32 constant 1e-12 (golden README: even in float64).</summary>
    private const double Epsilon = 1e-12f;

    /// <inheritdoc/>
    /// <remarks>
    /// Torch's gradient of row i is, per element, gP·x2 + 2·(gm·x1) with gP = g/den and gm = −g·(cos/den)/(2·den)·m2
    /// (autograd through prod_sum / sqrt(m1·m2)); at D = 1 the two terms are ≈ ±x2/den and cancel to x2·ε/(den·m1).
    /// The magnitudes |gP·x2| + 2·|gm·x1| (and symmetrically for input2) are recomputed here from the inputs, with
    /// |g| = 1/N for mean and 1 for sum where the row's branch passes a gradient (y = 1, or y = −1 with cos ≥ margin)
    /// and 0 elsewhere.
    /// </remarks>
    public override double[]? GradientTerms(GoldenCase goldenCase, string inputName, Reduction reduction)
    {
        double[] x1 = goldenCase.Inputs["input1"].Data;
        double[] x2 = goldenCase.Inputs["input2"].Data;
        double[] target = goldenCase.Inputs["target"].Data;
        double margin = goldenCase.Number("margin", 0.0);
        int[] shape = goldenCase.Inputs["input1"].Shape;
        int dimension = shape.Length == 0 ? 1 : shape[^1];
        if (dimension == 0 || x1.Length != x2.Length || x1.Length != target.Length * dimension)
        {
            return null;
        }

        int rows = x1.Length / dimension;
        double g = reduction == Reduction.Mean ? 1.0 / rows : 1.0;
        (double[] own, double[] other) = inputName == "input1" ? (x1, x2) : (x2, x1);
        var terms = new double[x1.Length];
        for (int i = 0; i < rows; i++)
        {
            double dot = 0, ownSquare = 0, otherSquare = 0;
            for (int j = i * dimension; j < (i + 1) * dimension; j++)
            {
                dot += own[j] * other[j];
                ownSquare += own[j] * own[j];
                otherSquare += other[j] * other[j];
            }

            double den = Math.Sqrt((ownSquare + Epsilon) * (otherSquare + Epsilon));
            double cos = dot / den;
            double passed = target[i] == 1 || (target[i] == -1 && cos - margin >= 0) ? g : 0;
            double direct = passed / den;
            double throughNorm = passed * Math.Abs(cos / den) / (2 * den) * (otherSquare + Epsilon);
            for (int j = i * dimension; j < (i + 1) * dimension; j++)
            {
                terms[j] = Math.Abs(direct * other[j]) + (2 * Math.Abs(throughNorm * own[j]));
            }
        }

        return terms;
    }

    /// <inheritdoc/>
    protected override EmbeddingCalls<float> Single(GoldenCase goldenCase, int dimension)
    {
        float margin = (float)goldenCase.Number("margin", 0.0);
        return new(
            (x, r) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, margin, r),
            (x, d) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, d, margin),
            (x, g, r) => Loss.CosineEmbeddingGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r),
            (x, g, r) => Loss.CosineEmbeddingWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r));
    }

    /// <inheritdoc/>
    protected override EmbeddingCalls<double> Double(GoldenCase goldenCase, int dimension)
    {
        double margin = goldenCase.Number("margin", 0.0);
        return new(
            (x, r) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, margin, r),
            (x, d) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, d, margin),
            (x, g, r) => Loss.CosineEmbeddingGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r),
            (x, g, r) => Loss.CosineEmbeddingWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r));
    }
}
