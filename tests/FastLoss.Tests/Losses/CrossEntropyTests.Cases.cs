namespace FastLoss.Tests.Losses;

/// <summary>Problems, the calls on them, and a double-precision reference.</summary>
public partial class CrossEntropyTests
{
    /// <summary>A random problem: logits (some extreme), targets (some ignored), optional weights.</summary>
    internal sealed record CeCase(float[] X, int[] T, float[]? Soft, int Classes, float[]? W, int Ignore, float Smoothing, int Spatial)
    {
        public static CeCase Make(int rows, int classes, bool weighted, float smoothing, int spatial, int seed, bool probabilities = false)
        {
            var random = new Random(seed);
            rows *= spatial;
            float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray();
            if (x.Length > 3)
            {
                x[random.Next(x.Length)] = 60f;
                x[random.Next(x.Length)] = -90f;
            }

            int[] t = Enumerable.Range(0, rows).Select(i => i % 5 == 3 ? -100 : random.Next(classes)).ToArray();
            float[]? w = weighted ? Enumerable.Range(0, classes).Select(_ => (float)random.NextDouble() + 0.25f).ToArray() : null;
            float[]? soft = null;
            if (probabilities)
            {
                soft = Enumerable.Range(0, x.Length).Select(_ => (float)random.NextDouble()).ToArray();
            }

            return new CeCase(x, t, soft, classes, w, -100, smoothing, spatial);
        }

        public float Reduce(Reduction r) => Soft is null
            ? Loss.CrossEntropy(X, T, Classes, Spatial, W, Ignore, Smoothing, r)
            : Loss.CrossEntropy(X, Soft, Classes, Spatial, W, Smoothing, r);

        public float[] PerSample()
        {
            float[] d = new float[Soft is null ? T.Length : X.Length / Classes];
            if (Soft is null)
            {
                Loss.CrossEntropy(X, T, Classes, Spatial, d.AsSpan(), W, Ignore, Smoothing);
            }
            else
            {
                Loss.CrossEntropy(X, Soft, Classes, Spatial, d.AsSpan(), W, Smoothing);
            }

            return d;
        }

        public float[] Gradient(Reduction r)
        {
            float[] g = new float[X.Length];
            if (Soft is null)
            {
                Loss.CrossEntropyGradient(X, T, Classes, Spatial, g, W, Ignore, Smoothing, r);
            }
            else
            {
                Loss.CrossEntropyGradient(X, Soft, Classes, Spatial, g, W, Smoothing, r);
            }

            return g;
        }

        public float Fused(ReadOnlySpan<float> x, Span<float> g, Reduction r) => Soft is null
            ? Loss.CrossEntropyWithGradient(x, T, Classes, Spatial, g, W, Ignore, Smoothing, r)
            : Loss.CrossEntropyWithGradient(x, Soft, Classes, Spatial, g, W, Smoothing, r);
    }

    internal sealed class Results
    {
        public float Mean { get; private init; }

        public float Sum { get; private init; }

        public float FusedMean { get; private init; }

        public float FusedSum { get; private init; }

        public float[] PerSample { get; private init; } = [];

        public float[] GradientMean { get; private init; } = [];

        public float[] GradientSum { get; private init; } = [];

        public float[] FusedGradientMean { get; private init; } = [];

        public float[] FusedGradientSum { get; private init; } = [];

        public static Results Of(CeCase p)
        {
            float[] fusedMean = new float[p.X.Length], fusedSum = new float[p.X.Length];
            return new Results
            {
                Mean = p.Reduce(Reduction.Mean),
                Sum = p.Reduce(Reduction.Sum),
                PerSample = p.PerSample(),
                GradientMean = p.Gradient(Reduction.Mean),
                GradientSum = p.Gradient(Reduction.Sum),
                FusedMean = p.Fused(p.X, fusedMean, Reduction.Mean),
                FusedSum = p.Fused(p.X, fusedSum, Reduction.Sum),
                FusedGradientMean = fusedMean,
                FusedGradientSum = fusedSum,
            };
        }

