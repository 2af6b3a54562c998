using System.Reflection;

namespace FastLoss.Tests.Losses;

/// <summary>
/// The per-element <c>weight</c> of L1, Mse and Huber (torch ≥ 2.6; the golden files have no such cases, so these
/// tests check torch's documented definition): w·loss per element, Sum = Σ w·l, Mean = Σ w·l / Σ w for L1 and Mse but
/// Σ w·l / n for Huber (torch's inconsistency). Plus the array-argument pitfall and argument checks.
/// </summary>
public class WeightedRegressionTests
{
    private const int N = 203;

    public static TheoryData<string> Losses => new("L1", "Mse", "Huber");

    [Theory]
    [MemberData(nameof(Losses))]
    public void Unit_weights_give_the_unweighted_loss_bit_for_bit(string loss)
    {
        (double[] x, double[] t, _) = Data(1);
        double[] ones = Enumerable.Repeat(1.0, N).ToArray();
        var weighted = new Calls(loss, ones);
        var plain = new Calls(loss, null);
        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Assert.Equal(plain.Reduce(x, t, r), weighted.Reduce(x, t, r));
            Assert.Equal(plain.Gradient(x, t, r), weighted.Gradient(x, t, r));
            Assert.Equal(plain.Hessian(x, t, r), weighted.Hessian(x, t, r));
            Assert.Equal(plain.WithGradient(x, t, r, out double[] plainGradient), weighted.WithGradient(x, t, r, out double[] weightedGradient));
            Assert.Equal(plainGradient, weightedGradient);
        }

