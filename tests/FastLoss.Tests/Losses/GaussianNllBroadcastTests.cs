using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Losses;

/// <summary>
/// gaussian_nll_loss with torch's broadcast <c>var</c> (one per row of the last dimension, or a single value): the loss
/// and the input's and target's gradients equal the per-element overloads on the expanded variance bit for bit, the
/// variance's gradient is the expanded gradient summed over the broadcast, and the argument checks run before any write.
/// </summary>
public class GaussianNllBroadcastTests
{
    public static TheoryData<int, int, bool> Shapes => new()
    {
        { 1, 1, false }, { 7, 3, false }, { 40, 17, true }, { 9, 100, false }, { 300, 5, true }, { 2, 33, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Broadcast_equals_the_expanded_variance(int rows, int dimension, bool full)
    {
        Check<float>(rows, dimension, full);
        Check<double>(rows, dimension, full);
    }

    [Fact]
    public void Validation_runs_before_any_write()
    {
        float[] x = [1, 2, 3, 4, 5, 6], t = [0, 1, 0, 1, 0, 1];
        float[] g = Filled(6), tg = Filled(6), vg = Filled(2);

        void Unchanged()
        {
            Assert.All(g, v => Assert.Equal(-7f, v));
            Assert.All(tg, v => Assert.Equal(-7f, v));
            Assert.All(vg, v => Assert.Equal(-7f, v));
        }

        // Neither n, n / D nor 1 values.
        var e = Assert.Throws<ArgumentException>(() => Loss.GaussianNllGradients(x, t, 3, [1f, 1f, 1f], 1e-6f, g, tg, vg));
        Assert.Equal("variance", e.ParamName);
        Unchanged();

        // D does not divide n, or is not positive.
        Assert.Equal("dimension", Assert.Throws<ArgumentException>(() => Loss.GaussianNllWithGradients(x, t, 4, [1f, 1f], 1e-6f, g, tg, vg)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Loss.GaussianNll(x, t, 0, [1f], 1e-6f, g));
        Unchanged();

        // A negative variance, with torch's message and the caller's index.
        e = Assert.Throws<ArgumentException>(() => Loss.GaussianNllWithGradients(x, t, 3, [1f, -0.5f], 1e-6f, g, tg, vg));
        Assert.Contains("var has negative entry/entries", e.Message, StringComparison.Ordinal);
        Assert.Contains("variance[1]", e.Message, StringComparison.Ordinal);
        Unchanged();

        // NaN is let through, as in torch.
        Assert.True(float.IsNaN(Loss.GaussianNll(x, t, 3, [float.NaN, 1f], 1e-6f, Reduction.Sum)));

        // The variance gradient too short, overlapping another gradient or partially an operand.
        Assert.Equal("varianceGradient", Assert.Throws<ArgumentException>(() => Loss.GaussianNllGradients(x, t, 3, [1f, 2f], 1e-6f, g, tg, vg.AsSpan(0, 1))).ParamName);
        Assert.Equal("varianceGradient", Assert.Throws<ArgumentException>(() => Loss.GaussianNllGradients(x, t, 3, [1f, 2f], 1e-6f, g, tg, g.AsSpan(4, 2))).ParamName);
        float[] shared = [1f, 2f, 3f];
        Assert.Equal("varianceGradient", Assert.Throws<ArgumentException>(() => Loss.GaussianNllGradients(x, t, 3, shared.AsSpan(0, 2), 1e-6f, g, tg, shared.AsSpan(1, 2))).ParamName);
        Unchanged();

        // Destinations too short or partially overlapping the variance.
        Assert.Throws<ArgumentException>(() => Loss.GaussianNllGradient(x, t, 3, [1f, 2f], 1e-6f, g.AsSpan(0, 5)));
        float[] buffer = new float[8];
        buffer[0] = 1f;
        Assert.Throws<ArgumentException>(() => Loss.GaussianNll(x, t, 3, buffer.AsSpan(0, 2), 1e-6f, buffer.AsSpan(1, 6)));
        Unchanged();

        // Exactly the variance as its own gradient (in place) is fine.
        float[] variance = [1f, 2f];
        Loss.GaussianNllGradients(x, t, 3, variance, 1e-6f, g, tg, variance);
        float[] expected = new float[2];
        Loss.GaussianNllGradients(x, t, 3, [1f, 2f], 1e-6f, new float[6], new float[6], expected);
        Assert.Equal(expected, variance);
    }

    private static float[] Filled(int n) => Enumerable.Repeat(-7f, n).ToArray();

    private static void Check<T>(int rows, int dimension, bool full)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = rows * dimension;
        var random = new Random((rows * 131) + dimension);
        T[] x = Values<T>(n, random, -2, 2), t = Values<T>(n, random, -2, 2);
        T[] perRow = Values<T>(rows, random, 0, 3);
        perRow[0] = T.Zero; // below eps: the clamp's gradient still flows, as in torch
        T[] scalar = Values<T>(1, random, 0.1, 3);
        T eps = T.CreateTruncating(1e-6);
        foreach (T[] variance in new[] { perRow, scalar })
        {
            T[] expanded = new T[n];
            for (int i = 0; i < n; i++)
            {
                expanded[i] = variance.Length == 1 ? variance[0] : variance[i / dimension];
            }

            foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
            {
                Assert.Equal(Api<T>.Reduce(full, x, t, 1, expanded, eps, r), Api<T>.Reduce(full, x, t, dimension, variance, eps, r));

                T[] d1 = new T[n], d2 = new T[n];
                Assert.Equal(Api<T>.WithGradient(full, x, t, 1, expanded, eps, d1, r), Api<T>.WithGradient(full, x, t, dimension, variance, eps, d2, r));
                Assert.Equal(d1, d2);
                Api<T>.Gradient(full, x, t, dimension, variance, eps, d2, r);
                Assert.Equal(d1, d2);

                T[] g1 = new T[n], tg1 = new T[n], vg1 = new T[n];
                T[] g2 = new T[n], tg2 = new T[n], vg2 = new T[variance.Length];
                T l1 = Api<T>.WithGradients(full, x, t, 1, expanded, eps, g1, tg1, vg1, r);
                T l2 = Api<T>.WithGradients(full, x, t, dimension, variance, eps, g2, tg2, vg2, r);
                Assert.Equal(l1, l2);
                Assert.Equal(g1, g2);
                Assert.Equal(tg1, tg2);
                AssertSummed(vg1, vg2, variance.Length == 1 ? n : dimension);

                Array.Clear(g2);
                Array.Clear(tg2);
                Array.Clear(vg2);
                Api<T>.Gradients(full, x, t, dimension, variance, eps, g2, tg2, vg2, r);
                Assert.Equal(g1, g2);
                Assert.Equal(tg1, tg2);
                AssertSummed(vg1, vg2, variance.Length == 1 ? n : dimension);
            }

            T[] none1 = new T[n], none2 = new T[n];
            Api<T>.None(full, x, t, 1, expanded, eps, none1);
            Api<T>.None(full, x, t, dimension, variance, eps, none2);
            Assert.Equal(none1, none2);
        }
    }

    /// <summary>Each broadcast value's gradient is its group's element-wise gradients summed: exactly in FastLoss's cascade, and close to a plain double sum.</summary>
    private static void AssertSummed<T>(T[] elementwise, T[] summed, int group)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(elementwise.Length / group, summed.Length);
        for (int k = 0; k < summed.Length; k++)
        {
            ReadOnlySpan<T> slice = elementwise.AsSpan(k * group, group);
            Assert.Equal(ElementwiseDriver.Total(slice), summed[k]);
            double plain = 0, magnitude = 0;
            foreach (T v in slice)
            {
                plain += double.CreateTruncating(v);
                magnitude += Math.Abs(double.CreateTruncating(v));
            }

            double ulp = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
            Assert.True(Math.Abs(double.CreateTruncating(summed[k]) - plain) <= 4 * ulp * (magnitude + 1e-30) * Math.Log2(group + 2), $"group {k}: {summed[k]} vs {plain}");
        }
    }

    private static T[] Values<T>(int n, Random random, double low, double high)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, n).Select(_ => T.CreateTruncating(low + ((high - low) * random.NextDouble()))).ToArray();

