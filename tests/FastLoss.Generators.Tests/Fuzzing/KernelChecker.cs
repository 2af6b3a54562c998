using System.Globalization;
using System.Numerics;
using System.Text;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>Counts of what the kernel fuzzer generated, compiled, compared and skipped.</summary>
internal sealed class FuzzStatistics
{
    public int Batches;
    public int Formulas;
    public int Generated;
    public int Rejected;
    public int Kernels;
    public int ExactKernels;
    public long Points;
    public long ComparedExact;
    public long ComparedBounded;
    public long SkippedNonFinite;
    public long SkippedUnstable;
    public long SkippedThrows;
    public long GradientCompared;
    public long GradientSkipped;
    public long GradientHeldToChainRuleInT;
    public double MaxBoundRatio;

    /// <summary>
    /// Results that differ only in the sign of a zero, in formulas with Min/Max/Clamp: .NET 10.0's JIT folds Min/Max with
    /// a constant ±0 operand without the IEEE sign fix-up (float.Min(x, -0f) is +0 for x = +0; dotnet/runtime#133022),
    /// in the kernels and in the formula method alike, depending on inlining.
    /// </summary>
    public long ZeroSignOfMinMax;
    public long WithinOneUlp;
    public Dictionary<Deviation, long> Known { get; } = [];
    public Dictionary<Deviation, string> KnownExamples { get; } = [];
    public TimeSpan CompileTime;
    public TimeSpan CheckTime;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"batches {Batches}, formulas {Formulas}: generated and compiled {Generated}, FL-rejected {Rejected}; kernels (formula × element type) {Kernels}, of which exact (+ − * / neg abs max min clamp sqrt ?:) {ExactKernels}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"points {Points}: compared bit-exact {ComparedExact}, compared within the bound {ComparedBounded} ({WithinOneUlp} of them within 1 ulp; largest |kernel − reference| / bound {MaxBoundRatio:F3}, 2 allowed); skipped: reference not finite {SkippedNonFinite}, branch/overflow unstable {SkippedUnstable}, reference throws {SkippedThrows}");
        if (ZeroSignOfMinMax > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"tolerated: {ZeroSignOfMinMax} results that differ only in the sign of a zero from Min/Max (JIT, dotnet/runtime#133022)");
        }

        foreach ((Deviation d, long count) in Known)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"known deviation {d}: {count} points, e.g. {KnownExamples[d]}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"gradient vs central differences: compared {GradientCompared} (of which {GradientHeldToChainRuleInT} held to the chain rule evaluated in T, whose precision runs out there), skipped (kink, branch near its threshold, non-finite in T, not smooth at the step) {GradientSkipped}");
        sb.Append(CultureInfo.InvariantCulture, $"time: compile {CompileTime.TotalSeconds:F1} s, checks {CheckTime.TotalSeconds:F1} s");
        return sb.ToString();
    }
}

/// <summary>Operand and hyperparameter values: mostly moderate, with ±0, ±1, tiny, subnormal, huge, ±∞ and NaN mixed in.</summary>
internal static class FuzzValues
{
    public static T Sample<T>(FuzzRandom r)
        where T : IFloatingPointIeee754<T>
    {
        bool single = typeof(T) == typeof(float);
        if (r.Chance(0.78))
        {
            double v = r.Chance(0.5) ? r.Uniform(-3, 3) : (r.Chance(0.5) ? 1 : -1) * Math.Pow(10, r.Uniform(-4, 3));
            return T.CreateTruncating(v);
        }

        double[] special = single
            ? [0.0, -0.0, 1, -1, 0.5, -2, 1e-30, 1e-40, 1e30, float.MaxValue, -float.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, float.Epsilon, 88.5, -87.5]
            : [0.0, -0.0, 1, -1, 0.5, -2, 1e-300, 1e-310, 1e200, double.MaxValue, -double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, 709.5, -708.5];
        return T.CreateTruncating(r.Pick(special));
    }

