using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace FastLoss.PropertyTests.Harness;

/// <summary>How wild the generated values are.</summary>
public enum Mode
{
    /// <summary>±0, tiny, subnormal, huge, ±MaxValue, ±∞ and NaN mixed with ordinary values.</summary>
    Extreme,

    /// <summary>Finite, |v| ≲ 1e3: where finite differences and summation bounds are meaningful.</summary>
    Moderate,
}

/// <summary>FsCheck generators and shrinkers for samples of one loss case.</summary>
public static class Gens<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly bool IsFloat = typeof(T) == typeof(float);

    /// <summary>A uniform double in [0, 1) with 60 random bits.</summary>
    public static readonly Gen<double> Unit = Gen.Choose(0, (1 << 30) - 1).Two()
        .Select(p => ((p.Item1 * (double)(1 << 30)) + p.Item2) / Math.ScaleB(1, 60));

    /// <summary>Lengths 0..2000, biased to small: most tests are short, a few cover several vector blocks and chunks.</summary>
    public static readonly Gen<int> Length = Gen.Frequency(
        (6, Gen.Choose(0, 17)),
        (3, Gen.Choose(18, 300)),
        (1, Gen.Choose(301, 2000)));

    public static Gen<double> Uniform(double low, double high) => Unit.Select(u => low + (u * (high - low)));

    /// <summary>sign · 10^U(lo, hi).</summary>
    public static Gen<double> LogUniform(double lo, double hi, bool signed)
        => Gen.Zip(Uniform(lo, hi), Gen.Elements(1.0, -1.0)).Select(p => (signed ? p.Item2 : 1) * Math.Pow(10, p.Item1));

    /// <summary>Special values of T: ±0, ±ε (subnormal), ±MinNormal, ±MaxValue, ±∞, NaN, ±1.</summary>
    public static readonly Gen<double> Specials = Gen.Elements(
        0.0, -0.0, 1.0, -1.0,
        double.CreateTruncating(T.Epsilon), -double.CreateTruncating(T.Epsilon),
        IsFloat ? 1.1754943508222875e-38 : 2.2250738585072014e-308, IsFloat ? -1.1754943508222875e-38 : -2.2250738585072014e-308,
        Num.MaxValue<T>(), -Num.MaxValue<T>(),
        double.PositiveInfinity, double.NegativeInfinity, double.NaN);

    /// <summary>Ordinary values: log-uniform magnitudes in [1e-3, 1e3], small halves and integers, 0.</summary>
    public static readonly Gen<double> Ordinary = Gen.Frequency(
        (5, LogUniform(-3, 3, true)),
        (2, Gen.Choose(-8, 8).Select(i => i / 2.0)),
        (1, Uniform(-1, 1)));

    /// <summary>Any value of T: ordinary ones, the whole exponent range, and the specials.</summary>
    public static readonly Gen<double> Wild = Gen.Frequency(
        (6, Ordinary),
        (2, IsFloat ? LogUniform(-45, 38.5, true) : LogUniform(-323, 308, true)),
        (2, Specials));

    public static Gen<double> Operand(OperandKind kind, Mode mode) => (kind, mode) switch
    {
        (OperandKind.Probability, Mode.Moderate) => Gen.Frequency((3, Unit), (2, Gen.Elements(0.0, 1.0)), (1, Gen.Elements(1e-7, 1 - 1e-7, 0.5))),
        (OperandKind.Probability, Mode.Extreme) => Gen.Frequency((3, Unit), (2, Gen.Elements(0.0, 1.0, -0.0)), (1, Gen.Elements(-1.0, -0.5, 1.5, 2.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity))),
        (OperandKind.Weight, Mode.Moderate) => Gen.Frequency((3, Uniform(-10, 10)), (1, Gen.Elements(0.0, 1.0, -1.0))),
        (_, Mode.Moderate) => Ordinary,
        _ => Wild,
    };

    public static Gen<double> Hyper(HyperSpec spec, Mode mode)
    {
        Gen<double> range = spec.LogScale ? LogUniform(Math.Log10(spec.Low), Math.Log10(spec.High), false) : Uniform(spec.Low, spec.High);
        var options = new List<(int, Gen<double>)> { (3, range), (2, Gen.Elements(new[] { spec.Default }.Concat(spec.Specials).ToArray())) };
        if (mode == Mode.Extreme && spec.Extremes.Length > 0)
        {
            options.Add((1, Gen.Elements(spec.Extremes)));
        }

        return Gen.Frequency(options);
    }

    /// <summary>
    /// Samples of a case. One element in five is moved onto a kink of the formula: input == operand, or
    /// input = operand ± a hyperparameter (|d| == δ for Huber, β for SmoothL1), where branches switch.
    /// </summary>
    public static Gen<Sample<T>> Samples(CaseDomain domain, Mode mode, Gen<int> length)
    {
        Gen<T[]> hyper = Gen.CollectToArray(domain.Hyper.Select(s => Hyper(s, mode).Select(v => T.CreateTruncating(v))));
        Gen<(T, T, T)> element =
            from x in Operand(OperandKind.General, mode)
            from a in Operand(domain.A, mode)
            from b in Operand(domain.B, mode)
            select (T.CreateTruncating(x), T.CreateTruncating(a), T.CreateTruncating(b));
        return from n in length
               from h in hyper
               from elements in element.ArrayOf(n)
               from ties in Gen.Choose(0, 9).ArrayOf(n)
               from signs in Gen.Elements(T.One, T.NegativeOne).ArrayOf(n)
               select Build(elements, ties, signs, h);
    }

    /// <summary>Fixed-width lane vectors for the engine differential (Vector512 of T holds 16 floats or 8 doubles).</summary>
    public static readonly Gen<int> Lanes = Gen.Constant(64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>
    /// Shrinks toward shorter and simpler samples that stay in the case's domain: halves, single elements removed,
    /// elements replaced by 0/1, hyperparameters reset to their defaults.
    /// </summary>
    public static IEnumerable<Sample<T>> Shrink(Sample<T> s, CaseDomain domain)
    {
        int n = s.Length;
        if (n > 1)
        {
            yield return s.Slice(0, n / 2);
            yield return s.Slice(n / 2, n - (n / 2));
        }

        if (n <= 24)
        {
            for (int i = 0; i < n; i++)
            {
                yield return s.Slice(0, i).Concat(s.Slice(i + 1, n - i - 1));
            }
        }

        T[] defaults = domain.Hyper.Select(h => T.CreateTruncating(h.Default)).ToArray();
        for (int k = 0; k < s.H.Length; k++)
        {
            if (!Num.SameBits(s.H[k], defaults[k]))
            {
                T[] h = (T[])s.H.Clone();
                h[k] = defaults[k];
                yield return s.WithHyperparameters(h);
            }
        }

        if (n <= 8)
        {
            for (int i = 0; i < n; i++)
            {
                foreach (T simple in new[] { T.Zero, T.One })
                {
                    if (!Num.SameBits(s.X[i], simple))
                    {
                        yield return s.WithElement(i, simple, s.A[i], s.B[i]);
                    }

                    if (!Num.SameBits(s.A[i], simple))
                    {
                        yield return s.WithElement(i, s.X[i], simple, s.B[i]);
                    }

                    if (domain.Operands == 2 && !Num.SameBits(s.B[i], simple))
                    {
                        yield return s.WithElement(i, s.X[i], s.A[i], simple);
                    }
                }
            }
        }
    }

    public static Arbitrary<Sample<T>> Arbitrary(CaseDomain domain, Mode mode, Gen<int>? length = null)
        => Arb.From(Samples(domain, mode, length ?? Length), s => Shrink(s, domain));

    private static Sample<T> Build((T X, T A, T B)[] elements, int[] ties, T[] signs, T[] h)
    {
        int n = elements.Length;
        T[] x = new T[n], a = new T[n], b = new T[n];
        for (int i = 0; i < n; i++)
        {
            (x[i], a[i], b[i]) = elements[i];
            if (ties[i] == 0)
            {
                x[i] = a[i];
            }
            else if (ties[i] == 1 && h.Length > 0)
            {
                x[i] = a[i] + (signs[i] * h[i % h.Length]);
            }
        }

        return new Sample<T>(x, a, b, h);
    }
}

/// <summary>What a case's samples look like: the kinds of its operands and its hyperparameters.</summary>
public sealed record CaseDomain(int Operands, OperandKind A, OperandKind B, HyperSpec[] Hyper);

internal static class SampleExtensions
{
    public static Sample<T> Concat<T>(this Sample<T> s, Sample<T> t)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => new([.. s.X, .. t.X], [.. s.A, .. t.A], [.. s.B, .. t.B], s.H);
}
