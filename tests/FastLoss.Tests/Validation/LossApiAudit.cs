using System.Globalization;
using System.Numerics;
using System.Reflection;

namespace FastLoss.Tests.Validation;

/// <summary>
/// The bad-input table of <see cref="Loss"/>, built by reflection so that a new loss is covered without editing it:
/// every public static method that takes spans, and every public nested loss class (the object form, closed over float
/// and double), with arguments built from the parameter names (the conventions of the generated API and of the
/// row-wise losses). A parameter the table does not know fails discovery, so a new kind of argument is noticed.
/// </summary>
internal static class LossApiAudit
{
    /// <summary>Elements of an element-wise call.</summary>
    private const int N = 7;

    /// <summary>Classes, samples and spatial size of a row-wise call.</summary>
    private const int Classes = 3;
    private const int Samples = 4;

    private enum Role
    {
        Input,
        Operand,
        ClassTarget,
        ProbabilityTarget,
        PerClass,
        Output,
        Scalar,
        ClassCount,
        SpatialSize,
        SampleSize,
        IgnoreIndex,
        BatchSize,
        Reduction,
        Exponent,
        Options,
        Flag,
    }

    /// <summary>One API entry point: a static method, or an instance method of a loss object built with valid hyperparameters.</summary>
    internal sealed record Entry(string Id, MethodBase Method, Func<object>? Target);

    public static IReadOnlyList<Entry> Entries { get; } = Discover();

    /// <summary>Every (entry × bad input) case, by id "entry | problem".</summary>
    public static IReadOnlyDictionary<string, AuditCase> Cases { get; } = BuildCases();

    private static List<Entry> Discover()
    {
        var entries = new List<Entry>();
        // [Obsolete(error: true)] guards (e.g. Mse(input, target, float[]), CrossEntropy(input, target, classCount, float[]))
        // exist only to make an ambiguous call not compile (WeightOrDestinationGuardTests checks them).
        foreach (MethodInfo m in typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetParameters().Any(p => SpanInvoker.IsSpan(p.ParameterType)) && !m.IsDefined(typeof(ObsoleteAttribute))))
        {
            entries.Add(new Entry(AuditCall.Describe(m), m, null));
        }