    /// <summary>A hyperparameter: finite, not NaN, at least its declared minimum.</summary>
    public static T Hyper<T>(FuzzRandom r, HyperSpec spec)
        where T : IFloatingPointIeee754<T>
    {
        double v = r.Chance(0.7) ? Math.Round(r.Uniform(-3, 3), 2) : r.Pick([0.0, 1, -1, 0.5, 1e-3, 10, 2, 1e-6]);
        if (spec.Minimum is double m && v < m)
        {
            v = m + Math.Abs(v);
        }

        return T.CreateTruncating(v);
    }

    public static bool SameBits<T>(T a, T b)
        where T : IFloatingPointIeee754<T>
        => (T.IsNaN(a) && T.IsNaN(b)) || (typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits(float.CreateTruncating(a)) == BitConverter.SingleToInt32Bits(float.CreateTruncating(b))
            : BitConverter.DoubleToInt64Bits(double.CreateTruncating(a)) == BitConverter.DoubleToInt64Bits(double.CreateTruncating(b)));

    public static string Show<T>(T v)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(v))
        {
            return "NaN";
        }

        string text = typeof(T) == typeof(float)
            ? float.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture) + "f"
            : double.CreateTruncating(v).ToString("R", CultureInfo.InvariantCulture);
        return text;
    }
}

