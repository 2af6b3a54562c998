using System.Numerics;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 6, Highway's transform_test done exhaustively rather than randomly: for every case, every length 0..257
/// and slice offsets 0..3 of larger arrays (input and operands at one offset, the destination at another), each of
/// Name(…, destination), NameGradient, NameWithGradient and NameHessian (Mean and Sum) writes exactly
/// the operator's scalar value (times 1/n for Mean) into every element and nothing outside the destination, whose
/// surroundings hold a sentinel; the reductions are bit-identical at every offset (the address does not matter). The
/// data come from a System.Random seeded from FASTLOSS_FSCHECK_SEED.
/// </summary>
public sealed class DriverHygieneTests
{
    public const int MaxLength = 257;
    private const int Pad = 4;

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void EveryLengthAndOffsetWritesExactlyTheDestination(string name) => Cases.Run(name, new Visitor());

    internal static T Sentinel<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(-31337.25);

    /// <summary>Values for one operand: mostly moderate, with ties to the input and a few specials (NaN included).</summary>
    internal static T[] Data<T>(Random random, OperandKind kind, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-40, 1e30];
        var values = new T[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            double v = u < 0.05 ? specials[random.Next(specials.Length)]
                : kind == OperandKind.Probability ? (u < 0.3 ? Math.Round(random.NextDouble()) : random.NextDouble())
                : kind == OperandKind.Weight ? (random.NextDouble() * 20) - 10
                : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-2, 3));
            values[i] = T.CreateTruncating(v);
        }

        return values;
    }

    /// <summary>An array of <paramref name="n"/> + 2·Pad sentinels with <paramref name="data"/> at <paramref name="offset"/>.</summary>
    internal static T[] Embed<T>(ReadOnlySpan<T> data, int offset, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var buffer = new T[n + (2 * Pad)];
        buffer.AsSpan().Fill(Sentinel<T>());
        data[..n].CopyTo(buffer.AsSpan(offset, n));
        return buffer;
    }

    /// <summary>Throws unless buffer[offset..offset+n] == expected·scale bit for bit and everything else is the sentinel.</summary>
    internal static void Written<T>(string what, T[] buffer, int offset, int n, T[] expected, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < buffer.Length; j++)
        {
            bool inside = j >= offset && j < offset + n;
            T want = inside ? expected[j - offset] * scale : Sentinel<T>();
            if (inside ? !Num.SameBits(buffer[j], want) : Num.Bits(buffer[j]) != Num.Bits(want))
            {
                string where = inside ? $"element {j - offset}" : $"buffer[{j}], outside the destination [{offset}, {offset + n})";
                throw new InvalidOperationException($"{what} (n = {n}, destination offset {offset}): {where} is {Num.Show(buffer[j])}, expected {Num.Show(want)}.");
            }
        }
    }

    private readonly struct Visitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            var random = Runner.Random("hygiene " + c.Name);
            T[] h = c.Domain.Hyper.Select(s => T.CreateTruncating(s.Default)).ToArray();
            T[] x = Data<T>(random, OperandKind.General, MaxLength);
            T[] a = Data<T>(random, c.Domain.A, MaxLength);
            T[] b = Data<T>(random, c.Domain.B, MaxLength);
            for (int i = 0; i < MaxLength; i += 7)
            {
                x[i] = a[i]; // ties: the kink of most formulas
            }

            OperatorWidth<T> op = c.Operator(h).Scalar;
            T[] loss = new T[MaxLength], gradient = new T[MaxLength], hessian = new T[MaxLength];
            for (int i = 0; i < MaxLength; i++)
            {
                loss[i] = op.Loss(x[i], a[i], b[i]);
                gradient[i] = op.Gradient(x[i], a[i], b[i]);
                hessian[i] = op.Hessian(x[i], a[i], b[i]);
            }

            Api<T> api = c.Api;
            for (int n = 0; n <= MaxLength; n++)
            {
                T mean = T.One / T.CreateTruncating(n);
                T sum0 = T.Zero, mean0 = T.Zero;
                for (int o = 0; o < Pad; o++)
                {
                    int od = Pad - 1 - o;
                    T[] xb = Embed<T>(x, o, n), ab = Embed<T>(a, o, n), bb = Embed<T>(b, o, n);
                    ReadOnlySpan<T> xs = xb.AsSpan(o, n), asp = ab.AsSpan(o, n), bs = bb.AsSpan(o, n);
                    var d = new T[n + (2 * Pad)];
                    void Fresh() => d.AsSpan().Fill(Sentinel<T>());

                    Fresh();
                    api.Map(xs, asp, bs, h, d.AsSpan(od, n));
                    Written("Name(…, destination)", d, od, n, loss, T.One);
                    foreach ((Reduction r, T scale) in new[] { (Reduction.Mean, mean), (Reduction.Sum, T.One) })
                    {
                        Fresh();
                        api.Gradient(xs, asp, bs, h, d.AsSpan(od, n), r);
                        Written($"NameGradient({r})", d, od, n, gradient, scale);
                        Fresh();
                        api.Hessian(xs, asp, bs, h, d.AsSpan(od, n), r);
                        Written($"NameHessian({r})", d, od, n, hessian, scale);
                        Fresh();
                        T fused = api.WithGradient(xs, asp, bs, h, d.AsSpan(od, n), r);
                        Written($"NameWithGradient({r})", d, od, n, gradient, scale);
                        T value = api.Reduce(xs, asp, bs, h, r);
                        if (!Num.SameBits(fused, value))
                        {
                            throw new InvalidOperationException($"n = {n}, offset {o}: NameWithGradient({r}) = {Num.Show(fused)} but Name(…, {r}) = {Num.Show(value)}.");
                        }

                        ref T first = ref r == Reduction.Sum ? ref sum0 : ref mean0;
                        if (o == 0)
                        {
                            first = value;
                        }
                        else if (!Num.SameBits(value, first))
                        {
                            throw new InvalidOperationException($"n = {n}: Name(…, {r}) is {Num.Show(value)} at offset {o} but {Num.Show(first)} at offset 0: the result depends on the address.");
                        }
                    }
                }

                if (n == 0 && !(T.IsNaN(mean0) && Num.Bits(sum0) == 0))
                {
                    throw new InvalidOperationException($"Empty input: Mean = {Num.Show(mean0)} (expected NaN), Sum = {Num.Show(sum0)} (expected +0).");
                }
            }
        }
    }
}
