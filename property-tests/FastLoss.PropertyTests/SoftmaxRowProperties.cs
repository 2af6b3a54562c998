using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using FastLoss.PropertyTests.Harness;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using Runner = FastLoss.PropertyTests.Harness.Runner;

namespace FastLoss.PropertyTests;

/// <summary>
/// The row-wise softmax losses on the [N, C, S] layout with class-index targets: <c>DiceFromLogits</c>,
/// <c>TverskyFromLogits</c> and the spatial <c>PolyCrossEntropy</c>. Kernel == an independent scalar reference in
/// double (the definitions: max-shifted softmax, one-hot sums per class; CE + ε·(1 − p) per position), fused ==
/// separate bit for bit, the gradient against central differences (double), and the reproducibility hashes (every
/// output over fixed data and every buffer alignment, compared with ReproducibilityHashes.txt under each ISA setting).
/// </summary>
public sealed class SoftmaxRowProperties(ITestOutputHelper output)
{
    private const int Ignore = -100;

    /// <summary>A problem: the shape, a seed for the logits and targets, and the hyperparameters.</summary>
    public sealed record RowSample(int N, int C, int S, int Seed, double Alpha, double Beta, double Smooth, bool Background, double Epsilon, double Smoothing)
    {
        /// <summary>Logits (mostly in ±8, some ±30 and ±1e4) and targets (about one in six ignored), [N, C, S] and [N, S].</summary>
        public (T[] X, int[] Y) Data<T>()
            where T : IFloatingPointIeee754<T>
        {
            var random = new Random(Seed);
            T[] x = Enumerable.Range(0, N * C * S).Select(_ => T.CreateTruncating(random.Next(20) switch
            {
                0 => random.Next(2) == 0 ? 1e4 : -1e4,
                1 or 2 => (random.NextDouble() - 0.5) * 60,
                _ => (random.NextDouble() - 0.5) * 16,
            })).ToArray();
            int[] y = Enumerable.Range(0, N * S).Select(_ => random.Next(6) == 0 ? Ignore : random.Next(C)).ToArray();
            return (x, y);
        }
    }

    private static Arbitrary<RowSample> Samples(bool tversky)
    {
        Gen<RowSample> gen =
            from n in Gen.Choose(1, 3)
            from c in Gen.Frequency((4, Gen.Choose(1, 8)), (1, Gen.Choose(9, 40)))
            from s in Gen.Frequency((3, Gen.Choose(1, 12)), (2, Gen.Choose(13, 40)))   // from 8 (double) / 16 (float) positions the softmax runs across them
            from seed in Gen.Choose(0, int.MaxValue)
            from alpha in tversky ? Gen.Choose(0, 10).Select(i => i / 10.0) : Gen.Constant(1.0)
            from beta in tversky ? Gen.Choose(0, 10).Select(i => i / 10.0) : Gen.Constant(1.0)
            from smooth in Gen.Elements(0.0, 1e-5, 0.5, 1.0)
            from background in Gen.Elements(true, true, false)
            from epsilon in Gen.Elements(0.0, 1.0, -1.0, 2.5)
            from smoothing in Gen.Elements(0.0, 0.0, 0.1)
            select new RowSample(n, background ? c : Math.Max(c, 2), s, seed, alpha, beta, smooth, background, epsilon, smoothing);
        return Arb.From(gen);
    }

    /// <summary>Per-class soft Dice/Tversky of softmax(x) against onehot(y), in double (k = 2, α = β = 1 for Dice).</summary>
    private static double[] OverlapReference(double[] x, int[] y, int c, int s, double k, double alpha, double beta, double smooth, bool background)
    {
        double[] i = new double[c], fp = new double[c], fn = new double[c];
        for (int r = 0; r < y.Length; r++)
        {
            if (y[r] == Ignore)
            {
                continue;
            }

            double[] p = Softmax(x, r, c, s);
            for (int j = 0; j < c; j++)
            {
                if (j == y[r])
                {
                    i[j] += p[j];
                    fn[j] += 1 - p[j];
                }
                else
                {
                    fp[j] += p[j];
                }
            }
        }

        return Enumerable.Range(background ? 0 : 1, background ? c : c - 1)
            .Select(j => ((alpha * fp[j]) + (beta * fn[j])) / ((k * i[j]) + (alpha * fp[j]) + (beta * fn[j]) + smooth)).ToArray();
    }