/// <summary>
/// Checks one generated formula in one element type against the formula method itself:
/// <list type="number">
/// <item>every width of the operator struct (scalar, Vector128, 256, 512) and the public API return the same bits for
/// the loss, gradient, Hessian and fused loss-and-gradient, and fused == separate;</item>
/// <item>the per-element loss equals the method's value bit for bit where <see cref="MirrorEvaluator{T}"/>'s bound is 0
/// (formulas of + − * / negation abs max min clamp sqrt and comparisons), and is within 2× that bound otherwise, at
/// every point where the method's value is finite (and the point is not unstable, see the evaluator);</item>
/// <item>the gradient (public API, Reduction.Sum) matches central differences of the formula in double where the
/// formula is smooth across the stencil: |g − fd| ≤ 1e-6·|fd| + 1e-9 + R + E + 32·ε_T·S (R: the rounding of the
/// difference quotient, E: Richardson's estimate |fd(h) − fd(2h)|, S: the magnitude of the derivative's terms), at
/// moderate values (0 or 1e-4 ≤ |v| ≤ 1e4) where nothing in T overflows, no branch is near its threshold and the chain
/// rule evaluated in T is finite; where that chain rule in T is itself far from the exact derivative (subnormal
/// products), the kernel is held to it within 1 % instead (counted).</item>
/// </list>
/// Tolerated and counted, not failed: the known deviations (<see cref="Deviation"/>), recognised by evaluating the
/// formula the kernels' way; and results that differ only in the sign of a zero in formulas with Min/Max/Clamp
/// (.NET 10's JIT, see <see cref="FuzzStatistics.ZeroSignOfMinMax"/>).
/// </summary>
internal static class KernelChecker
{
    /// <param name="batch">The compiled batch.</param>
    /// <param name="f">The formula.</param>
    /// <param name="r">Values.</param>
    /// <param name="stats">Counts to update.</param>
    /// <param name="corners">When given, operands are drawn from these values only (and ties).</param>
    /// <returns>Whether every compared point of this kernel was held to bit-exactness (a bound of 0).</returns>
    public static bool Check<T>(FuzzBatch batch, FuzzFormula f, FuzzRandom r, FuzzStatistics stats, IReadOnlyList<double>? corners = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T Sample() => corners is null ? FuzzValues.Sample<T>(r) : T.CreateTruncating(r.Pick(corners));

        Probe<T> probe = batch.ProbeOf<T>(f);
        int n = FuzzBatch.Length;
        int k = f.Operands.Length;
        var o = new T[k][];
        for (int j = 0; j < k; j++)
        {
            o[j] = new T[n];
        }

        for (int i = 0; i < n; i++)
        {
            o[0][i] = Sample();
            for (int j = 1; j < k; j++)
            {
                // Ties with the input (kinks of |x − t|, max, comparisons) are where conventions differ.
                o[j][i] = r.Chance(0.15) ? o[0][i] : r.Chance(0.05) ? -o[0][i] : Sample();
            }
        }

        T[] h = f.Hyperparameters.Select(spec => FuzzValues.Hyper<T>(r, spec)).ToArray();
        string context = Context(f, o, h);

        var loss = new T[n];
        var gradient = new T[n];
        var hessian = new T[n];
        var fused = new T[n];
        T[][] w = Enumerable.Range(0, 20).Select(_ => new T[n]).ToArray();
        probe.Loss(o, h, loss);
        probe.Gradient(o, h, gradient);
        probe.Hessian(o, h, hessian);
        probe.WithGradient(o, h, fused);
        probe.Widths(o, h, w);

        // 1. Every width and the driver give the scalar operator's bits (but for the sign of a zero out of Min/Max with a
        // constant operand, which .NET 10's JIT gets wrong: see ZeroSignOfMinMax).
        bool minMax = f.Functions.Any(fn => fn is Fn.Min or Fn.Max or Fn.Clamp);
        bool Same(T a, T b)
        {
            if (FuzzValues.SameBits(a, b))
            {
                return true;
            }

            if (minMax && a == T.Zero && b == T.Zero)
            {
                stats.ZeroSignOfMinMax++;
                return true;
            }

            return false;
        }

        string[] quantities = ["loss", "gradient", "Hessian", "fused loss", "fused gradient"];
        for (int q = 0; q < 5; q++)
        {
            for (int width = 1; width <= 3; width++)
            {
                for (int i = 0; i < FuzzBatch.WidthLength; i++)
                {
                    Require(Same(w[(q * 4) + width][i], w[q * 4][i]), context,
                        $"{quantities[q]}[{i}]: Vector{64 << width} overload gives {FuzzValues.Show(w[(q * 4) + width][i])}, the scalar overload {FuzzValues.Show(w[q * 4][i])}");
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            Require(Same(loss[i], w[0][i]), context, $"loss[{i}]: the public API gives {FuzzValues.Show(loss[i])}, the scalar operator {FuzzValues.Show(w[0][i])}");
            Require(Same(gradient[i], w[4][i]), context, $"gradient[{i}]: the public API gives {FuzzValues.Show(gradient[i])}, the scalar operator {FuzzValues.Show(w[4][i])}");
            Require(Same(hessian[i], w[8][i]), context, $"Hessian[{i}]: the public API gives {FuzzValues.Show(hessian[i])}, the scalar operator {FuzzValues.Show(w[8][i])}");
            Require(Same(fused[i], gradient[i]), context, $"gradient[{i}]: fused (WithGradient) gives {FuzzValues.Show(fused[i])}, separate {FuzzValues.Show(gradient[i])}");
            Require(Same(w[12][i], w[0][i]) && Same(w[16][i], w[4][i]), context, $"[{i}]: LossAndGradient differs from Loss/Gradient");
        }

        // 2. The loss against the method, point by point.
        var mirror = new MirrorEvaluator<T>(f);
        bool exact = true;
        var finite = new bool[n];
        var parameters = new T[f.ParameterCount];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                parameters[j] = o[j][i];
            }

            h.CopyTo(parameters, k);
            stats.Points++;
            T? reference = probe.Evaluate(parameters, out Exception? error);
            (T mirrored, double bound) = mirror.Evaluate(parameters);
            finite[i] = !mirror.NonFinite && !mirror.Throws && !mirror.Unstable;
            exact &= bound == 0 || mirror.Unstable;
            if (reference is null)
            {
                Require(mirror.Throws, context, $"[{i}]: the formula method threw {error?.GetType().Name} ({error?.Message}) where the test's evaluator did not expect it");
                stats.SkippedThrows++;
                continue;
            }

            Require(!mirror.Throws && FuzzValues.SameBits(mirrored, reference.Value), context,
                $"[{i}]: test harness: its evaluator gives {FuzzValues.Show(mirrored)} but the method {FuzzValues.Show(reference.Value)}");
            T value = reference.Value;
            if (!T.IsFinite(value))
            {
                stats.SkippedNonFinite++;
                continue;
            }

            if (mirror.Unstable)
            {
                stats.SkippedUnstable++;
                continue;
            }

            T kernel = loss[i];
            if (bound == 0)
            {
                stats.ComparedExact++;
            }
            else
            {
                stats.ComparedBounded++;
            }

            if (Within(kernel, value, bound))
            {
                if (bound > 0)
                {
                    double difference = Math.Abs(double.CreateTruncating(kernel) - double.CreateTruncating(value));
                    stats.MaxBoundRatio = Math.Max(stats.MaxBoundRatio, difference / bound);
                    stats.WithinOneUlp += difference <= MirrorEvaluator<T>.Ulp(value) ? 1 : 0;
                }

                continue;
            }

            // A known deviation (see Deviation) explains it if the formula evaluated the kernels' way matches.
            Deviation? known = null;
            foreach (Deviation d in new[] { Deviation.NegatedDifference, Deviation.MathClamp, Deviation.NegatedDifference | Deviation.MathClamp })
            {
                var other = new MirrorEvaluator<T>(f, d);
                (T v, double b) = other.Evaluate(parameters);
                if (!other.Throws && Within(kernel, v, Math.Max(b, bound)))
                {
                    known = d;
                    break;
                }
            }

            if (known is null && minMax && kernel == T.Zero && value == T.Zero)
            {
                stats.ZeroSignOfMinMax++;
                continue;
            }

            Require(known is not null, context, bound == 0
                ? $"loss[{i}] = {FuzzValues.Show(kernel)} but the formula gives {FuzzValues.Show(value)}: formulas without transcendental functions must match bit for bit{Point(parameters)}"
                : $"loss[{i}] = {FuzzValues.Show(kernel)} but the formula gives {FuzzValues.Show(value)}: |difference| {Math.Abs(double.CreateTruncating(kernel) - double.CreateTruncating(value)):R} > 2 × bound {bound:R}{Point(parameters)}");
            stats.Known[known!.Value] = stats.Known.GetValueOrDefault(known.Value) + 1;
            stats.KnownExamples.TryAdd(known.Value, $"{f.Name} in {typeof(T).Name}: kernel {FuzzValues.Show(kernel)}, formula {FuzzValues.Show(value)}{Point(parameters)}");
        }

        // 3. The gradient against central differences in double.
        CheckGradient(f, o, h, gradient, finite, context, stats);
        return exact;
    }

