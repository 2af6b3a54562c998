using System.Globalization;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

public sealed partial class VectorMathTests
{
    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Float_error_is_within_the_stated_bound_over_the_sweep(string name)
    {
        Unary fn = Get(name);
        float[] xs = FloatSweep();
        double max = 0;
        float at = 0;
        long over = 0;
        foreach (float x in xs)
        {
            double err = FloatError(fn.F(x), fn.Reference(x));
            if (err > fn.BoundF)
            {
                over++;
            }

            if (err > max || (double.IsNaN(err) && !double.IsNaN(max)))
            {
                max = err;
                at = x;
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} float : max {max:F3} ulp at x = {at:R} (0x{Hex(at)}), bound {fn.BoundF}, {xs.Length:N0} inputs"));
        Assert.True(over == 0, string.Create(CultureInfo.InvariantCulture,
            $"{name}(float): {over} inputs above {fn.BoundF} ulp; worst {max} ulp at {at:R} (got {fn.F(at):R}, want {fn.Reference(at):R})"));
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Double_error_is_within_the_stated_bound_over_the_sweep(string name)
    {
        Unary fn = Get(name);
        double[] xs = DoubleSweep();
        long limit = (long)Math.Floor(fn.BoundD + fn.RefSlackD);
        long max = 0;
        double at = 0;
        long over = 0;
        foreach (double x in xs)
        {
            long d = DoubleUlpDistance(fn.D(x), fn.Reference(x));
            if (d > limit)
            {
                over++;
            }

            if (d > max)
            {
                max = d;
                at = x;
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} double: max {max} ulp from the Math-based reference at x = {at:R}, allowed {limit} (bound {fn.BoundD} + reference {fn.RefSlackD}), {xs.Length:N0} inputs"));
        Assert.True(over == 0, string.Create(CultureInfo.InvariantCulture,
            $"{name}(double): {over} inputs above {limit} ulp; worst {max} ulp at {at:R} (got {fn.D(at):R}, want {fn.Reference(at):R})"));
    }

    /// <summary>Bases: a strided sweep of the positive floats; exponents: a fixed set of awkward values.</summary>
    [Fact]
    public void Float_pow_error_is_within_one_ulp()
    {
        float[] ys = [0.5f, -0.5f, 2f, -2f, 3f, -3f, 1f / 3f, 2.5f, -1.75f, 7f, 10.5f, 31f, -37f, 100f, -100.25f, 1e-3f, 1e-7f, 1234.5f, -3000f, 1e6f];
        var rng = new Random(7);
        double max = 0;
        (float X, float Y) at = default;
        long count = 0;

        void Check(float x, float y)
        {
            double err = FloatError(VectorMath.Pow(x, y), Math.Pow(x, y));
            count++;
            if (err > max)
            {
                max = err;
                at = (x, y);
            }
        }

        for (long b = 0; b < 0x7F800000L; b += 8191)
        {
            float x = BitConverter.Int32BitsToSingle((int)b);
            foreach (float y in ys)
            {
                Check(x, y);
                Check(-x, MathF.Round(y));
            }
        }

        for (int i = 0; i < 1_000_000; i++)
        {
            // Random base and an exponent that keeps x^y mostly in range (both tails included).
            float x = BitConverter.Int32BitsToSingle(rng.Next(0x00000001, 0x7F800000));
            double lx = Math.Log(x);
            float y = (float)((rng.NextDouble() * 2 - 1) * 110 / Math.Max(Math.Abs(lx), 1e-6));
            Check(x, y);
            Check(1f + (float)(rng.NextDouble() - 0.5) * 1e-3f, (float)((rng.NextDouble() * 2 - 1) * 1e6));
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pow        float : max {max:F3} ulp at ({at.X:R}, {at.Y:R}), bound 1, {count:N0} inputs"));
        Assert.True(max <= 1, string.Create(CultureInfo.InvariantCulture, $"Pow(float) worst {max} ulp at ({at.X:R}, {at.Y:R})"));
    }

    /// <summary>Against Math.Pow (glibc's pow is correctly rounded in practice, so 1 ulp of distance is allowed).</summary>
    [Fact]
    public void Double_pow_error_is_within_one_ulp()
    {
        var rng = new Random(11);
        long max = 0;
        (double X, double Y) at = default;
        long count = 0;

        void Check(double x, double y)
        {
            long d = DoubleUlpDistance(VectorMath.Pow(x, y), Math.Pow(x, y));
            count++;
            if (d > max)
            {
                max = d;
                at = (x, y);
            }
        }

        for (int i = 0; i < 400_000; i++)
        {
            double x = Math.Exp((rng.NextDouble() * 2 - 1) * 745);
            double lx = Math.Log(x);
            Check(x, (rng.NextDouble() * 2 - 1) * 760 / Math.Max(Math.Abs(lx), 1e-300));            // full output range
            Check(x, (rng.NextDouble() * 2 - 1) * 8);                                                  // small exponents
            Check(-x, Math.Round((rng.NextDouble() * 2 - 1) * 40));                                    // negative base, integer y
            Check(1 + (rng.NextDouble() - 0.5) * 1e-6, (rng.NextDouble() * 2 - 1) * 1e9);              // x near 1, huge y
            Check(BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000)), rng.NextDouble() * 2 - 1); // subnormal x
            Check(rng.Next(2, 1000), rng.Next(-60, 60));                                                // integers: exact results
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pow        double: max {max} ulp from Math.Pow at ({at.X:R}, {at.Y:R}), allowed 1, {count:N0} inputs"));
        Assert.True(max <= 1, string.Create(CultureInfo.InvariantCulture, $"Pow(double) worst {max} ulp at ({at.X:R}, {at.Y:R})"));
    }

    /// <summary>The stable formulations keep full relative accuracy deep in the tails.</summary>
    [Fact]
    public void Tails_keep_relative_accuracy()
    {
        // softplus(x) ≈ e^x and sigmoid(x) ≈ e^x for very negative x, down to the subnormals; log1p(x) = x for tiny x.
        foreach (double x in (ReadOnlySpan<double>)[-40, -80, -700, -740])
        {
            Assert.True(DoubleUlpDistance(VectorMath.Softplus(x), Math.Exp(x)) <= 2, $"softplus({x})");
            Assert.True(DoubleUlpDistance(VectorMath.Sigmoid(x), Math.Exp(x)) <= 2, $"sigmoid({x})");
            Assert.True(DoubleUlpDistance(VectorMath.LogSigmoid(-x), -Math.Exp(x)) <= 2, $"logsigmoid({-x})");
        }

        foreach (float x in (ReadOnlySpan<float>)[-20f, -60f, -87f, -100f, -103f])
        {
            Assert.True(FloatError(VectorMath.Softplus(x), Math.Exp(x)) <= 2, $"softplus({x})");
            Assert.True(FloatError(VectorMath.Sigmoid(x), Math.Exp(x)) <= 3, $"sigmoid({x})");
        }

        Assert.Equal(1e-30, VectorMath.LogP1(1e-30));
        Assert.Equal(1e-30f, VectorMath.LogP1(1e-30f));
        Assert.Equal(-1e-300, VectorMath.Tanh(-1e-300));
        Assert.Equal(1e-20f, VectorMath.Sinh(1e-20f));
        Assert.Equal(float.Epsilon, VectorMath.Tanh(float.Epsilon));
        Assert.Equal(1f, VectorMath.Tanh(9.1f));
        Assert.Equal(1.0, VectorMath.Tanh(19.1));
        Assert.True(VectorMath.Tanh(8.9f) < 1f);
    }
}
