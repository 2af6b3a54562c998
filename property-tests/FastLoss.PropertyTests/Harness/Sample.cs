using System.Numerics;
using System.Text;

namespace FastLoss.PropertyTests.Harness;

/// <summary>
/// One generated test input: the input span, up to two operand spans (B is unused, but as long as X, for
/// single-operand formulas) and the hyperparameters. Its ToString is what a failure report shows, as C# literals.
/// </summary>
public sealed class Sample<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Sample(T[] x, T[] a, T[] b, T[] h)
    {
        X = x;
        A = a;
        B = b;
        H = h;
    }

    public T[] X { get; }

    public T[] A { get; }

    public T[] B { get; }

    public T[] H { get; }

    public int Length => X.Length;

    public Sample<T> Slice(int start, int length)
        => new(X.AsSpan(start, length).ToArray(), A.AsSpan(start, length).ToArray(), B.AsSpan(start, length).ToArray(), H);

    public Sample<T> WithElement(int i, T x, T a, T b)
    {
        T[] nx = (T[])X.Clone(), na = (T[])A.Clone(), nb = (T[])B.Clone();
        nx[i] = x;
        na[i] = a;
        nb[i] = b;
        return new(nx, na, nb, H);
    }

    public Sample<T> WithHyperparameters(T[] h) => new(X, A, B, h);

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append("n=").Append(Length);
        s.Append(" input=").Append(Num.ShowArray(X));
        s.Append(" a=").Append(Num.ShowArray(A));
        s.Append(" b=").Append(Num.ShowArray(B));
        s.Append(" hyperparameters=").Append(Num.ShowArray(H));
        return s.ToString();
    }
}

/// <summary>What an operand holds, which decides how it is generated and shrunk.</summary>
public enum OperandKind
{
    /// <summary>Any real: a prediction or a regression target.</summary>
    General,

    /// <summary>
    /// A probability in [0, 1] (BCE and focal targets). Extreme mode adds ±0, NaN, ±∞ and the mildly out-of-range
    /// −1, −0.5, 1.5, 2, but no huge targets: q = 1 − p_t = p − t(2p − 1) turns one ulp of p into |t| ulps, so for
    /// |t| ≫ 1 no per-element bound holds (the float reference itself is then the less accurate of the two).
    /// </summary>
    Probability,

    /// <summary>A per-element weight, moderate, either sign.</summary>
    Weight,
}

/// <summary>A hyperparameter's generators: moderate values (for finite differences) and ones including extremes.</summary>
public sealed record HyperSpec(double Default, double[] Specials, double Low, double High, bool LogScale, double[] Extremes);
