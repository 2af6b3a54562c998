using System.Globalization;
using System.Numerics;

namespace FastLoss.PropertyTests.Harness;

/// <summary>Bit-level comparisons and ulp arithmetic for float and double.</summary>
public static class Num
{
    /// <summary>The raw bits, widened to long.</summary>
    public static long Bits<T>(T v)
        where T : IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits(float.CreateTruncating(v)) : BitConverter.DoubleToInt64Bits(double.CreateTruncating(v));

    /// <summary>Same bits, or both NaN (payloads aside). −0 and +0 differ.</summary>
    public static bool SameBits<T>(T a, T b)
        where T : IBinaryFloatingPointIeee754<T>
        => (T.IsNaN(a) && T.IsNaN(b)) || Bits(a) == Bits(b);

    /// <summary>Equal as numbers (−0 == +0), or both NaN.</summary>
    public static bool SameValue<T>(T a, T b)
        where T : IBinaryFloatingPointIeee754<T>
        => (T.IsNaN(a) && T.IsNaN(b)) || a == b;

    /// <summary>The largest finite value of T, as a double.</summary>
    public static double MaxValue<T>()
        where T : IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? float.MaxValue : double.MaxValue;

    /// <summary>Machine epsilon of T (2^−23 or 2^−52).</summary>
    public static double Epsilon<T>()
        where T : IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Math.ScaleB(1, -23) : Math.ScaleB(1, -52);

    /// <summary>
    /// Distance in representable values, ±0 counted as one point and ±∞ as one step past ±MaxValue (so a result that
    /// overflows one ulp early is 1 ulp away). NaN is infinitely far from everything, itself included.
    /// </summary>
    public static double UlpDistance<T>(T a, T b)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(a) || T.IsNaN(b))
        {
            return double.PositiveInfinity;
        }

        Int128 oa = Ordered(a), ob = Ordered(b);
        return (double)Int128.Abs(oa - ob);
    }

    /// <summary>The spacing of T at |v| (the gap to the next representable value toward zero, so ulp(MaxValue) is finite).</summary>
    public static double Ulp<T>(T v)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T a = T.Abs(v);
        if (!T.IsFinite(a))
        {
            return double.PositiveInfinity;
        }

        return a == T.Zero ? double.CreateTruncating(T.Epsilon) : double.CreateTruncating(a - T.BitDecrement(a));
    }

    /// <summary>Round-trip text with the bits, e.g. "-1.5 (0xBFC00000)".</summary>
    public static string Show<T>(T v)
        where T : IBinaryFloatingPointIeee754<T>
    {
        string text = typeof(T) == typeof(float)
            ? float.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture) + "f"
            : double.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture);
        string hex = typeof(T) == typeof(float) ? ((uint)Bits(v)).ToString("X8", CultureInfo.InvariantCulture) : ((ulong)Bits(v)).ToString("X16", CultureInfo.InvariantCulture);
        return text + " (0x" + hex + ")";
    }

    /// <summary>Values as C# literals, for pasting a counterexample into a repro.</summary>
    public static string ShowArray<T>(IEnumerable<T> values)
        where T : IBinaryFloatingPointIeee754<T>
        => "[" + string.Join(", ", values.Select(Literal)) + "]";

    /// <summary>A C# literal for v (NaN/∞ as the named constants).</summary>
    public static string Literal<T>(T v)
        where T : IBinaryFloatingPointIeee754<T>
    {
        string k = typeof(T) == typeof(float) ? "float" : "double";
        if (T.IsNaN(v))
        {
            return k + ".NaN";
        }

        if (T.IsInfinity(v))
        {
            return k + (T.IsNegative(v) ? ".NegativeInfinity" : ".PositiveInfinity");
        }

        string text = typeof(T) == typeof(float)
            ? float.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture) + "f"
            : double.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture);
        return T.IsNegative(v) && v == T.Zero ? "-0" + (typeof(T) == typeof(float) ? "f" : ".0") : text;
    }

    private static Int128 Ordered<T>(T v)
        where T : IBinaryFloatingPointIeee754<T>
    {
        long bits = Bits(v);
        long magnitude = bits & (typeof(T) == typeof(float) ? 0x7FFF_FFFFL : long.MaxValue);
        return bits < 0 ? -(Int128)magnitude : magnitude;
    }
}