    /// <summary>The float/double overloads of GaussianNll and GaussianNllFull behind one generic face; dimension 1 with one variance per element is the per-element API.</summary>
    private static class Api<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static T Reduce(bool full, T[] x, T[] t, int d, T[] v, T eps, Reduction r) => typeof(T) == typeof(float)
            ? (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFull(F(x), F(t), F(v), (float)(object)eps, r) : Loss.GaussianNll(F(x), F(t), F(v), (float)(object)eps, r))
                : (full ? Loss.GaussianNllFull(F(x), F(t), d, F(v), (float)(object)eps, r) : Loss.GaussianNll(F(x), F(t), d, F(v), (float)(object)eps, r)))
            : (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFull(D(x), D(t), D(v), (double)(object)eps, r) : Loss.GaussianNll(D(x), D(t), D(v), (double)(object)eps, r))
                : (full ? Loss.GaussianNllFull(D(x), D(t), d, D(v), (double)(object)eps, r) : Loss.GaussianNll(D(x), D(t), d, D(v), (double)(object)eps, r)));

        public static void None(bool full, T[] x, T[] t, int d, T[] v, T eps, T[] o)
        {
            if (typeof(T) == typeof(float))
            {
                float e = (float)(object)eps;
                if (d == 1) { if (full) { Loss.GaussianNllFull(F(x), F(t), F(v), e, F(o)); } else { Loss.GaussianNll(F(x), F(t), F(v), e, F(o)); } }
                else if (full) { Loss.GaussianNllFull(F(x), F(t), d, F(v), e, F(o)); }
                else { Loss.GaussianNll(F(x), F(t), d, F(v), e, F(o)); }
            }
            else
            {
                double e = (double)(object)eps;
                if (d == 1) { if (full) { Loss.GaussianNllFull(D(x), D(t), D(v), e, D(o)); } else { Loss.GaussianNll(D(x), D(t), D(v), e, D(o)); } }
                else if (full) { Loss.GaussianNllFull(D(x), D(t), d, D(v), e, D(o)); }
                else { Loss.GaussianNll(D(x), D(t), d, D(v), e, D(o)); }
            }
        }

        public static void Gradient(bool full, T[] x, T[] t, int d, T[] v, T eps, T[] g, Reduction r)
        {
            if (typeof(T) == typeof(float))
            {
                if (full) { Loss.GaussianNllFullGradient(F(x), F(t), d, F(v), (float)(object)eps, F(g), r); } else { Loss.GaussianNllGradient(F(x), F(t), d, F(v), (float)(object)eps, F(g), r); }
            }
            else if (full) { Loss.GaussianNllFullGradient(D(x), D(t), d, D(v), (double)(object)eps, D(g), r); }
            else { Loss.GaussianNllGradient(D(x), D(t), d, D(v), (double)(object)eps, D(g), r); }
        }

        public static T WithGradient(bool full, T[] x, T[] t, int d, T[] v, T eps, T[] g, Reduction r) => typeof(T) == typeof(float)
            ? (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFullWithGradient(F(x), F(t), F(v), (float)(object)eps, F(g), r) : Loss.GaussianNllWithGradient(F(x), F(t), F(v), (float)(object)eps, F(g), r))
                : (full ? Loss.GaussianNllFullWithGradient(F(x), F(t), d, F(v), (float)(object)eps, F(g), r) : Loss.GaussianNllWithGradient(F(x), F(t), d, F(v), (float)(object)eps, F(g), r)))
            : (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFullWithGradient(D(x), D(t), D(v), (double)(object)eps, D(g), r) : Loss.GaussianNllWithGradient(D(x), D(t), D(v), (double)(object)eps, D(g), r))
                : (full ? Loss.GaussianNllFullWithGradient(D(x), D(t), d, D(v), (double)(object)eps, D(g), r) : Loss.GaussianNllWithGradient(D(x), D(t), d, D(v), (double)(object)eps, D(g), r)));

        public static void Gradients(bool full, T[] x, T[] t, int d, T[] v, T eps, T[] g, T[] tg, T[] vg, Reduction r)
        {
            if (typeof(T) == typeof(float))
            {
                if (full) { Loss.GaussianNllFullGradients(F(x), F(t), d, F(v), (float)(object)eps, F(g), F(tg), F(vg), r); } else { Loss.GaussianNllGradients(F(x), F(t), d, F(v), (float)(object)eps, F(g), F(tg), F(vg), r); }
            }
            else if (full) { Loss.GaussianNllFullGradients(D(x), D(t), d, D(v), (double)(object)eps, D(g), D(tg), D(vg), r); }
            else { Loss.GaussianNllGradients(D(x), D(t), d, D(v), (double)(object)eps, D(g), D(tg), D(vg), r); }
        }

        public static T WithGradients(bool full, T[] x, T[] t, int d, T[] v, T eps, T[] g, T[] tg, T[] vg, Reduction r) => typeof(T) == typeof(float)
            ? (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFullWithGradients(F(x), F(t), F(v), (float)(object)eps, F(g), F(tg), F(vg), r) : Loss.GaussianNllWithGradients(F(x), F(t), F(v), (float)(object)eps, F(g), F(tg), F(vg), r))
                : (full ? Loss.GaussianNllFullWithGradients(F(x), F(t), d, F(v), (float)(object)eps, F(g), F(tg), F(vg), r) : Loss.GaussianNllWithGradients(F(x), F(t), d, F(v), (float)(object)eps, F(g), F(tg), F(vg), r)))
            : (T)(object)(d == 1
                ? (full ? Loss.GaussianNllFullWithGradients(D(x), D(t), D(v), (double)(object)eps, D(g), D(tg), D(vg), r) : Loss.GaussianNllWithGradients(D(x), D(t), D(v), (double)(object)eps, D(g), D(tg), D(vg), r))
                : (full ? Loss.GaussianNllFullWithGradients(D(x), D(t), d, D(v), (double)(object)eps, D(g), D(tg), D(vg), r) : Loss.GaussianNllWithGradients(D(x), D(t), d, D(v), (double)(object)eps, D(g), D(tg), D(vg), r)));

        private static float[] F(T[] a) => (float[])(object)a;

        private static double[] D(T[] a) => (double[])(object)a;
    }
}