    /// <summary>Per-position Poly-1 cross-entropy (unweighted), in double; 0 where ignored.</summary>
    private static double[] PolyReference(double[] x, int[] y, int c, int s, double epsilon, double smoothing)
    {
        double[] losses = new double[y.Length];
        for (int r = 0; r < y.Length; r++)
        {
            if (y[r] == Ignore)
            {
                continue;
            }

            int n = r / s, j = r % s;
            double max = Enumerable.Range(0, c).Max(k => x[(((n * c) + k) * s) + j]);
            double lse = max + Math.Log(Enumerable.Range(0, c).Sum(k => Math.Exp(x[(((n * c) + k) * s) + j] - max)));
            double loss = (1 - smoothing) * (lse - x[(((n * c) + y[r]) * s) + j]);
            for (int k = 0; k < c; k++)
            {
                loss += smoothing / c * (lse - x[(((n * c) + k) * s) + j]);
            }

            losses[r] = loss + (epsilon * -double.ExpM1(x[(((n * c) + y[r]) * s) + j] - lse));
        }

        return losses;
    }

    private static double[] Softmax(double[] x, int r, int c, int s)
    {
        int n = r / s, j = r % s;
        double[] row = Enumerable.Range(0, c).Select(k => x[(((n * c) + k) * s) + j]).ToArray();
        double max = row.Max();
        double sum = row.Sum(v => Math.Exp(v - max));
        return row.Select(v => Math.Exp(v - max) / sum).ToArray();
    }

