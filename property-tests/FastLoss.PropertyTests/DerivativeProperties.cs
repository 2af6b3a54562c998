using System.Numerics;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 3, torch.autograd.gradcheck's idea in double: the per-element gradient (NameGradient, Sum) and Hessian
/// (NameHessian, Sum) kernels against central finite differences of the loss in double (the double instantiation, or a
/// double twin of a float-only formula), over moderate finite values.
/// <list type="bullet">
/// <item>Gradient: fd = (f(x+h) − f(x−h))/2h with h = 1e-6·max(1, |x|); for the cases with a <c>[Differentiable]</c>
/// target, the same with respect to the target (NameGradient's all-gradients overload, the target perturbed).</item>
/// <item>Hessian: fd = (f(x+k) − 2f(x) + f(x−k))/k² with k = 1e-4·max(1, |x|).</item>
/// <item>Pass when |kernel − fd| ≤ rtol·|fd| + atol + R + E + 32·ε_T·S, with rtol = 1e-6 (gradient) / 1e-5 (Hessian),
/// atol = 1e-9 / 1e-7, R the rounding error of the difference quotient (4ε₆₄·Σ|f|/h, 8ε₆₄·Σ|f|/k²), E Richardson's
/// estimate of its truncation error (|fd(h) − fd(2h)|), S the case's scale of the kernel's own terms (ε_T is float's or
/// double's epsilon: a float kernel carries float rounding).</item>
/// <item>Skipped: elements whose branch (the case's Branch key: the sides of |d| vs δ, sign d, clamp ends…) differs
/// anywhere in [x − 2k, x + 2k], and elements where the reference loss in T or any double stencil value is not
/// finite (outside the formula's valid range). At least half of all elements must be checked.</item>
/// </list>
/// </summary>
public sealed class DerivativeProperties
{
    private const double E64 = 2.220446049250313e-16;

    /// <summary>Short spans: the driver is covered elsewhere; this property is about the math, per element.</summary>
    private static readonly FsCheck.Gen<int> Length = FsCheck.Fluent.Gen.Choose(0, 40);

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void GradientMatchesFiniteDifferences(string name) => Cases.Run(name, new Visitor(hessian: false));

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void HessianMatchesFiniteDifferences(string name) => Cases.Run(name, new Visitor(hessian: true));

    [Theory]
    [MemberData(nameof(Cases.TargetGradientNames), MemberType = typeof(Cases))]
    public void TargetGradientMatchesFiniteDifferences(string name) => Cases.Run(name, new Visitor(hessian: false, target: true));

    /// <summary>The function of one variable a finite difference perturbs: the loss in x (or in a, for the target's gradient).</summary>
    private static Func<double, double> Along(F64 f, bool target, double x, double a, double b, double[] h)
        => target ? u => f(x, u, b, h) : u => f(u, a, b, h);

