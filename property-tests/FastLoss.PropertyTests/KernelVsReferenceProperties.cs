using System.Numerics;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 1: every per-element loss the span API writes equals the formula method (the scalar reference) within
/// the case's stated bound, over values including ±0, subnormals, huge values, ±∞ and NaN; NaN exactly where the
/// reference is NaN. Hand-written gradients are checked against their method the same way.
/// </summary>
public sealed class KernelVsReferenceProperties
{
    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void LossKernelMatchesFormulaMethod(string name) => Cases.Run(name, new LossVisitor());

    [Theory]
    [MemberData(nameof(Cases.HandWrittenGradientNames), MemberType = typeof(Cases))]
    public void HandWrittenGradientKernelMatchesItsMethod(string name) => Cases.Run(name, new GradientVisitor());

    internal static void Compare<T>(string what, Sample<T> s, T[] kernel, Func<T, T, T, T[], T> reference, Bound bound)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] h = s.H.Select(double.CreateTruncating).ToArray();
        for (int i = 0; i < s.Length; i++)
        {
            T r = reference(s.X[i], s.A[i], s.B[i], s.H);
            if (!bound.Accepts(kernel[i], r, double.CreateTruncating(s.X[i]), double.CreateTruncating(s.A[i]), double.CreateTruncating(s.B[i]), h))
            {
                throw new InvalidOperationException(
                    $"{what}[{i}] = {Num.Show(kernel[i])} but the reference gives {Num.Show(r)} " +
                    $"({Num.UlpDistance(kernel[i], r)} ulp; bound {bound.Text}) at input={Num.Literal(s.X[i])}, a={Num.Literal(s.A[i])}, b={Num.Literal(s.B[i])}, h={Num.ShowArray(s.H)}");
            }
        }
    }

    private readonly struct LossVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Func<T, T, T, T[], T> reference = c.Formula.Loss;
            Runner.Check($"kernel == reference [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Extreme), s =>
            {
                var destination = new T[s.Length];
                c.Api.Map(s.X, s.A, s.B, s.H, destination);
                Compare("loss", s, destination, reference, c.LossBound);
            });
        }
    }

    private readonly struct GradientVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Bound bound = c.GradientBound!;
            Func<T, T, T, T[], T> reference = c.Formula.HandWrittenGradient!;

            Runner.Check($"gradient kernel == hand-written gradient [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Extreme), s =>
            {
                var gradient = new T[s.Length];
                c.Api.Gradient(s.X, s.A, s.B, s.H, gradient, Reduction.Sum);
                Compare("gradient", s, gradient, reference, bound);
            });
        }
    }
}