        public void AssertSameBits(Results other, string what)
        {
            Assert.True(Bits(Mean) == Bits(other.Mean), $"{what}: mean {Mean} vs {other.Mean}");
            Assert.True(Bits(Sum) == Bits(other.Sum), $"{what}: sum {Sum} vs {other.Sum}");
            Assert.True(Bits(FusedMean) == Bits(other.FusedMean), $"{what}: fused mean");
            Assert.True(PerSample.Select(Bits).SequenceEqual(other.PerSample.Select(Bits)), $"{what}: per-sample");
            Assert.True(GradientMean.Select(Bits).SequenceEqual(other.GradientMean.Select(Bits)), $"{what}: gradient (mean)");
            Assert.True(GradientSum.Select(Bits).SequenceEqual(other.GradientSum.Select(Bits)), $"{what}: gradient (sum)");
            Assert.True(FusedGradientMean.Select(Bits).SequenceEqual(other.FusedGradientMean.Select(Bits)), $"{what}: fused gradient");
        }
    }

    /// <summary>Textbook cross-entropy in double (torch's formulas, written naively).</summary>
    internal sealed class Reference
    {
        public double[] PerSample { get; private init; } = [];

        public double Mean { get; private init; }

        public double[] GradientMean { get; private init; } = [];

        public static Reference Of(CeCase p)
        {
            int c = p.Classes, s = p.Spatial, rows = p.X.Length / c;
            double eps = Math.Max(p.Smoothing, 0);
            double W(int k) => p.W is null ? 1 : p.W[k];
            double[] losses = new double[rows];
            double[] grad = new double[p.X.Length];
            double total = 0, nll = 0, smooth = 0, sum = 0;
            double[] logSoftmax = new double[c];
            int Index(int r, int k) => ((r / s) * c * s) + (k * s) + (r % s);
            for (int r = 0; r < rows; r++)
            {
                double max = Enumerable.Range(0, c).Max(k => (double)p.X[Index(r, k)]);
                double lse = Math.Log(Enumerable.Range(0, c).Sum(k => Math.Exp(p.X[Index(r, k)] - max)));
                for (int k = 0; k < c; k++)
                {
                    logSoftmax[k] = p.X[Index(r, k)] - max - lse;
                }

                if (p.Soft is not null)
                {
                    double l = 0;
                    for (int k = 0; k < c; k++)
                    {
                        l -= W(k) * ((p.Soft[Index(r, k)] * (1 - eps)) + (eps / c)) * logSoftmax[k];
                    }

                    losses[r] = l;
                    sum += l;
                    continue;
                }

                int y = p.T[r];
                if (y == p.Ignore)
                {
                    continue;
                }

                double n = -W(y) * logSoftmax[y];
                double sm = -Enumerable.Range(0, c).Sum(k => W(k) * logSoftmax[k]);
                losses[r] = ((1 - eps) * n) + (eps / c * sm);
                nll += n;
                smooth += sm;
                total += W(y);
            }

            double mean = p.Soft is not null ? sum / rows : ((1 - eps) * nll / total) + (smooth / total * eps / c);
            for (int r = 0; r < rows; r++)
            {
                double max = Enumerable.Range(0, c).Max(k => (double)p.X[Index(r, k)]);
                double z = Enumerable.Range(0, c).Sum(k => Math.Exp(p.X[Index(r, k)] - max));
                double[] target = new double[c];
                double scale;
                if (p.Soft is not null)
                {
                    for (int k = 0; k < c; k++)
                    {
                        target[k] = W(k) * ((p.Soft[Index(r, k)] * (1 - eps)) + (eps / c));
                    }

                    scale = 1.0 / rows;
                }
                else
                {
                    int y = p.T[r];
                    if (y == p.Ignore)
                    {
                        continue;
                    }

                    for (int k = 0; k < c; k++)
                    {
                        target[k] = (eps / c * W(k)) + (k == y ? (1 - eps) * W(y) : 0);
                    }

                    scale = 1.0 / total;
                }

                double mass = target.Sum();
                for (int k = 0; k < c; k++)
                {
                    grad[Index(r, k)] = scale * ((Math.Exp(p.X[Index(r, k)] - max) / z * mass) - target[k]);
                }
            }

            return new Reference { PerSample = losses, Mean = mean, GradientMean = grad };
        }
    }
}
