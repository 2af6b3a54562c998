using System.Numerics;
using System.Reflection;

namespace FastLoss.Tests.Validation;

/// <summary>
/// The bad-input table of <c>Loss.CosineEmbedding*</c> and <c>Loss.TripletMargin*</c>, whose arguments (operands of
/// [N, D] rows with a <c>dimension</c>, a per-row target, one gradient per operand, a <c>swap</c> flag) follow none of the
/// conventions of <see cref="LossApiAudit"/>, which routes them here.
/// </summary>
internal static class EmbeddingAudit
{
    private const int Rows = 2;
    private const int D = 3;

    /// <summary>Whether <paramref name="method"/> is audited here.</summary>
    public static bool Covers(MethodBase method)
        => method.Name.StartsWith("CosineEmbedding", StringComparison.Ordinal) || method.Name.StartsWith("TripletMargin", StringComparison.Ordinal);

    /// <summary>The arguments of one call, mutable per case.</summary>
    private sealed class Plan
    {
        public int[] Lengths { get; set; } = [Rows * D, Rows * D, Rows * D];

        public int TargetLength { get; set; } = Rows;

        public int Dimension { get; set; } = D;

        /// <summary>The margin, or null for the parameter's (valid) default.</summary>
        public double? Margin { get; set; }

        public double P { get; set; } = 2;

        public double Eps { get; set; } = 1e-6;

        public Reduction Reduction { get; set; } = Reduction.Mean;

        /// <summary>The output that is one element short, if any.</summary>
        public string? Short { get; set; }

        /// <summary>The output that starts one element into the first operand's array, if any.</summary>
        public string? Overlapping { get; set; }
    }

    public static IEnumerable<AuditCase> CasesOf(MethodInfo method)
    {
        ParameterInfo[] ps = method.GetParameters();
        bool triplet = method.Name.StartsWith("TripletMargin", StringComparison.Ordinal);
        string[] operands = triplet ? ["anchor", "positive", "negative"] : ["input1", "input2"];
        string[] outputs = [.. ps.Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Span<>)).Select(p => p.Name!)];
        bool reduces = ps.Any(p => p.Name == "reduction");
        Type element = ps[0].ParameterType.GetGenericArguments()[0];
        AuditCase Case(string problem, string[] expected, Action<Plan> change)
        {
            var plan = new Plan();
            change(plan);
            return new AuditCase(problem, expected, () => element == typeof(float) ? Build<float>(method, plan, operands) : Build<double>(method, plan, operands));
        }

        yield return Case("valid arguments", [], _ => { });
        yield return Case("dimension is 0", ["dimension"], p => p.Dimension = 0);
        yield return Case($"{operands[0]} is one element short", [operands[0], .. operands[1..]], p => p.Lengths[0]--);
        for (int k = 1; k < operands.Length; k++)
        {
            int index = k;
            yield return Case($"{operands[k]} is one element short", [operands[k]], p => p.Lengths[index]--);
        }

        yield return Case("operands of 5 elements with dimension 3", [operands[0]], p => p.Lengths = [.. p.Lengths.Select(_ => 5)]);
        if (triplet)
        {
            yield return Case("margin is 0 (torch: must be greater than 0)", ["margin"], p => p.Margin = 0);
            yield return Case("margin is NaN", ["margin"], p => p.Margin = double.NaN);
            yield return Case("p is 0", ["p"], p => p.P = 0);
            yield return Case("eps is NaN", ["eps"], p => p.Eps = double.NaN);
        }
        else
        {
            yield return Case("target is one element short of one per row", ["target"], p => p.TargetLength--);
            yield return Case("target has one value per element, not per row", ["target"], p => p.TargetLength = Rows * D);
            yield return Case("margin is NaN", ["margin"], p => p.Margin = double.NaN);
        }

        foreach (string output in outputs)
        {
            yield return Case($"{output} is one element short", [output], p => p.Short = output);
            yield return Case($"{output} overlaps {operands[0]} partially", [output], p => p.Overlapping = output);
        }

        if (reduces)
        {
            yield return Case("reduction is (Reduction)42", ["reduction"], p => p.Reduction = (Reduction)42);
        }
    }

    private static AuditCall Build<T>(MethodInfo method, Plan plan, string[] operands)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterInfo[] ps = method.GetParameters();
        var random = new Random(13);
        var arrays = new List<Array>();
        var values = new Dictionary<string, T[]>();
        for (int k = 0; k < operands.Length; k++)
        {
            // One spare element at the end, so that an overlapping output can start one element in.
            var data = new T[plan.Lengths[k] + (Rows * D) + 1];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
            }

            arrays.Add(data);
            values[operands[k]] = data;
        }

        var args = new object?[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            string name = ps[i].Name!;
            int operand = Array.IndexOf(operands, name);
            args[i] = name switch
            {
                _ when operand >= 0 => new ArraySegment<T>(values[name], 0, plan.Lengths[operand]),
                "target" => Target<T>(arrays, plan.TargetLength),
                "dimension" => plan.Dimension,
                "margin" => T.CreateTruncating(plan.Margin ?? Convert.ToDouble(ps[i].DefaultValue, System.Globalization.CultureInfo.InvariantCulture)),
                "p" => T.CreateTruncating(plan.P),
                "eps" => T.CreateTruncating(plan.Eps),
                "swap" => true,
                "reduction" => plan.Reduction,
                _ when ps[i].ParameterType.IsGenericType && ps[i].ParameterType.GetGenericTypeDefinition() == typeof(Span<>)
                    => Output<T>(arrays, values[operands[0]], plan, name, name == "destination" ? Rows : Rows * D),
                _ => throw new InvalidOperationException($"EmbeddingAudit does not know the parameter '{name}' of {AuditCall.Describe(method)}."),
            };
        }

        return new AuditCall { Method = method, Arguments = args, Arrays = arrays };
    }

    private static ArraySegment<T> Target<T>(List<Array> arrays, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = new T[length];
        for (int i = 0; i < length; i++)
        {
            target[i] = i % 2 == 0 ? T.One : T.NegativeOne;
        }

        arrays.Add(target);
        return new ArraySegment<T>(target);
    }

    private static ArraySegment<T> Output<T>(List<Array> arrays, T[] first, Plan plan, string name, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (plan.Overlapping == name)
        {
            return new ArraySegment<T>(first, 1, length);
        }

        var values = new T[length - (plan.Short == name ? 1 : 0)];
        Array.Fill(values, T.CreateTruncating(AuditCall.Sentinel));
        arrays.Add(values);
        return new ArraySegment<T>(values);
    }
}
