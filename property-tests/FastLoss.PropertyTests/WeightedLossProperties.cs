using FastLoss.Kernels;
using FastLoss.PropertyTests.Harness;
using FsCheck;
using FsCheck.Fluent;
using Runner = FastLoss.PropertyTests.Harness.Runner;

namespace FastLoss.PropertyTests;

/// <summary>
/// The weighted overloads (torch's <c>weight</c>/<c>pos_weight</c>) over random shapes: per-class weights read
/// exactly like the expanded per-element weights, unit weights give the unweighted loss, and the weighted means are
/// torch's definitions on the driver's sums. Run on every SIMD width in CI, these pin the broadcast loads (contiguous,
/// wrapped and gathered vectors) to the scalar path bit for bit.
/// </summary>
public sealed class WeightedLossProperties
{
    /// <summary>(rows, classes, data seed): up to 2200 elements, classes below and above every vector width.</summary>
    private static readonly Arbitrary<(int Rows, int Classes, int Seed)> Shapes = Arb.From(
        Gen.Zip(Gen.Choose(0, 60), Gen.Frequency((3, Gen.Choose(1, 20)), (1, Gen.Choose(21, 37))), (rows, classes) => (rows, classes))
            .Zip(Gen.Choose(0, int.MaxValue), (shape, seed) => (shape.rows, shape.classes, seed)));

    [Fact]
    public void PerClassWeightsReadLikeExpandedWeights()
        => Runner.Check("per-class == expanded weights [BCE, BCE with logits]", Shapes, shape =>
        {
            (float[] x, float[] t, float[] w, float[] p) = Data(shape);
            float[] wFull = Expand(w, shape.Rows), pFull = Expand(p, shape.Rows);
            float[] probabilities = Array.ConvertAll(x, v => 1f / (1f + MathF.Exp(-v)));
            int n = x.Length, c = shape.Classes;
            float[] g1 = new float[n], g2 = new float[n];
            foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
            {
                Same(Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, c, wFull, pFull, g1, r), Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, c, w, p, g2, r), g1, g2, "logits " + r);
                Same(Loss.BinaryCrossEntropyWithGradient(probabilities, t, c, wFull, g1, r), Loss.BinaryCrossEntropyWithGradient(probabilities, t, c, w, g2, r), g1, g2, "probabilities " + r);
            }

            Loss.BinaryCrossEntropyWithLogits(x, t, c, wFull, pFull, g1);
            Loss.BinaryCrossEntropyWithLogits(x, t, c, w, p, g2);
            Same(0f, 0f, g1, g2, "per-element losses");
        });

    [Fact]
    public void WeightedMeansAreTorchsDefinitions()
        => Runner.Check("weighted mean == Σw·l / Σw (L1, Mse), Σw·l / n (Huber) [double]", Shapes, shape =>
        {
            (float[] xf, float[] tf, _, _) = Data(shape);
            double[] x = Array.ConvertAll(xf, v => (double)v), t = Array.ConvertAll(tf, v => (double)v);
            double[] w = Array.ConvertAll(Expand(Data(shape with { Seed = shape.Seed ^ 1 }).W, shape.Rows), v => (double)v);
            double total = ElementwiseDriver.Total<double>(w);
            Equal(Loss.L1(x, t, weight: w, Reduction.Sum) / total, Loss.L1(x, t, weight: w), "L1");
            Equal(Loss.Mse(x, t, weight: w, Reduction.Sum) / total, Loss.Mse(x, t, weight: w), "Mse");
            Equal(Loss.Huber(x, t, weight: w, 0.5, Reduction.Sum) / x.Length, Loss.Huber(x, t, weight: w, 0.5), "Huber");
            double[] ones = Enumerable.Repeat(1.0, x.Length).ToArray();
            Equal(Loss.Mse(x, t), Loss.Mse(x, t, weight: ones), "Mse, unit weights");
            Equal(Loss.L1(x, t, Reduction.Sum), Loss.L1(x, t, weight: ones, Reduction.Sum), "L1, unit weights");
        });

    private static void Same(float a, float b, float[] ga, float[] gb, string what)
    {
        if (!Num.SameBits(a, b) || !ga.AsSpan().SequenceEqual(gb))
        {
            throw new InvalidOperationException($"{what}: {Num.Show(a)} vs {Num.Show(b)}, or the per-element values differ.");
        }
    }

    private static void Equal(double expected, double actual, string what)
    {
        if (!Num.SameBits(expected, actual))
        {
            throw new InvalidOperationException($"{what}: {Num.Show(actual)} but expected {Num.Show(expected)}.");
        }
    }

    private static (float[] X, float[] T, float[] W, float[] P) Data((int Rows, int Classes, int Seed) shape)
    {
        var random = new Random(shape.Seed);
        int n = shape.Rows * shape.Classes;
        float[] x = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 20) - 10)).ToArray();
        float[] t = Enumerable.Range(0, n).Select(_ => random.Next(3) / 2f).ToArray();
        float[] w = Enumerable.Range(0, shape.Classes).Select(_ => (float)((random.NextDouble() * 4) - 1)).ToArray();
        float[] p = Enumerable.Range(0, shape.Classes).Select(_ => (float)(random.NextDouble() * 5)).ToArray();
        return (x, t, w, p);
    }

    private static float[] Expand(float[] perClass, int rows) => Enumerable.Range(0, rows).SelectMany(_ => perClass).ToArray();
}