    private static bool Skip<T>(LossCase<T> c, Sample<T> s, int i, bool target, double x, double a, double b, double[] h, double k)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!T.IsFinite(c.Formula.Loss(s.X[i], s.A[i], s.B[i], s.H)))
        {
            return true;
        }

        double v = target ? a : x;
        Func<double, double> loss = Along(c.Loss64, target, x, a, b, h);
        for (int j = -4; j <= 4; j++)
        {
            if (!double.IsFinite(loss(v + (j * k / 2))))
            {
                return true;
            }
        }

        if (c.Branch is { } branch)
        {
            Func<double, double> side = Along(branch, target, x, a, b, h);
            double at = side(v);
            for (int j = -8; j <= 8; j++)
            {
                if (side(v + (j * k / 4)) != at)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void CheckGradient<T>(LossCase<T> c, Sample<T> s, int i, T kernel, bool target, double x, double a, double b, double[] h)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<double, double> f = Along(c.Loss64, target, x, a, b, h);
        double v = target ? a : x;
        double step = 1e-6 * Math.Max(1, Math.Abs(v));
        double Fd(double e) => (f(v + e) - f(v - e)) / (2 * e);
        double fd = Fd(step);
        double rounding = 4 * E64 * (Math.Abs(f(v + step)) + Math.Abs(f(v - step)) + Math.Abs(f(v))) / step;
        double truncation = Math.Abs(fd - Fd(2 * step));
        double own = 32 * Num.Epsilon<T>() * c.GradientScale(x, a, b, h);
        Within(c, target ? "target gradient" : "gradient", s, i, kernel, fd, (1e-6 * Math.Abs(fd)) + 1e-9 + rounding + truncation + own);
    }

    private static void CheckHessian<T>(LossCase<T> c, Sample<T> s, int i, T kernel, double x, double a, double b, double[] h, double k)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        F64 f = c.Loss64;
        double f0 = f(x, a, b, h);
        double Fd(double e) => (f(x + e, a, b, h) - (2 * f0) + f(x - e, a, b, h)) / (e * e);
        // Richardson extrapolation removes the O(k²) term, so the step may stay large (k scales with |x| to keep the
        // rounding of x ± k small) without the truncation error of a plain central difference; what is left of it is
        // bounded by the distance to the unextrapolated difference.
        double plain = Fd(k);
        double fd = ((4 * plain) - Fd(2 * k)) / 3;
        double rounding = 16 * E64 * (Math.Abs(f(x + (2 * k), a, b, h)) + Math.Abs(f(x + k, a, b, h)) + Math.Abs(f0) + Math.Abs(f(x - k, a, b, h)) + Math.Abs(f(x - (2 * k), a, b, h))) / (k * k);
        double truncation = Math.Abs(fd - plain);
        double slope = Math.Abs(f(x + k, a, b, h) - f(x - k, a, b, h)) / (2 * k);
        rounding += 8 * E64 * Math.Abs(x) * slope / (k * k);
        double own = 32 * Num.Epsilon<T>() * c.HessianScale(x, a, b, h);
        Within(c, "Hessian", s, i, kernel, fd, (1e-5 * Math.Abs(fd)) + 1e-7 + rounding + truncation + own);
    }

    private static void Within<T>(LossCase<T> c, string what, Sample<T> s, int i, T kernel, double fd, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double k = double.CreateTruncating(kernel);
        if (!(Math.Abs(k - fd) <= tolerance))
        {
            throw new InvalidOperationException(
                $"{what}[{i}] = {Num.Show(kernel)} but the finite difference gives {fd:R} (|diff| {Math.Abs(k - fd):R} > tolerance {tolerance:R}) " +
                $"at input={Num.Literal(s.X[i])}, a={Num.Literal(s.A[i])}, b={Num.Literal(s.B[i])}, h={Num.ShowArray(s.H)}");
        }
    }

    private readonly struct Visitor(bool hessian, bool target = false) : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            long checkedCount = 0, total = 0;
            bool second = hessian, wrtTarget = target;
            Runner.Check($"{(second ? "Hessian" : wrtTarget ? "target gradient" : "gradient")} == finite differences [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Moderate, Length), s =>
            {
                var kernel = new T[s.Length];
                if (second)
                {
                    c.Api.Hessian(s.X, s.A, s.B, s.H, kernel, Reduction.Sum);
                }
                else if (wrtTarget)
                {
                    c.TargetGradient!(s.X, s.A, s.B, s.H, kernel, Reduction.Sum);
                }
                else
                {
                    c.Api.Gradient(s.X, s.A, s.B, s.H, kernel, Reduction.Sum);
                }

                double[] h = s.H.Select(double.CreateTruncating).ToArray();
                for (int i = 0; i < s.Length; i++)
                {
                    double x = double.CreateTruncating(s.X[i]), a = double.CreateTruncating(s.A[i]), b = double.CreateTruncating(s.B[i]);
                    // The step grows with √|x|, not |x|: x ± k is then rounded by |x|·ε ≤ 1e8·ε·k², which the second
                    // difference divides by k² into a bounded error, while k stays small against the curvature of
                    // functions of x − t (|x| ≈ 1e3 with x − t ≈ 1 is common here).
                    double k = 1e-4 * Math.Max(1, Math.Sqrt(Math.Abs(wrtTarget ? a : x)));
                    Interlocked.Increment(ref total);
                    if (Skip(c, s, i, wrtTarget, x, a, b, h, k))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref checkedCount);
                    if (second)
                    {
                        CheckHessian(c, s, i, kernel[i], x, a, b, h, k);
                    }
                    else
                    {
                        CheckGradient(c, s, i, kernel[i], wrtTarget, x, a, b, h);
                    }
                }
            });

            Assert.True(checkedCount * 2 >= total, $"{c.Name}: only {checkedCount} of {total} elements were away from kinks and in range.");
        }
    }
}