    private static void CheckGradient<T>(FuzzFormula f, T[][] o, T[] h, T[] gradient, bool[] finite, string context, FuzzStatistics stats)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool single = typeof(T) == typeof(float);
        double epsilon = single ? Math.ScaleB(1, -23) : Math.ScaleB(1, -52);
        const double E64 = 2.220446049250313e-16;
        var dual = new DualEvaluator<double>(f, singleLiterals: single, ideal: true);
        var inT = new DualEvaluator<T>(f, singleLiterals: single, ideal: false);
        var p = new double[f.ParameterCount];
        var pt = new T[f.ParameterCount];
        for (int i = 0; i < gradient.Length; i++)
        {
            for (int j = 0; j < o.Length; j++)
            {
                pt[j] = o[j][i];
            }

            h.CopyTo(pt, o.Length);
            for (int j = 0; j < pt.Length; j++)
            {
                p[j] = double.CreateTruncating(pt[j]);
            }

            // Only where the formula in T computes nothing non-finite (the double evaluation would not see a float
            // overflow) and takes no branch the kernels' functions could flip (an unstable point, see MirrorEvaluator),
            // and where the chain rule in T is finite (not an intermediate underflowed to a singularity
            // of a derivative, e.g. √0).
            // Moderate values only (0 or 1e-4 ≤ |v| ≤ 1e4, as the property tests' gradient checks): the symbolic quotient
            // rule u′/v − u·v′/v² squares v, which under- or overflows long before the derivative does.
            T chainRuleInT = inT.Evaluate(pt).Dv;
            if (!finite[i] || p.Any(v => !(v == 0 || (Math.Abs(v) >= 1e-4 && Math.Abs(v) <= 1e4))) || !T.IsFinite(chainRuleInT))
            {
                stats.GradientSkipped++;
                continue;
            }

            double x = p[0];
            double step = 1e-6 * Math.Max(1, Math.Abs(x));
            DualEvaluator<double>.Dual at = dual.Evaluate(p);
            int[] decisions = [.. dual.Decisions];
            bool smooth = !dual.Invalid && double.IsFinite(at.V) && double.IsFinite(at.Dv) && double.IsFinite(at.Md) && decisions.SequenceEqual(inT.Decisions);
            var values = new double[9];
            for (int j = -4; j <= 4 && smooth; j++)
            {
                p[0] = x + (j * step / 2);
                values[j + 4] = dual.Value(p);
                smooth = !dual.Invalid && double.IsFinite(values[j + 4]) && dual.Decisions.SequenceEqual(decisions);
            }

            p[0] = x;
            if (!smooth)
            {
                stats.GradientSkipped++;
                continue;
            }

            // values[j + 4] = f(x + j·h/2): f(x ± h) at 2 and 6, f(x ± 2h) at 0 and 8.
            double fd = (values[6] - values[2]) / (2 * step);
            double fd2 = (values[8] - values[0]) / (4 * step);
            double truncation = Math.Abs(fd - fd2);
            if (truncation > 1e-3 * (Math.Abs(fd) + 1e-3))
            {
                // Not smooth at the scale of the step (a singularity or a kink between points, e.g. under a select).
                stats.GradientSkipped++;
                continue;
            }

            // The rounding of the difference quotient: each f is computed in double to about ε₆₄ times the magnitude of
            // its terms (more than |f| where they cancel).
            double rounding = 4 * E64 * (Math.Abs(values[6]) + Math.Abs(values[2]) + Math.Abs(values[4]) + (2 * at.Mv)) / step;
            double own = 32 * epsilon * at.Md;
            double tolerance = (1e-6 * Math.Abs(fd)) + 1e-9 + rounding + truncation + own;
            double kernel = double.CreateTruncating(gradient[i]);
            stats.GradientCompared++;
            if (!(Math.Abs(kernel - fd) <= tolerance))
            {
                // The chain rule itself, evaluated in T as the generator writes it (u′/v − u·v′/v², f′(u)·u′), can be far
                // from the exact derivative where T's precision runs out (subnormal products, cancellation): then the
                // kernel is held to that instead, and the point is counted.
                double inTValue = double.CreateTruncating(chainRuleInT);
                double inTError = Math.Abs(inTValue - fd);
                if (inTError > tolerance && Math.Abs(kernel - inTValue) <= (1e-2 * Math.Abs(inTValue)) + tolerance)
                {
                    stats.GradientHeldToChainRuleInT++;
                    continue;
                }
            }

            Require(Math.Abs(kernel - fd) <= tolerance, context,
                $"gradient[{i}] = {FuzzValues.Show(gradient[i])} but central differences give {fd:R} (|diff| {Math.Abs(kernel - fd):R} > tolerance {tolerance:R}; forward-mode {at.Dv:R}){Point(p)}");
        }
    }

    /// <summary>Bit for bit where the bound is 0; else finite and within twice the bound.</summary>
    private static bool Within<T>(T kernel, T value, double bound)
        where T : IFloatingPointIeee754<T>
        => FuzzValues.SameBits(kernel, value)
            || (bound > 0 && T.IsFinite(kernel) && Math.Abs(double.CreateTruncating(kernel) - double.CreateTruncating(value)) <= 2 * bound);

    private static string Point<T>(T[] parameters)
        where T : IFloatingPointIeee754<T>
        => " at (" + string.Join(", ", parameters.Select(FuzzValues.Show)) + ")";

    private static string Point(double[] parameters)
        => " at (" + string.Join(", ", parameters.Select(FuzzValues.Show)) + ")";

    private static string Context<T>(FuzzFormula f, T[][] o, T[] h)
        where T : IFloatingPointIeee754<T>
        => $"{f.Name} in {typeof(T).Name} (hyperparameters [{string.Join(", ", h.Select(FuzzValues.Show))}]):\n{FormulaRenderer.Method(f)}";

    private static void Require(bool condition, string context, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message + "\nformula " + context);
        }
    }
}
