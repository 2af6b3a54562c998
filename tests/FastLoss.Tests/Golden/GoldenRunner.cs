using System.Numerics;

namespace FastLoss.Tests.Golden;

/// <summary>
/// Runs every case of one loss (its golden file and its errors.json cases) through an adapter and tallies the results.
/// A "result" is one (case, reduction) pair; it passes when every FastLoss call for it matches:
/// 'none' → destination overload (output) and <c>NameGradient(Sum)</c> (gradient);
/// 'mean'/'sum' → reduced overload (output), <c>NameGradient</c> (gradient) and <c>NameWithGradient</c> (both).
/// </summary>
public static class GoldenRunner
{
    /// <summary>The reduction passed for torch's invalid reduction strings ('avg', 'batchmean' where unsupported).</summary>
    public const Reduction InvalidReduction = (Reduction)42;

    /// <summary>Runs one loss.</summary>
    /// <param name="adapter">The loss.</param>
    /// <returns>The tally, with every failure.</returns>
    public static GoldenTally Run(GoldenLossAdapter adapter)
    {
        var tally = new GoldenTally(adapter.Name);
        foreach (GoldenCase c in GoldenFile.Load(adapter.TorchName).Cases)
        {
            if (c.DType == "float32")
            {
                RunCase<float>(adapter, c, tally);
            }
            else
            {
                RunCase<double>(adapter, c, tally);
            }
        }

        foreach (GoldenCase c in GoldenFile.Load("errors").Cases.Where(c => c.Loss == adapter.TorchName))
        {
            if (c.DType == "float32")
            {
                RunErrorCase<float>(adapter, c, tally);
            }
            else
            {
                RunErrorCase<double>(adapter, c, tally);
            }
        }

        return tally;
    }

