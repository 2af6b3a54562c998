using System.Reflection;
using FastLoss.Training;

namespace FastLoss.Tests.Validation;

/// <summary>
/// The bad-input table of <see cref="LossAccumulator{T}"/> and the FastLoss.Training APIs. Their arguments have no
/// common convention, so each case is written out; <see cref="SpanMethods"/> lists every public method of these types
/// that takes a span, and a test checks each one has at least one case here, so a new API is noticed.
/// </summary>
internal static class TrainingApiAudit
{
    private const double S = AuditCall.Sentinel;

    public static IReadOnlyDictionary<string, AuditCase> Cases { get; } = Build();

    /// <summary>The types audited here.</summary>
    public static readonly Type[] Types =
    [
        typeof(LossAccumulator<>), typeof(ClassWeights), typeof(KernelDensity), typeof(LossStatistics), typeof(LossHistogram),
        typeof(LossDistribution), typeof(WeightedRandomSampler), typeof(LossTracker),
    ];

    /// <summary>Every public method or constructor of the audited types that takes a span, as "Type.Name".</summary>
    public static IEnumerable<string> SpanMethods => Types
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MethodBase>().Concat(t.GetConstructors()))
        .Where(m => m.GetParameters().Any(p => SpanInvoker.IsSpan(p.ParameterType)))
        .Select(Key)
        .Distinct();

    /// <summary>Span methods with no input they could reject (any span, including an empty one, is valid).</summary>
    public static readonly Dictionary<string, string> NoBadInput = new(StringComparer.Ordinal)
    {
        ["LossAccumulator.Add"] = "Add(losses) accepts any span (the weighted overload is audited under the same name)",
        ["KernelDensity.SilvermanBandwidth"] = "any samples (NaN and infinities are skipped; none gives NaN)",
        ["LossStatistics.Mean"] = "any losses (empty gives NaN)",
        ["LossStatistics.Hardest"] = "any losses and any indices length (writes min(k, n))",
    };

    public static string Key(MethodBase m) => m.DeclaringType!.Name.Split('`')[0] + "." + (m is ConstructorInfo ? "ctor" : m.Name);

    private static MethodBase Find(Type owner, string name, params string[] parameterNames) => Find(typeof(float), owner, name, parameterNames);

    private static MethodBase Find(Type element, Type owner, string name, params string[] parameterNames)
    {
        MethodBase method = name == "ctor"
            ? owner.GetConstructors().First(c => c.GetParameters().Select(p => p.Name).SequenceEqual(parameterNames))
            : owner.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
                .Single(m => m.Name == name && m.GetParameters().Select(p => p.Name).SequenceEqual(parameterNames));
        return method is MethodInfo { IsGenericMethodDefinition: true } g ? g.MakeGenericMethod(element) : method;
    }

    private static ArraySegment<T> Seg<T>(T[] array) => new(array);

    private static ArraySegment<T> Seg<T>(T[] array, int offset, int count) => new(array, offset, count);

    private static float[] Losses(int n) => Enumerable.Range(0, n).Select(i => 0.25f + (0.1f * i)).ToArray();

    private static T[] Filled<T>(int n, T value) => Enumerable.Repeat(value, n).ToArray();

    private static Dictionary<string, AuditCase> Build()
    {
        var cases = new Dictionary<string, AuditCase>(StringComparer.Ordinal);
        void Add(MethodBase m, string problem, string expected, Func<(object?[] Args, Array[] Arrays, Func<string>? State)> build)
        {
            string id = Key(m) + "(" + string.Join(", ", m.GetParameters().Select(p => p.Name)) + ") | " + problem;
            cases.Add(id, new AuditCase(problem, [expected], () =>
            {
                (object?[] args, Array[] arrays, Func<string>? state) = build();
                return new AuditCall { Method = m, Arguments = args, Arrays = arrays, State = state };
            }));
        }

        // LossAccumulator<float>: a rejected Add leaves the accumulator as it was.
        Type accumulator = typeof(LossAccumulator<float>);
        MethodBase addWeighted = accumulator.GetMethods().Single(m => m.Name == "Add" && m.GetParameters().Length == 2 && SpanInvoker.IsSpan(m.GetParameters()[0].ParameterType));
        Add(addWeighted, "weights has 4 elements, losses 5", "weights", () =>
        {
            var acc = new LossAccumulator<float>();
            acc.Add(1.5f);
            return ([acc, Seg(Losses(5)), Seg(Filled(4, 1f))], [], () => Convert.ToHexString(acc.ToBytes()));
        });
        Add(accumulator.GetMethod("Merge")!, "other is null", "other", () =>
        {
            var acc = new LossAccumulator<float>();
            acc.Add(1.5f);
            return ([acc, null], [], () => Convert.ToHexString(acc.ToBytes()));
        });
        MethodBase fromBytes = accumulator.GetMethod("FromBytes")!;
        Add(fromBytes, "data is not a serialized accumulator", "data", () => ([Seg(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 })], [], null));
        Add(fromBytes, "data holds doubles", "data", () => ([Seg(new LossAccumulator<double>().ToBytes())], [], null));

        // ClassWeights.
        MethodBase countLabels = Find(typeof(ClassWeights), "CountLabels", "labels", "classCount");
        Add(countLabels, "classCount is 0", "classCount", () => ([Seg(new[] { 0, 1 }), 0], [], null));
        Add(countLabels, "a label equals classCount", "labels", () => ([Seg(new[] { 0, 2 }), 2], [], null));
        MethodBase countInto = Find(typeof(ClassWeights), "CountLabels", "labels", "counts");
        Add(countInto, "a label equals counts.Length", "labels", () =>
        {
            int[] counts = Filled(2, -1);
            return ([Seg(new[] { 0, 1, 2 }), Seg(counts)], [counts], null);
        });
        Add(countInto, "a label is negative", "labels", () =>
        {
            int[] counts = Filled(2, -1);
            return ([Seg(new[] { 1, -1 }), Seg(counts)], [counts], null);
        });

        MethodBase balanced = Find(typeof(ClassWeights), "Balanced", "labels", "classCount", "destination");
        Add(balanced, "classCount is 0", "classCount", () => Dest(new[] { 0, 1 }, 0, 2));
        Add(balanced, "labels is empty", "labels", () => Dest(Array.Empty<int>(), 2, 2));
        Add(balanced, "destination is one element short", "destination", () => Dest(new[] { 0, 1 }, 2, 1));
        Add(balanced, "a label equals classCount", "labels", () => Dest(new[] { 0, 1, 2 }, 2, 2));
        Add(balanced, "class 1 has no samples", "labels", () => Dest(new[] { 0, 0 }, 2, 2));
        MethodBase fromCounts = Find(typeof(ClassWeights), "BalancedFromCounts", "counts", "destination");
        Add(fromCounts, "counts is empty", "counts", () => CountsDest(Array.Empty<int>(), 1));
        Add(fromCounts, "a count is 0", "counts", () => CountsDest(new[] { 3, 0 }, 2));
        Add(fromCounts, "a count is negative", "counts", () => CountsDest(new[] { 3, -1 }, 2));
        Add(fromCounts, "destination is one element short", "destination", () => CountsDest(new[] { 3, 1 }, 1));

        MethodBase effective = Find(typeof(ClassWeights), "EffectiveNumber", "labels", "classCount", "beta", "destination");
        foreach ((string problem, double beta) in new[] { ("beta is NaN", double.NaN), ("beta is 1", 1.0), ("beta is -0.5", -0.5) })
        {
            Add(effective, problem, "beta", () =>
            {
                float[] d = Filled(2, (float)S);
                return ([Seg(new[] { 0, 1 }), 2, beta, Seg(d)], [d], null);
            });
        }

        Add(effective, "a label equals classCount", "labels", () =>
        {
            float[] d = Filled(2, (float)S);
            return ([Seg(new[] { 0, 1, 2 }), 2, 0.9, Seg(d)], [d], null);
        });
        Add(effective, "destination is one element short", "destination", () =>
        {
            float[] d = Filled(1, (float)S);
            return ([Seg(new[] { 0, 1 }), 2, 0.9, Seg(d)], [d], null);
        });
        MethodBase effectiveCounts = Find(typeof(ClassWeights), "EffectiveNumberFromCounts", "counts", "beta", "destination");
        Add(effectiveCounts, "beta is NaN", "beta", () =>
        {
            float[] d = Filled(2, (float)S);
            return ([Seg(new[] { 3, 1 }), double.NaN, Seg(d)], [d], null);
        });
        Add(effectiveCounts, "a count is 0", "counts", () =>
        {
            float[] d = Filled(2, (float)S);
            return ([Seg(new[] { 3, 0 }), 0.9, Seg(d)], [d], null);
        });

        MethodBase positive = Find(typeof(ClassWeights), "PositiveWeight", "labels");
        Add(positive, "labels is empty", "labels", () => ([Seg(Array.Empty<int>())], [], null));
        Add(positive, "no positive label", "labels", () => ([Seg(new[] { 0, 0 })], [], null));
        Add(positive, "a label is 2", "labels", () => ([Seg(new[] { 0, 1, 2 })], [], null));
        MethodBase positives = Find(typeof(ClassWeights), "PositiveWeights", "targets", "labelCount", "destination");
        Add(positives, "labelCount is 0", "labelCount", () => Dest(new[] { 0, 1 }, 0, 2));
        Add(positives, "targets is not a whole number of rows", "targets", () => Dest(new[] { 0, 1, 1 }, 2, 2));
        Add(positives, "destination is one element short", "destination", () => Dest(new[] { 0, 1, 1, 0 }, 2, 1));
        Add(positives, "a target is 2", "targets", () => Dest(new[] { 0, 1, 1, 2 }, 2, 2));
        Add(positives, "column 1 has no positive", "targets", () => Dest(new[] { 0, 0, 1, 0 }, 2, 2));

        // KernelDensity.
        MethodBase gaussian = Find(typeof(KernelDensity), "Gaussian", "samples", "bandwidth", "points", "density");
        foreach ((string problem, double bandwidth) in new[] { ("bandwidth is NaN", double.NaN), ("bandwidth is 0", 0.0), ("bandwidth is +inf", double.PositiveInfinity) })
        {
            Add(gaussian, problem, "bandwidth", () =>
            {
                double[] density = Filled(3, S);
                return ([Seg(Losses(4)), bandwidth, Seg(new[] { 0.0, 0.5, 1.0 }), Seg(density)], [density], null);
            });
        }

        Add(gaussian, "density is one element short", "density", () =>
        {
            double[] density = Filled(2, S);
            return ([Seg(Losses(4)), 0.5, Seg(new[] { 0.0, 0.5, 1.0 }), Seg(density)], [density], null);
        });
        Add(gaussian, "density overlaps points partially", "density", () =>
        {
            double[] buffer = [0.0, 0.5, 1.0, S];
            return ([Seg(Losses(4)), 0.5, Seg(buffer, 0, 3), Seg(buffer, 1, 3)], [buffer], null);
        });

        MethodBase gaussianDouble = Find(typeof(double), typeof(KernelDensity), "Gaussian", "samples", "bandwidth", "points", "density");
        Add(gaussianDouble, "density overlaps samples partially", "density", () =>
        {
            double[] buffer = [0.25, 0.5, 0.75, S];
            return ([Seg(buffer, 0, 3), 0.5, Seg(new[] { 0.0, 0.5, 1.0 }), Seg(buffer, 1, 3)], [buffer], null);
        });

        // LossStatistics.
        MethodBase quantile = Find(typeof(LossStatistics), "Quantile", "losses", "probability");
        Add(quantile, "losses is empty", "losses", () => ([Seg(Array.Empty<float>()), 0.5], [], null));
        Add(quantile, "probability is NaN", "probability", () => ([Seg(Losses(4)), double.NaN], [], null));
        Add(quantile, "probability is 1.5", "probability", () => ([Seg(Losses(4)), 1.5], [], null));
        MethodBase quantiles = Find(typeof(LossStatistics), "Quantiles", "losses", "probabilities", "destination");
        Add(quantiles, "losses is empty", "losses", () => Quantiles(Array.Empty<float>(), [0.5], 1));
        Add(quantiles, "a probability is NaN", "probabilities", () => Quantiles(Losses(4), [0.5, double.NaN], 2));
        Add(quantiles, "a probability is -0.5", "probabilities", () => Quantiles(Losses(4), [-0.5], 1));
        Add(quantiles, "destination is one element short", "destination", () => Quantiles(Losses(4), [0.25, 0.75], 1));
        Add(quantiles, "destination overlaps probabilities partially", "destination", () =>
        {
            double[] buffer = [0.25, 0.5, 0.75, S];
            return ([Seg(Losses(4)), Seg(buffer, 0, 3), Seg(buffer, 1, 3)], [buffer], null);
        });
        MethodBase histogram = Find(typeof(LossStatistics), "Histogram", "losses", "lower", "upper", "counts");
        Add(histogram, "counts is empty", "counts", () => Histogram(0, 1, 0));
        Add(histogram, "lower is NaN", "lower", () => Histogram(double.NaN, 1, 3));
        Add(histogram, "upper is NaN", "upper", () => Histogram(0, double.NaN, 3));
        Add(histogram, "upper equals lower", "upper", () => Histogram(1, 1, 3));
        MethodBase perClass = Find(typeof(LossStatistics), "PerClassMean", "losses", "labels", "means", "counts");
        Add(perClass, "labels has 3 elements, losses 4", "labels", () => PerClass(Losses(4), [0, 1, 0], 2, 2));
        Add(perClass, "means is empty", "means", () => PerClass(Losses(4), [0, 1, 0, 1], 0, 0));
        Add(perClass, "counts has 1 element, means 2", "counts", () => PerClass(Losses(4), [0, 1, 0, 1], 2, 1));
        Add(perClass, "a label equals the class count", "labels", () => PerClass(Losses(4), [0, 1, 2, 1], 2, 2));

        MethodBase quantilesDouble = Find(typeof(double), typeof(LossStatistics), "Quantiles", "losses", "probabilities", "destination");
        Add(quantilesDouble, "destination overlaps losses partially", "destination", () =>
        {
            double[] buffer = [0.25, 0.5, 0.75, S];
            return ([Seg(buffer, 0, 3), Seg(new[] { 0.5, 1.0 }), Seg(buffer, 1, 2)], [buffer], null);
        });
        MethodBase perClassDouble = Find(typeof(double), typeof(LossStatistics), "PerClassMean", "losses", "labels", "means", "counts");
        Add(perClassDouble, "means overlaps losses partially", "means", () =>
        {
            double[] buffer = [0.25, 0.5, 0.75, 1.0, S];
            int[] counts = Filled(2, -1);
            return ([Seg(buffer, 0, 4), Seg(new[] { 0, 1, 0, 1 }), Seg(buffer, 1, 2), Seg(counts)], [buffer, counts], null);
        });

        // LossHistogram and LossDistribution.
        MethodBase histogramCreate = Find(typeof(LossHistogram), "Create", "losses", "binCount");
        Add(histogramCreate, "binCount is 0", "binCount", () => ([Seg(Losses(4)), 0], [], null));
        MethodBase histogramRange = Find(typeof(LossHistogram), "Create", "losses", "binCount", "lower", "upper");
        Add(histogramRange, "lower is NaN", "lower", () => ([Seg(Losses(4)), 3, double.NaN, 1.0], [], null));
        Add(histogramRange, "upper is below lower", "upper", () => ([Seg(Losses(4)), 3, 1.0, 0.0], [], null));
        MethodBase distribution = Find(typeof(LossDistribution), "Create", "losses", "labels", "classCount", "binCount", "hardestCount", "probabilities");
        MethodBase distributionPlain = Find(typeof(LossDistribution), "Create", "losses", "binCount", "hardestCount", "probabilities");
        Add(distributionPlain, "binCount is 0", "binCount", () => ([Seg(Losses(4)), 0, 10, null], [], null));
        Add(distributionPlain, "a probability is 2", "probabilities", () => ([Seg(Losses(4)), 50, 10, new[] { 2.0 }], [], null));
        Add(distribution, "losses is empty", "losses", () => ([Seg(Array.Empty<float>()), Seg(Array.Empty<int>()), 0, 50, 10, null], [], null));
        Add(distribution, "binCount is 0", "binCount", () => ([Seg(Losses(4)), Seg(Array.Empty<int>()), 0, 0, 10, null], [], null));
        Add(distribution, "hardestCount is -1", "hardestCount", () => ([Seg(Losses(4)), Seg(Array.Empty<int>()), 0, 50, -1, null], [], null));
        Add(distribution, "labels has 3 elements, losses 4", "labels", () => ([Seg(Losses(4)), Seg(new[] { 0, 1, 0 }), 2, 50, 10, null], [], null));
        Add(distribution, "classCount is 0 with labels", "classCount", () => ([Seg(Losses(4)), Seg(new[] { 0, 1, 0, 1 }), 0, 50, 10, null], [], null));
        Add(distribution, "a label equals classCount", "labels", () => ([Seg(Losses(4)), Seg(new[] { 0, 1, 2, 1 }), 2, 50, 10, null], [], null));
        Add(distribution, "a probability is NaN", "probabilities", () => ([Seg(Losses(4)), Seg(Array.Empty<int>()), 0, 50, 10, new[] { 0.5, double.NaN }], [], null));

        // WeightedRandomSampler.
        MethodBase sampler = typeof(WeightedRandomSampler).GetConstructors().Single(c => c.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<double>));
        Add(sampler, "weights is empty", "weights", () => ([Seg(Array.Empty<double>()), 3, 1L, true], [], null));
        Add(sampler, "a weight is NaN", "weights", () => ([Seg(new[] { 1.0, double.NaN }), 3, 1L, true], [], null));
        Add(sampler, "a weight is negative", "weights", () => ([Seg(new[] { 1.0, -1.0 }), 3, 1L, true], [], null));
        Add(sampler, "every weight is 0", "weights", () => ([Seg(new[] { 0.0, 0.0 }), 3, 1L, true], [], null));
        Add(sampler, "sampleCount is 0", "sampleCount", () => ([Seg(new[] { 1.0, 2.0 }), 0, 1L, true], [], null));
        Add(sampler, "sampleCount exceeds the non-zero weights without replacement", "sampleCount", () => ([Seg(new[] { 1.0, 0.0 }), 2, 1L, false], [], null));
        MethodBase samplerSingle = typeof(WeightedRandomSampler).GetConstructors().Single(c => c.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<float>));
        Add(samplerSingle, "a float weight is +inf", "weights", () => ([Seg(new[] { 1f, float.PositiveInfinity }), 3, 1L, true], [], null));
        MethodBase sample = Find(typeof(WeightedRandomSampler), "Sample", "destination");
        Add(sample, "destination is one element short", "destination", () =>
        {
            var s = new WeightedRandomSampler(new[] { 1.0, 2.0 }, 3, 1L);
            int[] d = Filled(2, -1);
            return ([s, Seg(d)], [d], null);
        });
        MethodBase sampleWeights = Find(typeof(WeightedRandomSampler), "BalancedSampleWeights", "labels", "classCount", "destination");
        Add(sampleWeights, "classCount is 0", "classCount", () => Dest(new[] { 0, 1 }, 0, 2));
        Add(sampleWeights, "labels is empty", "labels", () => Dest(Array.Empty<int>(), 2, 1));
        Add(sampleWeights, "destination is one element short", "destination", () => Dest(new[] { 0, 1 }, 2, 1));
        Add(sampleWeights, "a label equals classCount", "labels", () => Dest(new[] { 0, 2 }, 2, 2));
        return cases;
    }

    private static (object?[], Array[], Func<string>?) Dest(int[] labels, int classCount, int destinationLength)
    {
        float[] d = Filled(destinationLength, (float)S);
        return ([Seg(labels), classCount, Seg(d)], [d], null);
    }

    private static (object?[], Array[], Func<string>?) CountsDest(int[] counts, int destinationLength)
    {
        float[] d = Filled(destinationLength, (float)S);
        return ([Seg(counts), Seg(d)], [d], null);
    }

    private static (object?[], Array[], Func<string>?) Quantiles(float[] losses, double[] probabilities, int destinationLength)
    {
        double[] d = Filled(destinationLength, S);
        return ([Seg(losses), Seg(probabilities), Seg(d)], [d, probabilities], null);
    }

    private static (object?[], Array[], Func<string>?) Histogram(double lower, double upper, int bins)
    {
        long[] counts = Filled(bins, -1L);
        return ([Seg(Losses(4)), lower, upper, Seg(counts)], [counts], null);
    }

    private static (object?[], Array[], Func<string>?) PerClass(float[] losses, int[] labels, int means, int counts)
    {
        double[] m = Filled(means, S);
        int[] c = Filled(counts, -1);
        return ([Seg(losses), Seg(labels), Seg(m), Seg(c)], [m, c], null);
    }
}