        foreach (Type nested in typeof(Loss).GetNestedTypes(BindingFlags.Public).Where(t => t.IsClass && !t.IsAbstract))
        {
            Type[] closed = nested.IsGenericTypeDefinition ? [nested.MakeGenericType(typeof(float)), nested.MakeGenericType(typeof(double))] : [nested];
            foreach (Type type in closed)
            {
                ConstructorInfo constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                Type element = type.IsGenericType ? type.GetGenericArguments()[0] : ElementOf(type);
                object Create() => constructor.Invoke(constructor.GetParameters().Select(p => ScalarValue(p, FormulaOf(type.Name.Split('`')[0][..^"Loss".Length]), element)).ToArray());
                entries.Add(new Entry(AuditCall.Describe(constructor), constructor, null));
                foreach (MethodInfo m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.GetParameters().Any(p => SpanInvoker.IsSpan(p.ParameterType))))
                {
                    entries.Add(new Entry(AuditCall.Describe(m), m, Create));
                }
            }
        }

        return entries;
    }

    /// <summary>The element type of a non-generic loss class: that of its span methods.</summary>
    private static Type ElementOf(Type type)
        => type.GetMethods().SelectMany(m => m.GetParameters()).Select(p => p.ParameterType).First(SpanInvoker.IsSpan).GetGenericArguments()[0];

    private static Dictionary<string, AuditCase> BuildCases()
    {
        var cases = new Dictionary<string, AuditCase>(StringComparer.Ordinal);
        foreach (Entry entry in Entries)
        {
            foreach (AuditCase c in CasesOf(entry))
            {
                cases.Add(entry.Id + " | " + c.Problem, c);
            }
        }

        return cases;
    }

    /// <summary>The [LossFormula] method a generated member belongs to (for its hyperparameters' declared ranges), or null.</summary>
    private static MethodInfo? FormulaOf(string memberName)
    {
        foreach (string suffix in new[] { "WithGradients", "Gradients", "WithGradient", "Gradient", "Hessian", string.Empty })
        {
            if (memberName.EndsWith(suffix, StringComparison.Ordinal))
            {
                string name = memberName[..^suffix.Length];
                MethodInfo? formula = typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == name && m.GetCustomAttribute<LossFormulaAttribute>() is not null);
                if (formula is not null)
                {
                    return formula;
                }
            }
        }

        return null;
    }

    private static HyperparameterAttribute? Declared(MethodInfo? formula, string name)
        => formula?.GetParameters().FirstOrDefault(p => p.Name == name)?.GetCustomAttribute<HyperparameterAttribute>();

    private static Role RoleOf(ParameterInfo p, bool rowwise, Type element)
    {
        Type t = p.ParameterType;
        if (SpanInvoker.IsSpan(t))
        {
            bool writable = t.GetGenericTypeDefinition() == typeof(Span<>);
            Type e = t.GetGenericArguments()[0];
            return (writable, e == typeof(int), p.Name) switch
            {
                (true, false, _) when e == element => Role.Output,
                (false, false, "input" or "input1") when e == element => Role.Input,   // input1: margin_ranking_loss's prediction
                (false, true, "target") when rowwise => Role.ClassTarget,
                (false, false, "target") when rowwise && e == element => Role.ProbabilityTarget,
                (false, false, "weight" or "alpha" or "posWeight") when rowwise && e == element => Role.PerClass,
                (false, false, _) when !rowwise && e == element => Role.Operand,
                _ => throw new InvalidOperationException($"The audit does not know the span parameter '{p.Name}' ({t}) of {AuditCall.Describe((MethodBase)p.Member)}: add it to LossApiAudit."),
            };
        }

        if (t == element)
        {
            return Role.Scalar;
        }

        if (t == typeof(Reduction))
        {
            return Role.Reduction;
        }

        if (t == typeof(LossOptions))
        {
            return Role.Options;
        }

        if (t == typeof(bool) && p.Name == "includeBackground")
        {
            return Role.Flag;   // DiceFromLogits/TverskyFromLogits: valid either way with 3 classes
        }

        if (t == typeof(int))
        {
            return p.Name switch
            {
                "classCount" => Role.ClassCount,
                "spatialSize" => Role.SpatialSize,
                "sampleSize" => Role.SampleSize,
                "ignoreIndex" => Role.IgnoreIndex,
                // GaussianNll's broadcast overloads: the last dimension, like a batch size a divisor of the input's length.
                "batchSize" or "dimension" => Role.BatchSize,
                "p" => Role.Exponent,
                _ => throw new InvalidOperationException($"The audit does not know the int parameter '{p.Name}' of {AuditCall.Describe((MethodBase)p.Member)}: add it to LossApiAudit."),
            };
        }

        throw new InvalidOperationException($"The audit does not know the parameter '{p.Name}' ({t}) of {AuditCall.Describe((MethodBase)p.Member)}: add it to LossApiAudit.");
    }

    /// <summary>A valid scalar: the C# default, else the formula's declared default, else 0.5; inside the declared range.</summary>
    private static object ScalarValue(ParameterInfo p, MethodInfo? formula, Type element)
    {
        HyperparameterAttribute? declared = Declared(formula, p.Name!);
        double value = p.HasDefaultValue && p.DefaultValue is not null ? Convert.ToDouble(p.DefaultValue, CultureInfo.InvariantCulture)
            : declared is { Default: var d } && !double.IsNaN(d) ? d
            : p.Name switch { "labelSmoothing" => 0.1, "alpha" => 0.25, "gamma" => 2, _ => 0.5 };
        if (declared is not null)
        {
            value = Math.Max(value, declared.Minimum + (declared.ExclusiveMinimum ? 0.5 : 0));
            value = Math.Min(value, declared.Maximum - (declared.ExclusiveMaximum ? 0.5 : 0));
        }

        return Convert.ChangeType(value, element, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<AuditCase> CasesOf(Entry entry)
    {
        if (entry.Method is ConstructorInfo constructor)
        {
            return ConstructorCases(constructor);
        }

        var method = (MethodInfo)entry.Method;
        if (method.Name.StartsWith("Ctc", StringComparison.Ordinal))
        {
            return CtcAudit.CasesOf(method);
        }

        if (EmbeddingAudit.Covers(method))
        {
            return EmbeddingAudit.CasesOf(method);
        }

        ParameterInfo[] ps = method.GetParameters();
        Type element = ps.Select(p => p.ParameterType).First(SpanInvoker.IsSpan).GetGenericArguments()[0];
        return element == typeof(float) ? CasesOf<float>(entry, method, ps) : CasesOf<double>(entry, method, ps);
    }

    private static IEnumerable<AuditCase> ConstructorCases(ConstructorInfo constructor)
    {
        Type type = constructor.DeclaringType!;
        Type element = type.IsGenericType ? type.GetGenericArguments()[0] : ElementOf(type);
        MethodInfo? formula = FormulaOf(type.Name.Split('`')[0][..^"Loss".Length]);
        ParameterInfo[] ps = constructor.GetParameters();
        object?[] Valid() => ps.Select(p => ScalarValue(p, formula, element)).ToArray();
        AuditCall Call(object?[] args) => new() { Method = constructor, Arguments = args, Arrays = [] };
        foreach (ParameterInfo p in ps)
        {
            int i = p.Position;
            yield return new AuditCase(p.Name + " is NaN", [p.Name!], () =>
            {
                object?[] args = Valid();
                args[i] = Convert.ChangeType(double.NaN, element, CultureInfo.InvariantCulture);
                return Call(args);
            });
            foreach ((string problem, double value) in OutOfRange(Declared(formula, p.Name!)))
            {
                yield return new AuditCase(p.Name + " " + problem, [p.Name!], () =>
                {
                    object?[] args = Valid();
                    args[i] = Convert.ChangeType(value, element, CultureInfo.InvariantCulture);
                    return Call(args);
                });
            }
        }
    }

    /// <summary>Values outside a declared range: below the minimum (at it when exclusive), above the maximum.</summary>
    private static IEnumerable<(string Problem, double Value)> OutOfRange(HyperparameterAttribute? declared)
    {
        if (declared is null)
        {
            yield break;
        }

        if (!double.IsNegativeInfinity(declared.Minimum))
        {
            yield return declared.ExclusiveMinimum
                ? ("= its exclusive minimum " + declared.Minimum.ToString(CultureInfo.InvariantCulture), declared.Minimum)
                : ("below its minimum " + declared.Minimum.ToString(CultureInfo.InvariantCulture), declared.Minimum - 1);
        }

        if (!double.IsPositiveInfinity(declared.Maximum))
        {
            yield return declared.ExclusiveMaximum
                ? ("= its exclusive maximum " + declared.Maximum.ToString(CultureInfo.InvariantCulture), declared.Maximum)
                : ("above its maximum " + declared.Maximum.ToString(CultureInfo.InvariantCulture), declared.Maximum + 1);
        }
    }

    /// <summary>The arguments of one call: the lengths of the span arguments and the scalar values; mutable per case.</summary>
    private sealed class Plan<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public required Role[] Roles { get; init; }

        public required int[] Lengths { get; init; }

        public required object?[] Scalars { get; init; }

        /// <summary>(output, input) parameter indices that share one buffer, the output starting <c>Shift</c> elements after the input.</summary>
        public (int Output, int Input, int Shift)? Overlap { get; set; }

        /// <summary>A class target index replaced by one out of range.</summary>
        public bool BadClass { get; set; }

        public Plan<T> Copy() => new() { Roles = Roles, Lengths = (int[])Lengths.Clone(), Scalars = (object?[])Scalars.Clone(), Overlap = Overlap, BadClass = BadClass };
    }

    private static IEnumerable<AuditCase> CasesOf<T>(Entry entry, MethodInfo method, ParameterInfo[] ps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool rowwise = ps.Any(p => p.Name == "classCount");
        Role[] roles = ps.Select(p => RoleOf(p, rowwise, typeof(T))).ToArray();
        MethodInfo? formula = FormulaOf(method.Name);
        int spatial = roles.Contains(Role.SpatialSize) ? 2 : 1;
        int rows = Samples * spatial;
        // A per-sample call ([N, D], D = sampleSize): Samples samples of Classes values; a per-class call writes C losses.
        bool sampled = roles.Contains(Role.SampleSize);

        // The weighted binary cross-entropies take a classCount (their per-class weights' period) but write per element.
        bool perElement = method.Name.StartsWith("BinaryCrossEntropy", StringComparison.Ordinal);
        int inputLength = rowwise ? rows * Classes : sampled ? Samples * Classes : N;
        // Per-class calls (DicePerClass, DiceFromLogits, ...) write C losses.
        bool perClass = method.Name.Contains("PerClass", StringComparison.Ordinal) || method.Name.Contains("FromLogits", StringComparison.Ordinal);
        int groups = perClass ? Classes : sampled ? Samples : rows;
        var lengths = new int[ps.Length];
        var scalars = new object?[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            lengths[i] = roles[i] switch
            {
                Role.Input or Role.Operand or Role.ProbabilityTarget => inputLength,
                // multilabel_margin's targets are [N, C] label lists, one int per input element.
                Role.ClassTarget => method.Name.StartsWith("MultilabelMargin", StringComparison.Ordinal) ? inputLength : rows,
                Role.PerClass => Classes,
                Role.Output => (rowwise || sampled) && !perElement && ps[i].Name == "destination" ? groups : inputLength,
                _ => 0,
            };
            scalars[i] = roles[i] switch
            {
                Role.Scalar => ScalarValue(ps[i], formula, typeof(T)),
                Role.ClassCount => Classes,
                Role.SpatialSize => spatial,
                Role.SampleSize => Classes,
                Role.IgnoreIndex => -100,
                Role.BatchSize => N,
                Role.Reduction => Reduction.Mean,
                Role.Exponent => 1,
                Role.Options => LossOptions.Default,
                Role.Flag => true,
                _ => null,
            };
        }

        var valid = new Plan<T> { Roles = roles, Lengths = lengths, Scalars = scalars };
        AuditCase Case(string problem, string[] expected, Action<Plan<T>> change)
        {
            Plan<T> plan = valid.Copy();
            change(plan);
            return new AuditCase(problem, expected, () => Build(method, entry.Target, plan));
        }

        // The control: the valid call must go through (else every rejection below would prove nothing).
        yield return new AuditCase("valid arguments", [], () => Build(method, entry.Target, valid));

        for (int i = 0; i < ps.Length; i++)
        {
            int k = i;
            string name = ps[i].Name!;
            switch (roles[i])
            {
                case Role.Operand:
                    yield return Case($"{name} has {N - 1} elements, input {N}", [name], p => p.Lengths[k] = N - 1);
                    yield return Case($"{name} has {N + 1} elements, input {N}", [name], p => p.Lengths[k] = N + 1);
                    break;
                case Role.ClassTarget:
                case Role.ProbabilityTarget:
                    // A target describing more or fewer rows than the input holds: either argument may be blamed.
                    yield return Case($"{name} describes fewer rows than input holds", [name, "input"], p => p.Lengths[k] -= roles[k] == Role.ClassTarget ? spatial : Classes * spatial);
                    if (roles[i] == Role.ClassTarget)
                    {
                        yield return Case($"{name} holds class {Classes} of {Classes}", [name], p => p.BadClass = true);
                    }

                    break;
                case Role.PerClass:
                    yield return Case($"{name} has {Classes + 1} values for {Classes} classes", [name], p => p.Lengths[k] = Classes + 1);
                    break;
                case Role.Output:
                    yield return Case($"{name} is one element short", [name], p => p.Lengths[k]--);
                    for (int j = 0; j < ps.Length; j++)
                    {
                        if (roles[j] is Role.Input or Role.Operand or Role.ProbabilityTarget or Role.PerClass)
                        {
                            int from = j;
                            yield return Case($"{name} overlaps {ps[j].Name} partially", [name], p => p.Overlap = (k, from, 1));
                        }
                    }

                    break;
                case Role.Scalar:
                    yield return Case($"{name} is NaN", [name], p => p.Scalars[k] = T.NaN);
                    foreach ((string problem, double value) in formula is null ? Documented(method.Name, name) : OutOfRange(Declared(formula, name)))
                    {
                        yield return Case($"{name} {problem}", [name], p => p.Scalars[k] = T.CreateTruncating(value));
                    }

                    break;
                case Role.ClassCount:
                    yield return Case($"{name} is 0", [name], p => p.Scalars[k] = 0);
                    break;
                case Role.SpatialSize:
                case Role.SampleSize:
                    yield return Case($"{name} is 0", [name], p => p.Scalars[k] = 0);
                    break;
                case Role.BatchSize:
                    yield return Case($"{name} is -1", [name], p => p.Scalars[k] = -1);
                    yield return Case($"{name} 2 does not divide the input's {N} elements", [name], p => p.Scalars[k] = 2);
                    break;
                case Role.Reduction:
                    yield return Case($"{name} is (Reduction)42", [name], p => p.Scalars[k] = (Reduction)42);
                    break;
                case Role.Exponent:
                    yield return Case($"{name} is 3 (only 1 and 2)", [name], p => p.Scalars[k] = 3);
                    yield return Case($"{name} is 0 (only 1 and 2)", [name], p => p.Scalars[k] = 0);
                    break;
                case Role.Options:
                    yield return Case($"{name} is null", [name], p => p.Scalars[k] = null);
                    break;
            }
        }
    }

    /// <summary>Ranges documented for the hand-written (row-wise) losses' scalars, which carry no attribute.</summary>
    private static IEnumerable<(string Problem, double Value)> Documented(string method, string name) => name switch
    {
        "labelSmoothing" => [("above its maximum 1", 1.5)],
        "gamma" => [("below its minimum 0", -1)],
        "smooth" or "beta" => [("below its minimum 0", -1), ("is +∞", double.PositiveInfinity)],
        "alpha" when method.StartsWith("Tversky", StringComparison.Ordinal) => [("below its minimum 0", -1), ("is +∞", double.PositiveInfinity)],
        "epsilon" => [("is +∞", double.PositiveInfinity)],
        _ => [],
    };

    private static AuditCall Build<T>(MethodInfo method, Func<object>? target, Plan<T> plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(7);
        int count = plan.Roles.Length;
        var arrays = new List<Array>();
        var args = new object?[count];
        var segments = new ArraySegment<T>[count];
        T[]? shared = null;
        if (plan.Overlap is (int output, int input, int shift))
        {
            shared = new T[Math.Max(plan.Lengths[input], plan.Lengths[output] + shift) + 1];
            arrays.Add(shared);
            Fill(shared.AsSpan(), plan.Roles[input], random);
            segments[input] = new ArraySegment<T>(shared, 0, plan.Lengths[input]);
            segments[output] = new ArraySegment<T>(shared, shift, plan.Lengths[output]);
        }

        for (int i = 0; i < count; i++)
        {
            switch (plan.Roles[i])
            {
                case Role.ClassTarget:
                {
                    var labels = new int[plan.Lengths[i]];
                    for (int j = 0; j < labels.Length; j++)
                    {
                        labels[j] = j % Classes;
                    }

                    if (plan.BadClass)
                    {
                        labels[^1] = Classes;
                    }

                    arrays.Add(labels);
                    args[i] = new ArraySegment<int>(labels);
                    break;
                }

                case Role.Input or Role.Operand or Role.ProbabilityTarget or Role.PerClass or Role.Output:
                {
                    if (segments[i].Array is null)
                    {
                        var values = new T[plan.Lengths[i]];
                        Fill(values, plan.Roles[i], random);
                        arrays.Add(values);
                        segments[i] = new ArraySegment<T>(values);
                    }

                    args[i] = segments[i];
                    break;
                }

                default:
                    args[i] = plan.Scalars[i];
                    break;
            }
        }

        return new AuditCall
        {
            Method = method,
            Arguments = target is null ? args : [target(), .. args],
            Arrays = arrays,
        };
    }

    /// <summary>Inputs in (0.2, 0.8) (valid for every loss: probabilities, positive variances, logits); outputs the sentinel.</summary>
    private static void Fill<T>(Span<T> values, Role role, Random random)
        where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = role == Role.Output ? T.CreateTruncating(AuditCall.Sentinel) : T.CreateTruncating(0.2 + (0.6 * random.NextDouble()));
        }
    }
}