    private static void RunCase<T>(GoldenLossAdapter adapter, GoldenCase c, GoldenTally tally)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (LossInvocation<T>? invocation, string? skip) = TryBind<T>(adapter, c);
        foreach ((string key, GoldenResult result) in c.Results)
        {
            if (skip is not null || result.Undefined is not null)
            {
                tally.Skip(c, skip ?? "value undefined in torch (" + result.Undefined + ")");
                continue;
            }

            if (!adapter.TryMapReduction(key, out Reduction? reduction))
            {
                tally.Skip(c, adapter.UnmappedReductionReason(key));
                continue;
            }

            var failures = new List<string>();
            try
            {
                if (result.Error is not null)
                {
                    failures.Add($"{c.Id} [{key}]: unexpected error result outside errors.json");
                }
                else
                {
                    CheckResult(adapter, c, key, reduction, result, invocation!, failures);
                }
            }
            catch (Exception ex) when (ex is not GoldenSkipException)
            {
                failures.Add($"{c.Id} [{key}] ({c.Description}): threw {ex.GetType().Name}: {ex.Message}");
            }

            tally.Record(c, failures);
            foreach (string name in c.GradWrt.Where(n => n != adapter.PredictionName && !adapter.OperandGradients.Contains(n)))
            {
                tally.NotChecked($"grad.{name}: {adapter.UncheckedGradientReason(name)}");
            }
        }
    }

    private static void CheckResult<T>(
        GoldenLossAdapter adapter, GoldenCase c, string key, Reduction? reduction, GoldenResult result, LossInvocation<T> invocation, List<string> failures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double rtol = GoldenTolerance.For(c.DType);
        double[] output = Round<T>(result.Output!);
        double[]? gradient = result.Gradients.TryGetValue(adapter.PredictionName, out double[]? g) && g is not null ? Round<T>(g) : null;
        double gradientScale = gradient is null ? 0 : GoldenTolerance.NormScale(gradient);
        double[]? gradientTerms = gradient is null ? null
            : GoldenTolerance.TermAllowance(adapter.GradientTerms(c, adapter.PredictionName, reduction ?? Reduction.Sum), c.DType);
        string at = $"{c.Id} [{key}]";
        string grad = "grad." + adapter.PredictionName;
        if (gradient is null && c.GradWrt.Contains(adapter.PredictionName))
        {
            failures.Add($"{at}: no golden gradient for '{adapter.PredictionName}'");
        }

        if (adapter.OperandGradients.Count > 0 && c.GradWrt.Count > 0)
        {
            CheckGradients(adapter, c, at, reduction, result, invocation, failures, rtol);
        }

        if (reduction is not { } r)
        {
            GoldenTolerance.Compare(failures, $"{at} {adapter.Name}(destination) output", output, invocation.None(), rtol, GoldenTolerance.NormScale(output));
            if (gradient is not null)
            {
                GoldenTolerance.Compare(failures, $"{at} {adapter.Name}Gradient(Sum) {grad}", gradient, invocation.Gradient(Reduction.Sum), rtol, gradientScale, gradientTerms);
            }

            return;
        }

        double[] unreduced = c.Results.TryGetValue("none", out GoldenResult? none) && none.Output is not null ? Round<T>(none.Output) : output;
        double scale = GoldenTolerance.ReductionScale(unreduced, r != Reduction.Sum);
        GoldenTolerance.Compare(failures, $"{at} {adapter.Name}({r}) output", output, [invocation.Reduce(r)], rtol, scale);
        double fused = invocation.WithGradient(r, out double[] fusedGradient);
        GoldenTolerance.Compare(failures, $"{at} {adapter.Name}WithGradient({r}) output", output, [fused], rtol, scale);
        if (gradient is not null)
        {
            GoldenTolerance.Compare(failures, $"{at} {adapter.Name}Gradient({r}) {grad}", gradient, invocation.Gradient(r), rtol, gradientScale, gradientTerms);
            GoldenTolerance.Compare(failures, $"{at} {adapter.Name}WithGradient({r}) {grad}", gradient, fusedGradient, rtol, gradientScale, gradientTerms);
        }
    }

    /// <summary>
    /// Every recorded gradient (the prediction's and the differentiable operands') through the all-gradients overloads:
    /// <c>NameGradients</c> ('none' compares the sum's gradient) and, for a reduction, the fused <c>NameWithGradients</c>.
    /// </summary>
    private static void CheckGradients<T>(
        GoldenLossAdapter adapter, GoldenCase c, string at, Reduction? reduction, GoldenResult result, LossInvocation<T> invocation, List<string> failures, double rtol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Reduction r = reduction ?? Reduction.Sum;
        IReadOnlyDictionary<string, double[]>? separate = invocation.Gradients(r);
        double fusedLoss = double.NaN;
        IReadOnlyDictionary<string, double[]>? fused = reduction is null ? null : invocation.WithGradients(r, out fusedLoss);
        if (separate is null || (reduction is not null && fused is null))
        {
            failures.Add($"{at}: {adapter.Name} declares operand gradients but has no all-gradients overload bound");
            return;
        }

        if (reduction is not null)
        {
            double[] unreduced = c.Results.TryGetValue("none", out GoldenResult? none) && none.Output is not null ? Round<T>(none.Output) : Round<T>(result.Output!);
            GoldenTolerance.Compare(failures, $"{at} {adapter.Name}WithGradient({r}, all gradients) output", Round<T>(result.Output!), [fusedLoss],
                rtol, GoldenTolerance.ReductionScale(unreduced, r != Reduction.Sum));
        }

        foreach (string name in c.GradWrt.Where(n => n == adapter.PredictionName || adapter.OperandGradients.Contains(n)))
        {
            if (!result.Gradients.TryGetValue(name, out double[]? golden) || golden is null)
            {
                failures.Add($"{at}: no golden gradient for '{name}'");
                continue;
            }

            double[] expected = Round<T>(golden);
            double scale = GoldenTolerance.NormScale(expected);
            double[]? terms = GoldenTolerance.TermAllowance(adapter.GradientTerms(c, name, r), c.DType);
            GoldenTolerance.Compare(failures, $"{at} {adapter.Name}Gradient({r}, all gradients) grad.{name}", expected, separate[name], rtol, scale, terms);
            if (fused is not null)
            {
                GoldenTolerance.Compare(failures, $"{at} {adapter.Name}WithGradient({r}, all gradients) grad.{name}", expected, fused[name], rtol, scale, terms);
            }
        }
    }

    private static void RunErrorCase<T>(GoldenLossAdapter adapter, GoldenCase c, GoldenTally tally)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (LossInvocation<T>? invocation, string? skip) = TryBind<T>(adapter, c);
        foreach ((string key, GoldenResult result) in c.Results)
        {
            if (skip is not null)
            {
                tally.SkipError(c, skip);
                continue;
            }

            GoldenError error = result.Error ?? throw new InvalidDataException($"{c.Id} [{key}]: errors.json result without an error.");
            bool invalidReduction = IsInvalidReduction(c, error);
            if (!invalidReduction && !adapter.TryMapReduction(key, out _))
            {
                tally.SkipError(c, adapter.UnmappedReductionReason(key));
                continue;
            }

            adapter.TryMapReduction(key, out Reduction? reduction);
            Type expected = invalidReduction ? typeof(ArgumentOutOfRangeException) : typeof(ArgumentException);
            var calls = new List<(string Call, Action Run)>();
            if (invalidReduction || reduction is not null)
            {
                Reduction r = invalidReduction ? InvalidReduction : reduction!.Value;
                calls.Add(($"{adapter.Name}((Reduction){(int)r})", () => invocation!.Reduce(r)));
                calls.Add(($"{adapter.Name}Gradient((Reduction){(int)r})", () => invocation!.Gradient(r)));
                calls.Add(($"{adapter.Name}WithGradient((Reduction){(int)r})", () => invocation!.WithGradient(r, out _)));
                if (adapter.OperandGradients.Count > 0)
                {
                    calls.Add(($"{adapter.Name}Gradient((Reduction){(int)r}, all gradients)", () => invocation!.Gradients(r)));
                    calls.Add(($"{adapter.Name}WithGradient((Reduction){(int)r}, all gradients)", () => invocation!.WithGradients(r, out _)));
                }
            }
            else
            {
                calls.Add(($"{adapter.Name}(destination)", () => invocation!.None()));
                calls.Add(($"{adapter.Name}Gradient(Sum)", () => invocation!.Gradient(Reduction.Sum)));
                if (adapter.OperandGradients.Count > 0)
                {
                    calls.Add(($"{adapter.Name}Gradient(Sum, all gradients)", () => invocation!.Gradients(Reduction.Sum)));
                }
            }

            var failures = new List<string>();
            foreach ((string call, Action run) in calls)
            {
                string at = $"{c.Id} [{key}] {call} ({c.Description}; torch: {error.Exception}: {FirstLine(error.Message)})";
                try
                {
                    run();
                    failures.Add($"{at}: did not throw, expected {expected.Name}");
                }
                catch (Exception ex) when (!expected.IsInstanceOfType(ex))
                {
                    failures.Add($"{at}: threw {ex.GetType().Name} ({ex.Message}), expected {expected.Name}");
                }
                catch (Exception)
                {
                    // The expected rejection.
                }
            }

            tally.RecordError(c, failures);
        }
    }

    private static (LossInvocation<T>? Invocation, string? Skip) TryBind<T>(GoldenLossAdapter adapter, GoldenCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (adapter.Unsupported(c) is { } unsupported)
        {
            return (null, unsupported);
        }

        try
        {
            return (adapter.Bind<T>(c), null);
        }
        catch (GoldenSkipException ex)
        {
            return (null, ex.Message);
        }
        catch (Exception ex)
        {
            // An adapter bug (e.g. a missing option): fail every result of the case, keep running the others.
            return (new ThrowingInvocation<T>(ex), null);
        }
    }

    /// <summary>Stands in for a case whose binding failed: every call rethrows the binding's exception.</summary>
    private sealed class ThrowingInvocation<T>(Exception bindingError) : LossInvocation<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override double[] None() => throw Error();

        public override double Reduce(Reduction reduction) => throw Error();

        public override double[] Gradient(Reduction reduction) => throw Error();

        public override double WithGradient(Reduction reduction, out double[] gradient) => throw Error();

        private InvalidOperationException Error() => new($"adapter failed to bind the case: {bindingError.GetType().Name}: {bindingError.Message}", bindingError);
    }

    private static bool IsInvalidReduction(GoldenCase c, GoldenError error)
        => error.Message.Contains("reduction", StringComparison.OrdinalIgnoreCase)
           || c.Description.Contains("invalid reduction", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>Golden values rounded to the case's element type (float32 values are exact as doubles; this makes sure).</summary>
    private static double[] Round<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => double.CreateTruncating(T.CreateTruncating(v)));
}
