using System.Numerics;
using FastLoss.PropertyTests.Harness;
using static FastLoss.PropertyTests.DriverHygieneTests;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 6, continued (TensorPrimitives' tests/Helpers.cs): in place is allowed and gives the out-of-place result;
/// a destination that partially overlaps an input or operand, or is shorter than the input, throws ArgumentException
/// naming the destination before anything is written; an operand of another length throws ArgumentException naming
/// the operand; a NaN hyperparameter throws ArgumentOutOfRangeException naming it.
/// </summary>
public sealed class DriverArgumentTests
{
    private static readonly int[] Lengths = [1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 65, 129, 257];

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void InPlaceEqualsOutOfPlace(string name) => Cases.Run(name, new InPlaceVisitor());

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void BadArgumentsThrowBeforeWriting(string name) => Cases.Run(name, new ArgumentVisitor());

    /// <summary>The four writing entry points, with the destination's parameter name.</summary>
    private static IEnumerable<(string Name, string Parameter, Action<T[], T[], T[], T[], Range, Range, Range, Range> Call)> Writers<T>(Api<T> api)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        yield return ("Name(…, destination)", "destination", (x, a, b, d, rx, ra, rb, rd) => api.Map(x.AsSpan(rx), a.AsSpan(ra), b.AsSpan(rb), [], d.AsSpan(rd)));
        yield return ("NameGradient", "inputGradient", (x, a, b, d, rx, ra, rb, rd) => api.Gradient(x.AsSpan(rx), a.AsSpan(ra), b.AsSpan(rb), [], d.AsSpan(rd), Reduction.Mean));
        yield return ("NameWithGradient", "inputGradient", (x, a, b, d, rx, ra, rb, rd) => api.WithGradient(x.AsSpan(rx), a.AsSpan(ra), b.AsSpan(rb), [], d.AsSpan(rd), Reduction.Mean));
        yield return ("NameHessian", "inputHessian", (x, a, b, d, rx, ra, rb, rd) => api.Hessian(x.AsSpan(rx), a.AsSpan(ra), b.AsSpan(rb), [], d.AsSpan(rd), Reduction.Mean));
    }

    /// <summary>The API with the hyperparameters bound (Writers pass an empty array).</summary>
    private static Api<T> Bound<T>(Api<T> api, T[] h)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(
            (x, a, b, _, r) => api.Reduce(x, a, b, h, r),
            (x, a, b, _, d) => api.Map(x, a, b, h, d),
            (x, a, b, _, d, r) => api.Gradient(x, a, b, h, d, r),
            (x, a, b, _, g, r) => api.WithGradient(x, a, b, h, g, r),
            (x, a, b, _, d, r) => api.Hessian(x, a, b, h, d, r));

    private static void Throws<TException>(string what, string parameter, Action act)
        where TException : ArgumentException
    {
        TException e = Assert.ThrowsAny<TException>(act);
        Assert.True(e.ParamName == parameter, $"{what}: ParamName is '{e.ParamName}', expected '{parameter}'. Message: {e.Message}");
    }

    private static void Untouched<T>(string what, T[] buffer, T[] before)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < buffer.Length; j++)
        {
            Assert.True(Num.Bits(buffer[j]) == Num.Bits(before[j]), $"{what}: buffer[{j}] was written ({Num.Show(before[j])} → {Num.Show(buffer[j])}) although the call threw.");
        }
    }

    private readonly struct InPlaceVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            var random = Runner.Random("in place " + c.Name);
            Api<T> api = Bound(c.Api, c.Domain.Hyper.Select(s => T.CreateTruncating(s.Default)).ToArray());
            for (int n = 0; n <= MaxLength; n++)
            {
                T[] x = Data<T>(random, OperandKind.General, n), a = Data<T>(random, c.Domain.A, n), b = Data<T>(random, c.Domain.B, n);
                foreach (var (name, _, call) in Writers(api))
                {
                    // Out of place, then in place over the input, then over each operand: same bits.
                    var expected = new T[n];
                    call(x, a, b, expected, .., .., .., ..);
                    for (int target = 0; target <= c.Domain.Operands; target++)
                    {
                        T[] xi = (T[])x.Clone(), ai = (T[])a.Clone(), bi = (T[])b.Clone();
                        T[] shared = target == 0 ? xi : target == 1 ? ai : bi;
                        call(xi, ai, bi, shared, .., .., .., ..);
                        Written($"{name} in place over {(target == 0 ? "input" : c.OperandNames[target - 1])}", shared, 0, n, expected, T.One);
                    }

                    // A destination longer than the input that starts at the input: in place for the first n elements.
                    T[] longer = [.. x, Sentinel<T>(), Sentinel<T>()];
                    call(longer, a, b, longer, ..n, .., .., ..);
                    Written($"{name} in place, destination longer than the input", longer, 0, n, expected, T.One);
                }
            }
        }
    }

    private readonly struct ArgumentVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            var random = Runner.Random("arguments " + c.Name);
            T[] hyper = c.Domain.Hyper.Select(s => T.CreateTruncating(s.Default)).ToArray();
            Api<T> api = Bound(c.Api, hyper);
            foreach (int n in Lengths)
            {
                T[] x = Data<T>(random, OperandKind.General, n + 1), a = Data<T>(random, c.Domain.A, n + 1), b = Data<T>(random, c.Domain.B, n + 1);
                foreach (var (name, parameter, call) in Writers(api))
                {
                    // Partial overlap with the input or an operand, either way round (one buffer holds both spans).
                    for (int target = 0; target <= c.Domain.Operands && n >= 2; target++)
                    {
                        foreach ((Range source, Range destination) in new[] { (0..n, 1..(n + 1)), (1..(n + 1), 0..n) })
                        {
                            T[] xi = (T[])x.Clone(), ai = (T[])a.Clone(), bi = (T[])b.Clone();
                            T[] shared = target == 0 ? xi : target == 1 ? ai : bi;
                            T[] before = (T[])shared.Clone();
                            Range rx = target == 0 ? source : 0..n, ra = target == 1 ? source : 0..n, rb = target == 2 ? source : 0..n;
                            Throws<ArgumentException>($"{name}: destination partially overlapping {(target == 0 ? "input" : c.OperandNames[target - 1])}", parameter, () => call(xi, ai, bi, shared, rx, ra, rb, destination));
                            Untouched(name + " (partial overlap)", shared, before);
                        }
                    }

                    // Destination shorter than the input.
                    T[] shortDestination = Enumerable.Repeat(Sentinel<T>(), n + 1).ToArray();
                    Throws<ArgumentException>($"{name}: destination of {n - 1} for {n} elements", parameter, () => call(x, a, b, shortDestination, 0..n, 0..n, 0..n, 0..(n - 1)));
                    Untouched(name + " (short destination)", shortDestination, Enumerable.Repeat(Sentinel<T>(), n + 1).ToArray());

                    // An operand one element longer or shorter than the input.
                    for (int k = 0; k < c.Domain.Operands; k++)
                    {
                        foreach (Range wrong in new[] { 0..(n + 1), 0..(n - 1) })
                        {
                            T[] d = Enumerable.Repeat(Sentinel<T>(), n + 1).ToArray();
                            Range ra = k == 0 ? wrong : 0..n, rb = k == 1 ? wrong : 0..n;
                            Throws<ArgumentException>($"{name}: '{c.OperandNames[k]}' of another length", c.OperandNames[k], () => call(x, a, b, d, 0..n, ra, rb, 0..n));
                            Untouched(name + " (operand length)", d, Enumerable.Repeat(Sentinel<T>(), n + 1).ToArray());
                        }
                    }
                }

                // Reductions: operand length, and a NaN hyperparameter everywhere.
                for (int k = 0; k < c.Domain.Operands; k++)
                {
                    T[] longer = Data<T>(random, OperandKind.General, n + 1);
                    Throws<ArgumentException>($"Name(…, Mean): '{c.OperandNames[k]}' of another length", c.OperandNames[k], () => api.Reduce(x.AsSpan(0, n), k == 0 ? longer.AsSpan() : a.AsSpan(0, n), k == 1 ? longer.AsSpan() : b.AsSpan(0, n), [], Reduction.Mean));
                }

                for (int k = 0; k < hyper.Length; k++)
                {
                    T[] nan = (T[])hyper.Clone();
                    nan[k] = T.NaN;
                    string hname = c.Formula.Hyperparameters[k].Name!;
                    Api<T> bad = Bound(c.Api, nan);
                    Throws<ArgumentOutOfRangeException>($"Name(…, Mean) with {hname} = NaN", hname, () => bad.Reduce(x.AsSpan(0, n), a.AsSpan(0, n), b.AsSpan(0, n), [], Reduction.Mean));
                    foreach (var (name, _, call) in Writers(bad))
                    {
                        T[] d = Enumerable.Repeat(Sentinel<T>(), n).ToArray();
                        Throws<ArgumentOutOfRangeException>($"{name} with {hname} = NaN", hname, () => call(x, a, b, d, 0..n, 0..n, 0..n, ..));
                        Untouched(name + " (NaN hyperparameter)", d, Enumerable.Repeat(Sentinel<T>(), n).ToArray());
                    }
                }
            }
        }
    }
}