    /// <summary>|kernel − reference| within a few ulps of the magnitudes involved; NaN exactly where the reference is NaN.</summary>
    private static void Near<T>(string what, RowSample sample, T kernel, double reference)
        where T : IFloatingPointIeee754<T>
    {
        double tolerance = (typeof(T) == typeof(float) ? 2e-5 : 1e-11) * (1 + Math.Abs(reference));
        double k = double.CreateTruncating(kernel);
        if (double.IsNaN(k) && double.IsNaN(reference))
        {
            return;   // 0/0: s = 0 and a class with nothing predicted or present
        }

        if (!(Math.Abs(k - reference) <= tolerance))
        {
            throw new InvalidOperationException($"{what} = {k:R}, reference {reference:R} (tolerance {tolerance:R}) for {sample}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Overlap_from_logits_kernel_matches_the_scalar_reference(bool tversky, bool single)
    {
        if (single)
        {
            OverlapMatches<float>(tversky);
        }
        else
        {
            OverlapMatches<double>(tversky);
        }
    }

    private static void OverlapMatches<T>(bool tversky)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string name = (tversky ? "TverskyFromLogits" : "DiceFromLogits") + (typeof(T) == typeof(float) ? "<float>" : "<double>");
        Runner.Check($"kernel == reference [{name}]", Samples(tversky), sample =>
        {
            (T[] x, int[] y) = sample.Data<T>();
            double[] expected = OverlapReference(x.Select(double.CreateTruncating).ToArray(), y, sample.C, sample.S, tversky ? 1 : 2, sample.Alpha, sample.Beta, sample.Smooth, sample.Background);
            var losses = new T[expected.Length];
            string loss = tversky ? "TverskyFromLogits" : "DiceFromLogits";
            PerGroup<T>(loss, x, y, sample, losses);
            for (int j = 0; j < expected.Length; j++)
            {
                Near($"{name} class {j}", sample, losses[j], expected[j]);
            }

            Near($"{name} mean", sample, Reduce<T>(loss, x, y, sample, Reduction.Mean), expected.Average());
            Near($"{name} sum", sample, Reduce<T>(loss, x, y, sample, Reduction.Sum), expected.Sum());
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spatial_poly_cross_entropy_kernel_matches_the_scalar_reference(bool single)
    {
        if (single)
        {
            PolyMatches<float>();
        }
        else
        {
            PolyMatches<double>();
        }
    }

    private static void PolyMatches<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Runner.Check($"kernel == reference [PolyCrossEntropySpatial<{typeof(T).Name}>]", Samples(false), sample =>
        {
            (T[] x, int[] y) = sample.Data<T>();
            double[] expected = PolyReference(x.Select(double.CreateTruncating).ToArray(), y, sample.C, sample.S, sample.Epsilon, sample.Smoothing);
            var losses = new T[y.Length];
            PerGroup<T>("PolyCrossEntropySpatial", x, y, sample, losses);
            for (int r = 0; r < y.Length; r++)
            {
                Near($"loss[{r}]", sample, losses[r], expected[r]);
            }

            int kept = y.Count(v => v != Ignore);
            Near("sum", sample, Reduce<T>("PolyCrossEntropySpatial", x, y, sample, Reduction.Sum), expected.Sum());
            if (kept > 0)
            {
                Near("mean", sample, Reduce<T>("PolyCrossEntropySpatial", x, y, sample, Reduction.Mean), expected.Sum() / kept);
            }
        });
    }

    [Theory]
    [InlineData("DiceFromLogits")]
    [InlineData("TverskyFromLogits")]
    [InlineData("PolyCrossEntropySpatial")]
    public void Fused_equals_separate_and_the_gradient_matches_central_differences(string loss)
    {
        Runner.Check($"fused == separate, gradient == finite differences [{loss}<double>]", Samples(loss == "TverskyFromLogits"), sample =>
        {
            (double[] x0, int[] y) = sample.Data<double>();
            double[] x = x0.Select(v => Math.Clamp(v, -8, 8)).ToArray();   // finite differences need moderate logits
            double[] fused = new double[x.Length], separate = new double[x.Length];
            double value = Fused<double>(loss, x, y, sample, fused, Reduction.Mean);
            double reduced = Reduce<double>(loss, x, y, sample, Reduction.Mean);
            Gradient<double>(loss, x, y, sample, separate, Reduction.Mean);
            if (BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(reduced) || !fused.AsSpan().SequenceEqual(separate))
            {
                throw new InvalidOperationException($"fused and separate differ for {sample}");
            }

            if (!double.IsFinite(value))
            {
                return;   // e.g. every position ignored: the mean is NaN
            }

            const double H = 1e-6;
            for (int i = 0; i < x.Length; i++)
            {
                double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
                plus[i] += H;
                minus[i] -= H;
                double numeric = (Reduce<double>(loss, plus, y, sample, Reduction.Mean) - Reduce<double>(loss, minus, y, sample, Reduction.Mean)) / (2 * H);
                if (!(Math.Abs(numeric - fused[i]) <= 1e-7 * (1 + Math.Abs(numeric))))
                {
                    throw new InvalidOperationException($"gradient[{i}] = {fused[i]:R}, central difference {numeric:R} for {sample}");
                }
            }
        }, maxTest: 40);
    }

    public static TheoryData<string> HashNames => new(
        from loss in new[] { "DiceFromLogits", "TverskyFromLogits", "PolyCrossEntropySpatial" }
        from type in new[] { "<double>", "<float>" }
        select loss + type);

    [Theory]
    [MemberData(nameof(HashNames))]
    public void Outputs_are_bit_identical_on_every_path_and_alignment(string name)
    {
        string actual = name.EndsWith("<float>", StringComparison.Ordinal) ? Hash<float>(name) : Hash<double>(name);
        output.WriteLine($"{name}: {actual} (Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated})");
        ReproducibilityTests.Verify(name, actual);
    }

    /// <summary>Every output over fixed shapes and data, at 4 element offsets (which must agree), hashed.</summary>
    private static string Hash<T>(string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string loss = name[..name.IndexOf('<', StringComparison.Ordinal)];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new ReproducibilityTests.SplitMix(0x5EED);
        foreach ((int n, int c, int s) in new[] { (2, 1, 5), (2, 2, 1), (3, 5, 7), (2, 17, 33), (1, 70, 3), (4, 3, 300) })
        {
            var sample = new RowSample(n, c, s, 0, 0.3, 0.7, 1e-5, c % 2 == 1, 1.0, c > 2 ? 0.1 : 0);
            T[] x = Enumerable.Range(0, n * c * s).Select(_ => T.CreateTruncating((random.NextDouble() - 0.5) * 24)).ToArray();
            int[] y = Enumerable.Range(0, n * s).Select(_ => random.NextDouble() < 0.15 ? Ignore : (int)(random.NextDouble() * c)).ToArray();
            byte[]? first = null;
            for (int offset = 0; offset < 4; offset++)
            {
                var shifted = new T[x.Length + offset];
                x.CopyTo(shifted, offset);
                byte[] bytes = Outputs<T>(loss, shifted.AsSpan(offset), y, sample);
                if (first is null)
                {
                    first = bytes;
                    sha.AppendData(bytes);
                }
                else if (!bytes.AsSpan().SequenceEqual(first))
                {
                    throw new InvalidOperationException($"{name}: shape ({n}, {c}, {s}), offset {offset} gives other bits than offset 0.");
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static byte[] Outputs<T>(string loss, ReadOnlySpan<T> x, int[] y, RowSample sample)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new List<T> { Reduce(loss, x, y, sample, Reduction.Mean), Reduce(loss, x, y, sample, Reduction.Sum) };
        var gradient = new T[x.Length];
        Gradient(loss, x, y, sample, gradient, Reduction.Mean);
        values.AddRange(gradient);
        values.Add(Fused(loss, x, y, sample, gradient, Reduction.Sum));
        values.AddRange(gradient);
        var losses = new T[loss == "PolyCrossEntropySpatial" ? y.Length : sample.Background ? sample.C : sample.C - 1];
        PerGroup(loss, x, y, sample, losses);
        values.AddRange(losses);
        return MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(values)).ToArray();
    }

    // The calls, for T = float or double (spans reinterpreted, results converted exactly); Dice ignores α and β, the
    // spatial PolyCrossEntropy is unweighted with ε and label smoothing from the sample.
    private static bool Single<T>() => typeof(T) == typeof(float);

    private static ReadOnlySpan<float> F<T>(ReadOnlySpan<T> x)
        where T : unmanaged => MemoryMarshal.Cast<T, float>(x);

    private static ReadOnlySpan<double> D<T>(ReadOnlySpan<T> x)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(x);

    private static Span<float> F<T>(Span<T> x)
        where T : unmanaged => MemoryMarshal.Cast<T, float>(x);

    private static Span<double> D<T>(Span<T> x)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(x);

    private static T Reduce<T>(string loss, ReadOnlySpan<T> x, int[] y, RowSample p, Reduction r)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => loss switch
    {
        "DiceFromLogits" => Single<T>()
            ? T.CreateTruncating(Loss.DiceFromLogits(F(x), y, p.C, p.S, (float)p.Smooth, Ignore, p.Background, r))
            : T.CreateTruncating(Loss.DiceFromLogits(D(x), y, p.C, p.S, p.Smooth, Ignore, p.Background, r)),
        "TverskyFromLogits" => Single<T>()
            ? T.CreateTruncating(Loss.TverskyFromLogits(F(x), y, p.C, p.S, (float)p.Alpha, (float)p.Beta, (float)p.Smooth, Ignore, p.Background, r))
            : T.CreateTruncating(Loss.TverskyFromLogits(D(x), y, p.C, p.S, p.Alpha, p.Beta, p.Smooth, Ignore, p.Background, r)),
        _ => Single<T>()
            ? T.CreateTruncating(Loss.PolyCrossEntropy(F(x), y, p.C, p.S, (float)p.Epsilon, ignoreIndex: Ignore, labelSmoothing: (float)p.Smoothing, reduction: r))
            : T.CreateTruncating(Loss.PolyCrossEntropy(D(x), y, p.C, p.S, p.Epsilon, ignoreIndex: Ignore, labelSmoothing: p.Smoothing, reduction: r)),
    };

    private static T Fused<T>(string loss, ReadOnlySpan<T> x, int[] y, RowSample p, Span<T> g, Reduction r)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => loss switch
    {
        "DiceFromLogits" => Single<T>()
            ? T.CreateTruncating(Loss.DiceFromLogitsWithGradient(F(x), y, p.C, p.S, F(g), (float)p.Smooth, Ignore, p.Background, r))
            : T.CreateTruncating(Loss.DiceFromLogitsWithGradient(D(x), y, p.C, p.S, D(g), p.Smooth, Ignore, p.Background, r)),
        "TverskyFromLogits" => Single<T>()
            ? T.CreateTruncating(Loss.TverskyFromLogitsWithGradient(F(x), y, p.C, p.S, F(g), (float)p.Alpha, (float)p.Beta, (float)p.Smooth, Ignore, p.Background, r))
            : T.CreateTruncating(Loss.TverskyFromLogitsWithGradient(D(x), y, p.C, p.S, D(g), p.Alpha, p.Beta, p.Smooth, Ignore, p.Background, r)),
        _ => Single<T>()
            ? T.CreateTruncating(Loss.PolyCrossEntropyWithGradient(F(x), y, p.C, p.S, F(g), (float)p.Epsilon, ignoreIndex: Ignore, labelSmoothing: (float)p.Smoothing, reduction: r))
            : T.CreateTruncating(Loss.PolyCrossEntropyWithGradient(D(x), y, p.C, p.S, D(g), p.Epsilon, ignoreIndex: Ignore, labelSmoothing: p.Smoothing, reduction: r)),
    };

    private static void Gradient<T>(string loss, ReadOnlySpan<T> x, int[] y, RowSample p, Span<T> g, Reduction r)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (loss, Single<T>())
        {
            case ("DiceFromLogits", true): Loss.DiceFromLogitsGradient(F(x), y, p.C, p.S, F(g), (float)p.Smooth, Ignore, p.Background, r); break;
            case ("DiceFromLogits", false): Loss.DiceFromLogitsGradient(D(x), y, p.C, p.S, D(g), p.Smooth, Ignore, p.Background, r); break;
            case ("TverskyFromLogits", true): Loss.TverskyFromLogitsGradient(F(x), y, p.C, p.S, F(g), (float)p.Alpha, (float)p.Beta, (float)p.Smooth, Ignore, p.Background, r); break;
            case ("TverskyFromLogits", false): Loss.TverskyFromLogitsGradient(D(x), y, p.C, p.S, D(g), p.Alpha, p.Beta, p.Smooth, Ignore, p.Background, r); break;
            case (_, true): Loss.PolyCrossEntropyGradient(F(x), y, p.C, p.S, F(g), (float)p.Epsilon, ignoreIndex: Ignore, labelSmoothing: (float)p.Smoothing, reduction: r); break;
            default: Loss.PolyCrossEntropyGradient(D(x), y, p.C, p.S, D(g), p.Epsilon, ignoreIndex: Ignore, labelSmoothing: p.Smoothing, reduction: r); break;
        }
    }

    /// <summary>Per-class losses (Dice, Tversky) or per-position losses (PolyCrossEntropy).</summary>
    private static void PerGroup<T>(string loss, ReadOnlySpan<T> x, int[] y, RowSample p, Span<T> d)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (loss, Single<T>())
        {
            case ("DiceFromLogits", true): Loss.DiceFromLogits(F(x), y, p.C, p.S, F(d), (float)p.Smooth, Ignore, p.Background); break;
            case ("DiceFromLogits", false): Loss.DiceFromLogits(D(x), y, p.C, p.S, D(d), p.Smooth, Ignore, p.Background); break;
            case ("TverskyFromLogits", true): Loss.TverskyFromLogits(F(x), y, p.C, p.S, F(d), (float)p.Alpha, (float)p.Beta, (float)p.Smooth, Ignore, p.Background); break;
            case ("TverskyFromLogits", false): Loss.TverskyFromLogits(D(x), y, p.C, p.S, D(d), p.Alpha, p.Beta, p.Smooth, Ignore, p.Background); break;
            case (_, true): Loss.PolyCrossEntropy(F(x), y, p.C, p.S, F(d), (float)p.Epsilon, ignoreIndex: Ignore, labelSmoothing: (float)p.Smoothing); break;
            default: Loss.PolyCrossEntropy(D(x), y, p.C, p.S, D(d), p.Epsilon, ignoreIndex: Ignore, labelSmoothing: p.Smoothing); break;
        }
    }
}
