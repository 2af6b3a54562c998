using System.Globalization;
using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

public sealed partial class VectorMathTests
{
    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Float_vector_lanes_are_bit_identical_to_scalar(string name)
    {
        Unary fn = Get(name);
        float[] xs = Thin(FloatSweep(), IdentityStep);
        float[] want = Array.ConvertAll(xs, x => fn.F(x));
        long mismatches = CompareLanes(xs, want, 4, x => LaneBits(fn.F128(Vector128.Create(x)), 4))
                        + CompareLanes(xs, want, 8, x => LaneBits(fn.F256(Vector256.Create(x)), 8))
                        + CompareLanes(xs, want, 16, x => LaneBits(fn.F512(Vector512.Create(x)), 16));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} float : {xs.Length:N0} inputs x Vector128/256/512 bit-identical to scalar ({HwInfo()})"));
        Assert.Equal(0, mismatches);
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Double_vector_lanes_are_bit_identical_to_scalar(string name)
    {
        Unary fn = Get(name);
        double[] xs = Thin(DoubleSweep(), IdentityStep);
        double[] want = Array.ConvertAll(xs, x => fn.D(x));
        long mismatches = CompareLanes(xs, want, 2, x => LaneBitsD(fn.D128(Vector128.Create(x)), 2))
                        + CompareLanes(xs, want, 4, x => LaneBitsD(fn.D256(Vector256.Create(x)), 4))
                        + CompareLanes(xs, want, 8, x => LaneBitsD(fn.D512(Vector512.Create(x)), 8));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} double: {xs.Length:N0} inputs x Vector128/256/512 bit-identical to scalar ({HwInfo()})"));
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Pow_vector_lanes_are_bit_identical_to_scalar()
    {
        var rng = new Random(3);
        int n = 400_000 / IdentityStep;
        float[] xf = new float[n], yf = new float[n];
        double[] xd = new double[n], yd = new double[n];
        for (int i = 0; i < n; i++)
        {
            switch (i % 4)
            {
                case 0: // random bit patterns, specials included
                    xf[i] = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
                    yf[i] = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
                    xd[i] = BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue));
                    yd[i] = BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue));
                    break;
                case 1: // ordinary ranges
                    xd[i] = (rng.NextDouble() * 2 - 1) * 100;
                    yd[i] = (rng.NextDouble() * 2 - 1) * 30;
                    (xf[i], yf[i]) = ((float)xd[i], (float)yd[i]);
                    break;
                case 2: // integer exponents, negative bases
                    xd[i] = -rng.NextDouble() * 50;
                    yd[i] = rng.Next(-200, 200);
                    (xf[i], yf[i]) = ((float)xd[i], (float)yd[i]);
                    break;
                default: // the special-value grid
                    xd[i] = s_powSpecials[rng.Next(s_powSpecials.Length)];
                    yd[i] = s_powSpecials[rng.Next(s_powSpecials.Length)];
                    (xf[i], yf[i]) = ((float)xd[i], (float)yd[i]);
                    break;
            }
        }

        long mismatches = 0;
        for (int i = 0; i + 16 <= n; i += 16)
        {
            Vector512<float> r512 = VectorMath.Pow(Vector512.Create(xf.AsSpan(i, 16)), Vector512.Create(yf.AsSpan(i, 16)));
            Vector256<float> r256 = VectorMath.Pow(Vector256.Create(xf.AsSpan(i, 8)), Vector256.Create(yf.AsSpan(i, 8)));
            Vector128<float> r128 = VectorMath.Pow(Vector128.Create(xf.AsSpan(i, 4)), Vector128.Create(yf.AsSpan(i, 4)));
            Vector512<double> d512 = VectorMath.Pow(Vector512.Create(xd.AsSpan(i, 8)), Vector512.Create(yd.AsSpan(i, 8)));
            Vector256<double> d256 = VectorMath.Pow(Vector256.Create(xd.AsSpan(i, 4)), Vector256.Create(yd.AsSpan(i, 4)));
            Vector128<double> d128 = VectorMath.Pow(Vector128.Create(xd.AsSpan(i, 2)), Vector128.Create(yd.AsSpan(i, 2)));
            for (int l = 0; l < 16; l++)
            {
                int s = BitConverter.SingleToInt32Bits(VectorMath.Pow(xf[i + l], yf[i + l]));
                mismatches += (r512.AsInt32()[l] != s ? 1 : 0) + (l < 8 && r256.AsInt32()[l] != s ? 1 : 0) + (l < 4 && r128.AsInt32()[l] != s ? 1 : 0);
                if (l < 8)
                {
                    long sd = BitConverter.DoubleToInt64Bits(VectorMath.Pow(xd[i + l], yd[i + l]));
                    mismatches += (d512.AsInt64()[l] != sd ? 1 : 0) + (l < 4 && d256.AsInt64()[l] != sd ? 1 : 0) + (l < 2 && d128.AsInt64()[l] != sd ? 1 : 0);
                }
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pow        float/double: {n:N0} input pairs x Vector128/256/512 bit-identical to scalar ({HwInfo()})"));
        Assert.Equal(0, mismatches);
    }

    /// <summary>Every NaN a function returns is the canonical one, in every width.</summary>
    [Fact]
    public void NaN_results_are_canonical()
    {
        int canonF = BitConverter.SingleToInt32Bits(float.NaN);
        long canonD = BitConverter.DoubleToInt64Bits(double.NaN);
        float weirdF = BitConverter.Int32BitsToSingle(0x7FC12345);
        double weirdD = BitConverter.Int64BitsToDouble(0x7FF8000012345678);
        foreach (Unary fn in Functions)
        {
            Assert.Equal(canonF, BitConverter.SingleToInt32Bits(fn.F(weirdF)));
            Assert.Equal(canonF, fn.F512(Vector512.Create(weirdF)).AsInt32()[0]);
            Assert.Equal(canonD, BitConverter.DoubleToInt64Bits(fn.D(weirdD)));
            Assert.Equal(canonD, fn.D256(Vector256.Create(weirdD)).AsInt64()[0]);
        }

        Assert.Equal(canonD, BitConverter.DoubleToInt64Bits(VectorMath.Pow(weirdD, 2.0)));
        Assert.Equal(canonF, BitConverter.SingleToInt32Bits(VectorMath.Pow(-2f, 0.5f)));
    }

    private static T[] Thin<T>(T[] xs, int keepEvery) => keepEvery == 1 ? xs : xs.Where((_, i) => i % keepEvery == 0).ToArray();

    private static int[] LaneBits<TV>(TV v, int lanes) where TV : struct
    {
        int[] r = new int[lanes];
        switch (v)
        {
            case Vector128<float> a: a.AsInt32().CopyTo(r); break;
            case Vector256<float> a: a.AsInt32().CopyTo(r); break;
            case Vector512<float> a: a.AsInt32().CopyTo(r); break;
        }

        return r;
    }

    private static long[] LaneBitsD<TV>(TV v, int lanes) where TV : struct
    {
        long[] r = new long[lanes];
        switch (v)
        {
            case Vector128<double> a: a.AsInt64().CopyTo(r); break;
            case Vector256<double> a: a.AsInt64().CopyTo(r); break;
            case Vector512<double> a: a.AsInt64().CopyTo(r); break;
        }

        return r;
    }

    /// <summary>Runs <paramref name="vector"/> over chunks of <paramref name="lanes"/> inputs and counts lanes whose bits differ.</summary>
    private long CompareLanes(float[] xs, float[] want, int lanes, Func<ReadOnlySpan<float>, int[]> vector)
    {
        long bad = 0;
        for (int i = 0; i + lanes <= xs.Length; i += lanes)
        {
            int[] got = vector(xs.AsSpan(i, lanes));
            for (int l = 0; l < lanes; l++)
            {
                if (got[l] != BitConverter.SingleToInt32Bits(want[i + l]) && bad++ < 5)
                {
                    _output.WriteLine($"  mismatch ({lanes} lanes) at x = {xs[i + l]:R} (0x{Hex(xs[i + l])}): vector 0x{got[l]:X8}, scalar 0x{Hex(want[i + l])}");
                }
            }
        }

        return bad;
    }

    private long CompareLanes(double[] xs, double[] want, int lanes, Func<ReadOnlySpan<double>, long[]> vector)
    {
        long bad = 0;
        for (int i = 0; i + lanes <= xs.Length; i += lanes)
        {
            long[] got = vector(xs.AsSpan(i, lanes));
            for (int l = 0; l < lanes; l++)
            {
                if (got[l] != BitConverter.DoubleToInt64Bits(want[i + l]) && bad++ < 5)
                {
                    _output.WriteLine($"  mismatch ({lanes} lanes) at x = {xs[i + l]:R} (0x{Hex(xs[i + l])}): vector 0x{got[l]:X16}, scalar 0x{Hex(want[i + l])}");
                }
            }
        }

        return bad;
    }

    private static string HwInfo() => string.Create(CultureInfo.InvariantCulture,
        $"HW: V128 {Vector128.IsHardwareAccelerated}, V256 {Vector256.IsHardwareAccelerated}, V512 {Vector512.IsHardwareAccelerated}");
}
