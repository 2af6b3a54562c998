namespace FastLoss.Tests.Losses;

/// <summary>One bound call of a margin loss in double, with its naive reference (torch's formula, written out).</summary>
internal sealed class MarginLossCase
{
    public required string Name { get; init; }

    /// <summary>The input [N, C]; tests may change it in place (finite differences).</summary>
    public required double[] Input { get; init; }

    public required int Samples { get; init; }

    public required Func<double[]> Reference { get; init; }

    public required Func<double[], Reduction, double> ReduceCall { get; init; }

    public required Action<double[], double[]> NoneInto { get; init; }

    public required Func<double[], double[], Reduction, double> Fused { get; init; }

    public required Action<double[], double[], Reduction> GradientInto { get; init; }

    public void None(double[] destination) => NoneInto(Input, destination);

    public double Reduce(Reduction reduction) => ReduceCall(Input, reduction);

    public void Gradient(double[] gradient, Reduction reduction) => GradientInto(Input, gradient, reduction);

    /// <summary>The fused call; with <paramref name="inPlace"/> the gradient overwrites the input.</summary>
    public double WithGradient(double[] gradient, Reduction reduction, bool inPlace = false) => Fused(inPlace ? gradient : Input, gradient, reduction);

    public override string ToString() => Name;
}

/// <summary>Random cases of the three margin losses, with their references.</summary>
internal static class MarginLossCases
{
    public static readonly string[] Names = ["MultiMargin", "MultilabelMargin", "MultilabelSoftMargin"];

    public static IEnumerable<MarginLossCase> Make(string name, int classes, int samples, int seed, bool nonNegativeWeights = false)
    {
        var random = new Random(seed);
        double[] Values(int n, double lo, double hi) => Enumerable.Range(0, n).Select(_ => lo + ((hi - lo) * random.NextDouble())).ToArray();
        switch (name)
        {
            case "MultiMargin":
                foreach (int p in new[] { 1, 2 })
                {
                    foreach (bool weighted in new[] { false, true })
                    {
                        double margin = weighted ? 0.5 : 1;
                        double[] x = Values(samples * classes, -2, 2);
                        int[] t = Enumerable.Range(0, samples).Select(_ => random.Next(classes)).ToArray();
                        double[]? w = weighted ? Values(classes, nonNegativeWeights ? 0 : -0.5, 2) : null;
                        yield return MultiMargin(x, t, classes, p, margin, w);
                    }
                }

                break;
            case "MultilabelMargin":
            {
                double[] x = Values(samples * classes, -2, 2);
                var t = new int[samples * classes];
                for (int i = 0; i < samples; i++)
                {
                    // k labels (a duplicate now and then), then −1, then junk that must be ignored.
                    int k = random.Next(classes + 1);
                    for (int j = 0; j < classes; j++)
                    {
                        t[(i * classes) + j] = j < k ? random.Next(classes) : j == k ? -1 : random.Next(-1, classes);
                    }
                }

                yield return MultilabelMargin(x, t, classes);
                break;
            }

            default:
                foreach (int weighting in new[] { 0, 1, 2 })
                {
                    double[] x = Values(samples * classes, -6, 6);
                    double[] t = weighting == 2 ? Values(samples * classes, 0, 1) : Enumerable.Range(0, samples * classes).Select(_ => (double)random.Next(2)).ToArray();
                    double[]? w = weighting switch
                    {
                        1 => Values(classes, 0, 2),
                        2 => Values(samples * classes, nonNegativeWeights ? 0 : -1, 2),
                        _ => null,
                    };
                    yield return MultilabelSoftMargin(x, t, classes, w);
                }

                break;
        }
    }

    private static MarginLossCase MultiMargin(double[] x, int[] t, int classes, int p, double margin, double[]? w) => new()
    {
        Name = $"MultiMargin p={p} margin={margin} weighted={w is not null}",
        Input = x,
        Samples = t.Length,
        Reference = () => t.Select((y, i) =>
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                double z = margin - x[(i * classes) + y] + x[(i * classes) + c];
                sum += c != y && z > 0 ? Math.Pow(z, p) * (w?[y] ?? 1) : 0;
            }

            return sum / classes;
        }).ToArray(),
        ReduceCall = (input, r) => Loss.MultiMargin(input, t, classes, p, margin, w, r),
        NoneInto = (input, d) => Loss.MultiMargin(input, t, classes, d.AsSpan(), p, margin, w),
        Fused = (input, g, r) => Loss.MultiMarginWithGradient(input, t, classes, g, p, margin, w, r),
        GradientInto = (input, g, r) => Loss.MultiMarginGradient(input, t, classes, g, p, margin, w, r),
    };

    private static MarginLossCase MultilabelMargin(double[] x, int[] t, int classes) => new()
    {
        Name = "MultilabelMargin",
        Input = x,
        Samples = x.Length / classes,
        Reference = () => Enumerable.Range(0, x.Length / classes).Select(i =>
        {
            List<int> labels = t.Skip(i * classes).Take(classes).TakeWhile(v => v >= 0).ToList();
            double sum = 0;
            foreach (int j in labels)
            {
                for (int c = 0; c < classes; c++)
                {
                    sum += labels.Contains(c) ? 0 : Math.Max(0, 1 - (x[(i * classes) + j] - x[(i * classes) + c]));
                }
            }

            return sum / classes;
        }).ToArray(),
        ReduceCall = (input, r) => Loss.MultilabelMargin(input, t, classes, r),
        NoneInto = (input, d) => Loss.MultilabelMargin(input, t, classes, d.AsSpan()),
        Fused = (input, g, r) => Loss.MultilabelMarginWithGradient(input, t, classes, g, r),
        GradientInto = (input, g, r) => Loss.MultilabelMarginGradient(input, t, classes, g, r),
    };

    private static MarginLossCase MultilabelSoftMargin(double[] x, double[] t, int classes, double[]? w) => new()
    {
        Name = $"MultilabelSoftMargin weight={w?.Length ?? 0}",
        Input = x,
        Samples = x.Length / classes,
        Reference = () => Enumerable.Range(0, x.Length / classes).Select(i =>
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                int k = (i * classes) + c;
                double weight = w is null ? 1 : w.Length == classes ? w[c] : w[k];
                // log σ(x) = −log(1 + e^−x), written the naive way (the test logits are moderate).
                sum += -weight * ((t[k] * -Math.Log(1 + Math.Exp(-x[k]))) + ((1 - t[k]) * -Math.Log(1 + Math.Exp(x[k]))));
            }

            return sum / classes;
        }).ToArray(),
        ReduceCall = (input, r) => Loss.MultilabelSoftMargin(input, t, classes, w, r),
        NoneInto = (input, d) => Loss.MultilabelSoftMargin(input, t, classes, d.AsSpan(), w),
        Fused = (input, g, r) => Loss.MultilabelSoftMarginWithGradient(input, t, classes, g, w, r),
        GradientInto = (input, g, r) => Loss.MultilabelSoftMarginGradient(input, t, classes, g, w, r),
    };
}
