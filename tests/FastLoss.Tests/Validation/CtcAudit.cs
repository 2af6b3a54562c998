using System.Numerics;
using System.Reflection;

namespace FastLoss.Tests.Validation;

/// <summary>
/// The bad-input table of the <c>Loss.Ctc*</c> overloads, whose arguments (T·N·C log-probabilities, label and length
/// spans, a target layout, a blank) follow none of the element-wise or row-wise conventions of
/// <see cref="LossApiAudit"/>, which routes them here. torch's ctc_loss rejections plus the output checks.
/// </summary>
internal static class CtcAudit
{
    private const int Steps = 4;
    private const int Batch = 2;
    private const int Classes = 3;

    /// <summary>The arguments of one call, mutable per case.</summary>
    private sealed class Plan
    {
        public int LogProbs { get; set; } = Steps * Batch * Classes;

        public int BatchSize { get; set; } = Batch;

        public int ClassCount { get; set; } = Classes;

        public int[] Targets { get; set; } = [1, 2, 2, 0];

        public CtcTargetLayout Layout { get; set; } = CtcTargetLayout.Padded;

        public int[] InputLengths { get; set; } = [Steps, Steps - 1];

        public int[] TargetLengths { get; set; } = [2, 1];

        public int Blank { get; set; }

        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>Elements the output lacks (0: exactly its size).</summary>
        public int Short { get; set; }

        /// <summary>Whether the output starts one element into the log-probabilities' array.</summary>
        public bool OverlapsLogProbs { get; set; }
    }

    public static IEnumerable<AuditCase> CasesOf(MethodInfo method)
    {
        ParameterInfo[] ps = method.GetParameters();
        string? output = ps.FirstOrDefault(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Span<>))?.Name;
        bool reduces = ps.Any(p => p.Name == "reduction");
        Type element = ps[0].ParameterType.GetGenericArguments()[0];
        AuditCase Case(string problem, string[] expected, Action<Plan> change)
        {
            var plan = new Plan();
            change(plan);
            return new AuditCase(problem, expected, () => element == typeof(float) ? Build<float>(method, plan) : Build<double>(method, plan));
        }

        yield return Case("valid arguments", [], _ => { });
        yield return Case("valid arguments, concatenated targets", [], p => (p.Targets, p.Layout) = ([1, 2, 2], CtcTargetLayout.Concatenated));
        yield return Case("batchSize is 0", ["batchSize"], p => p.BatchSize = 0);
        yield return Case("classCount is 0", ["classCount"], p => p.ClassCount = 0);
        yield return Case("logProbs is one element short of T·N·C", ["logProbs"], p => p.LogProbs--);
        yield return Case("logProbs is empty", ["logProbs"], p => p.LogProbs = 0);
        yield return Case($"blank is {Classes} of {Classes} classes", ["blank"], p => p.Blank = Classes);
        yield return Case("blank is -1", ["blank"], p => p.Blank = -1);
        yield return Case("targetLayout is (CtcTargetLayout)7", ["targetLayout"], p => p.Layout = (CtcTargetLayout)7);
        yield return Case("inputLengths has one length for two samples", ["inputLengths"], p => p.InputLengths = [Steps]);
        yield return Case($"inputLengths holds {Steps + 1} > T", ["inputLengths"], p => p.InputLengths = [Steps + 1, Steps]);
        yield return Case("inputLengths holds -1", ["inputLengths"], p => p.InputLengths = [Steps, -1]);
        yield return Case("targetLengths has three lengths for two samples", ["targetLengths"], p => p.TargetLengths = [2, 1, 0]);
        yield return Case("targetLengths holds -1", ["targetLengths"], p => p.TargetLengths = [-1, 2]);
        yield return Case("targetLengths holds 3 > the padded width 2", ["targetLengths", "targets"], p => p.TargetLengths = [3, 1]);
        yield return Case("targets has 5 labels, not a multiple of N (padded)", ["targets"], p => p.Targets = [1, 2, 2, 1, 1]);
        yield return Case("concatenated targets has 4 labels for lengths adding up to 3", ["targets"], p => (p.Targets, p.Layout) = ([1, 2, 2, 1], CtcTargetLayout.Concatenated));
        yield return Case($"targets holds class {Classes} of {Classes} in the last position", ["targets"], p => p.Targets = [1, 2, Classes, 0]);
        yield return Case("targets holds -1", ["targets"], p => p.Targets = [-1, 2, 2, 0]);
        if (output is not null)
        {
            yield return Case($"{output} is one element short", [output], p => p.Short = 1);
            yield return Case($"{output} overlaps logProbs partially", [output], p => p.OverlapsLogProbs = true);
        }

        if (reduces)
        {
            yield return Case("reduction is (Reduction)42", ["reduction"], p => p.Reduction = (Reduction)42);
        }
    }

    private static AuditCall Build<T>(MethodInfo method, Plan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterInfo[] ps = method.GetParameters();
        var random = new Random(11);
        var arrays = new List<Array>();
        int outputLength = ps.Any(p => p.Name == "destination") ? Batch : Steps * Batch * Classes;
        var logProbs = new T[plan.LogProbs + outputLength + 1];
        for (int i = 0; i < logProbs.Length; i++)
        {
            // Log-probabilities of a roughly uniform distribution over three classes.
            logProbs[i] = T.CreateTruncating(-1.1 + (0.2 * random.NextDouble()));
        }

        arrays.Add(logProbs);
        var args = new object?[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            args[i] = ps[i].Name switch
            {
                "logProbs" => new ArraySegment<T>(logProbs, 0, plan.LogProbs),
                "batchSize" => plan.BatchSize,
                "classCount" => plan.ClassCount,
                "targets" => Add(arrays, plan.Targets),
                "targetLayout" => plan.Layout,
                "inputLengths" => Add(arrays, plan.InputLengths),
                "targetLengths" => Add(arrays, plan.TargetLengths),
                "blank" => plan.Blank,
                "zeroInfinity" => false,
                "reduction" => plan.Reduction,
                "destination" or "logProbsGradient" => Output(arrays, logProbs, plan, outputLength),
                _ => throw new InvalidOperationException($"CtcAudit does not know the parameter '{ps[i].Name}' of {AuditCall.Describe(method)}."),
            };
        }

        return new AuditCall { Method = method, Arguments = args, Arrays = arrays };
    }

    private static ArraySegment<int> Add(List<Array> arrays, int[] values)
    {
        int[] copy = (int[])values.Clone();
        arrays.Add(copy);
        return new ArraySegment<int>(copy);
    }

    private static ArraySegment<T> Output<T>(List<Array> arrays, T[] logProbs, Plan plan, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (plan.OverlapsLogProbs)
        {
            return new ArraySegment<T>(logProbs, 1, length);
        }

        var values = new T[length - plan.Short];
        Array.Fill(values, T.CreateTruncating(AuditCall.Sentinel));
        arrays.Add(values);
        return new ArraySegment<T>(values);
    }
}