        Assert.Equal(plain.None(x, t), weighted.None(x, t));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Weighted_mean_is_torchs_definition(string loss)
    {
        (double[] x, double[] t, double[] w) = Data(2);
        var calls = new Calls(loss, w);
        double[] terms = x.Select((xi, i) => w[i] * Unweighted(loss, xi, t[i])).ToArray();
        Assert.Equal(terms, calls.None(x, t), Tolerance(1e-15));
        double sum = terms.Sum();
        double divisor = loss == "Huber" ? N : w.Sum();  // torch: huber_loss's weighted mean divides by n, not Σw.
        Assert.Equal(sum, calls.Reduce(x, t, Reduction.Sum), 1e-12);
        Assert.Equal(sum / divisor, calls.Reduce(x, t, Reduction.Mean), 1e-13);
        Assert.NotEqual(sum / (loss == "Huber" ? w.Sum() : N), calls.Reduce(x, t, Reduction.Mean), 6);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Gradient_matches_finite_differences_and_the_fused_pass(string loss)
    {
        (double[] x, double[] t, double[] w) = Data(3);
        var calls = new Calls(loss, w);
        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            double[] gradient = calls.Gradient(x, t, r);
            double fusedLoss = calls.WithGradient(x, t, r, out double[] fused);
            Assert.Equal(gradient, fused);
            Assert.Equal(calls.Reduce(x, t, r), fusedLoss);
            const double h = 1e-6;
            for (int i = 0; i < N; i += 7)
            {
                double[] up = (double[])x.Clone(), down = (double[])x.Clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (calls.Reduce(up, t, r) - calls.Reduce(down, t, r)) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 * Math.Max(1, Math.Abs(gradient[i])), $"{loss} {r} [{i}]: {gradient[i]} vs {numeric}");
            }

            // The Hessian of the reduced loss: w·l'' over the same divisor.
            double[] hessian = calls.Hessian(x, t, r);
            double[] unitHessian = new Calls(loss, Enumerable.Repeat(1.0, N).ToArray()).Hessian(x, t, Reduction.Sum);
            double divisor = r == Reduction.Sum ? 1 : loss == "Huber" ? N : w.Sum();
            Assert.Equal(unitHessian.Select((v, i) => w[i] * v / divisor).ToArray(), hessian, Tolerance(1e-15));
        }
    }

    [Fact]
    public void Float_overloads_agree_with_double()
    {
        (double[] x, double[] t, double[] w) = Data(4);
        float[] xf = Array.ConvertAll(x, v => (float)v), tf = Array.ConvertAll(t, v => (float)v), wf = Array.ConvertAll(w, v => (float)v);
        float[] g = new float[N];
        Assert.Equal(Loss.Mse(x, t, weight: w), Loss.MseWithGradient(xf, tf, wf, g), 5);
        Assert.Equal(Loss.L1(x, t, weight: w, Reduction.Sum), Loss.L1(xf, tf, weight: wf, Reduction.Sum), 3);
        Assert.Equal(Loss.Huber(x, t, weight: w, 0.5), Loss.Huber(xf, tf, weight: wf, 0.5f), 5);
    }

    [Fact]
    public void Nan_and_zero_weights_are_used_as_given()
    {
        double[] x = [1, 2, 3], t = [0, 0, 0];
        Assert.True(double.IsNaN(Loss.Mse(x, t, weight: [1, double.NaN, 1])));
        Assert.True(double.IsNaN(Loss.L1(x, t, weight: [0, 0, 0])));  // 0 / 0, as torch
        Assert.Equal(0, Loss.L1(x, t, weight: [0, 0, 0], Reduction.Sum));
        Assert.True(double.IsNaN(Loss.L1(Array.Empty<double>(), [], weight: [])));
        Assert.Equal(11.5 / 3, Loss.Huber(x, t, weight: [1, 1, 2], 100));  // δ = 100: ½d²·w = 0.5 + 2 + 9, over n = 3
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Rejects_bad_arguments_before_writing(string loss)
    {
        double[] x = [1, 2, 3], t = [0, 0, 0];
        var calls = new Calls(loss, [1, 1]);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => calls.Reduce(x, t, Reduction.Mean)).ParamName);
        double[] output = [7, 7, 7];
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => new Calls(loss, [1, 1, 1, 1]).GradientInto(x, t, output, Reduction.Sum)).ParamName);
        Assert.Equal([7.0, 7, 7], output);
        var good = new Calls(loss, [1, 1, 1]);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => good.Reduce(x, t, Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => good.GradientInto(x, t, output, Reduction.BatchMean)).ParamName);
        Assert.Equal([7.0, 7, 7], output);
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => good.GradientInto(x, t, new double[2], Reduction.Sum)).ParamName);
    }

    /// <summary>
    /// Documents how an array third argument binds (C# 14 prefers ReadOnlySpan over Span, so an array would bind to the
    /// weight): the (input, target, T[]) guard makes <c>Loss.Mse(x, t, array)</c> a compile-time error (CS0619) with a
    /// message; naming the argument or passing a typed span chooses, and nothing binds silently.
    /// </summary>
    [Fact]
    public void An_array_third_argument_must_say_whether_it_is_a_weight_or_a_destination()
    {
        foreach (string name in new[] { "L1", "Mse", "Huber" })
        {
            foreach (Type element in new[] { typeof(float), typeof(double) })
            {
                MethodInfo guard = typeof(Loss).GetMethod(name, [typeof(ReadOnlySpan<>).MakeGenericType(element), typeof(ReadOnlySpan<>).MakeGenericType(element), element.MakeArrayType()])!;
                ObsoleteAttribute obsolete = guard.GetCustomAttribute<ObsoleteAttribute>()!;
                Assert.True(obsolete.IsError, $"{name}({element.Name}[]) must be an error");
                Assert.Contains("weight: w", obsolete.Message, StringComparison.Ordinal);
                Assert.Contains("destination: d", obsolete.Message, StringComparison.Ordinal);
            }
        }

        float[] x = [1, 2], t = [0, 0], third = [3, 5];
        Loss.Mse(x, t, third.AsSpan());                       // Span<float>: the per-element losses
        Assert.Equal([1f, 4f], third);
        third = [3, 5];
        Loss.Mse(x, t, destination: third);                   // named: the per-element losses
        Assert.Equal([1f, 4f], third);
        third = [3, 5];
        Assert.Equal((3f + 20f) / 8f, Loss.Mse(x, t, weight: third));                      // named: the weighted mean
        Assert.Equal((3f + 20f) / 8f, Loss.Mse(x, t, (ReadOnlySpan<float>)third));          // typed: the weighted mean
        Assert.Equal([3f, 5f], third);
    }

    [Fact]
    public void KlDiv_batchmean_is_the_sum_over_the_batch_size()
    {
        var random = new Random(5);
        const int Rows = 6, Classes = 35;
        double[] x = Enumerable.Range(0, Rows * Classes).Select(_ => Math.Log(random.NextDouble())).ToArray();
        double[] t = Enumerable.Range(0, Rows * Classes).Select(i => i % 5 == 0 ? 0 : random.NextDouble()).ToArray();
        double[] sumGradient = new double[x.Length], gradient = new double[x.Length], fused = new double[x.Length];
        double sum = Loss.KlDivWithGradient(x, t, sumGradient, Reduction.Sum);
        Assert.Equal(sum / Rows, Loss.KlDiv(x, t, Rows));
        Loss.KlDivGradient(x, t, Rows, gradient);
        Assert.Equal(sumGradient.Select(g => g * (1.0 / Rows)).ToArray(), gradient);
        Assert.Equal(sum / Rows, Loss.KlDivWithGradient(x, t, Rows, fused));
        Assert.Equal(gradient, fused);

        // Mean and Sum through the batch overloads: the generated overloads' bits.
        Assert.Equal(Loss.KlDivLogTarget(x, x, Reduction.Mean), Loss.KlDivLogTarget(x, x, Rows, Reduction.Mean));
        Assert.Equal(Loss.KlDiv(x, t, Reduction.Sum), Loss.KlDiv(x, t, Rows, Reduction.Sum));
        Assert.True(double.IsNaN(Loss.KlDiv(Array.Empty<double>(), [], 0)));           // an empty batch: 0 / 0, as torch
        Assert.Equal(Loss.KlDiv([0.5], [0.25], Reduction.Sum), Loss.KlDiv([0.5], [0.25], 1));  // 0-d: batchSize 1
    }

    [Fact]
    public void BatchMean_is_rejected_where_it_has_no_batch_size()
    {
        double[] x = [-1, -2], t = [0.5, 0.5], g = [7, 7];
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.KlDiv(x, t, Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.KlDivWithGradient(x, t, g, Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.Mse(x, t, Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new Loss.KlDivLoss<double>().Loss(x, t, Reduction.BatchMean)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.CrossEntropy(x, [0], 2, reduction: Reduction.BatchMean)).ParamName);
        Assert.Equal([7.0, 7], g);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => Loss.KlDiv(x, t, 3)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => Loss.KlDiv(x, t, -1)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => Loss.KlDivGradient(x, t, 0, g)).ParamName);
        Assert.Equal([7.0, 7], g);
    }

    private static (double[] X, double[] T, double[] W) Data(int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, N).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        double[] t = Enumerable.Range(0, N).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        double[] w = Enumerable.Range(0, N).Select(_ => random.NextDouble() * 2).ToArray();
        return (x, t, w);
    }

    private static double Unweighted(string loss, double x, double t) => loss switch
    {
        "L1" => Math.Abs(x - t),
        "Mse" => (x - t) * (x - t),
        _ => Math.Abs(x - t) < Delta ? 0.5 * (x - t) * (x - t) : Delta * (Math.Abs(x - t) - (0.5 * Delta)),
    };

    private const double Delta = 0.75;

    private static EqualityComparer<double> Tolerance(double relative)
        => EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) <= relative * Math.Max(1, Math.Abs(a)), v => 0);

    /// <summary>The span overloads of one loss, weighted (<paramref name="weight"/> given) or not.</summary>
    private sealed class Calls(string loss, double[]? weight)
    {
        public double Reduce(double[] x, double[] t, Reduction r) => (loss, weight) switch
        {
            ("L1", null) => Loss.L1(x, t, r),
            ("L1", _) => Loss.L1(x, t, weight: weight, r),
            ("Mse", null) => Loss.Mse(x, t, r),
            ("Mse", _) => Loss.Mse(x, t, weight: weight, r),
            (_, null) => Loss.Huber(x, t, Delta, r),
            _ => Loss.Huber(x, t, weight: weight, Delta, r),
        };

        public double[] None(double[] x, double[] t)
        {
            double[] d = new double[x.Length];
            switch (loss, weight)
            {
                case ("L1", null): Loss.L1(x, t, destination: d); break;
                case ("L1", _): Loss.L1(x, t, weight, d); break;
                case ("Mse", null): Loss.Mse(x, t, destination: d); break;
                case ("Mse", _): Loss.Mse(x, t, weight, d); break;
                case (_, null): Loss.Huber(x, t, Delta, d); break;
                default: Loss.Huber(x, t, weight, Delta, d); break;
            }

            return d;
        }

        public double[] Gradient(double[] x, double[] t, Reduction r)
        {
            double[] g = new double[x.Length];
            GradientInto(x, t, g, r);
            return g;
        }

        public void GradientInto(double[] x, double[] t, double[] g, Reduction r)
        {
            switch (loss, weight)
            {
                case ("L1", null): Loss.L1Gradient(x, t, g, r); break;
                case ("L1", _): Loss.L1Gradient(x, t, weight, g, r); break;
                case ("Mse", null): Loss.MseGradient(x, t, g, r); break;
                case ("Mse", _): Loss.MseGradient(x, t, weight, g, r); break;
                case (_, null): Loss.HuberGradient(x, t, Delta, g, r); break;
                default: Loss.HuberGradient(x, t, weight, Delta, g, r); break;
            }
        }

        public double[] Hessian(double[] x, double[] t, Reduction r)
        {
            double[] h = new double[x.Length];
            switch (loss, weight)
            {
                case ("L1", null): Loss.L1Hessian(x, t, h, r); break;
                case ("L1", _): Loss.L1Hessian(x, t, weight, h, r); break;
                case ("Mse", null): Loss.MseHessian(x, t, h, r); break;
                case ("Mse", _): Loss.MseHessian(x, t, weight, h, r); break;
                case (_, null): Loss.HuberHessian(x, t, Delta, h, r); break;
                default: Loss.HuberHessian(x, t, weight, Delta, h, r); break;
            }

            return h;
        }

        public double WithGradient(double[] x, double[] t, Reduction r, out double[] gradient)
        {
            double[] g = new double[x.Length];
            gradient = g;
            return (loss, weight) switch
            {
                ("L1", null) => Loss.L1WithGradient(x, t, g, r),
                ("L1", _) => Loss.L1WithGradient(x, t, weight, g, r),
                ("Mse", null) => Loss.MseWithGradient(x, t, g, r),
                ("Mse", _) => Loss.MseWithGradient(x, t, weight, g, r),
                (_, null) => Loss.HuberWithGradient(x, t, Delta, g, r),
                _ => Loss.HuberWithGradient(x, t, weight, Delta, g, r),
            };
        }
    }
}
