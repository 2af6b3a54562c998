using FastLoss.Tests.Golden.Adapters;

namespace FastLoss.Tests.Golden;

/// <summary>
/// The losses checked against the golden files. To cover another loss, write its adapter (Adapters/) and add it here;
/// <see cref="GoldenLossTests"/> then runs it as its own test.
/// </summary>
public static class GoldenLossRegistry
{
    /// <summary>Every registered adapter, keyed by torch name.</summary>
    public static IReadOnlyDictionary<string, GoldenLossAdapter> All { get; } = new GoldenLossAdapter[]
    {
        new L1Adapter(),
        new MseAdapter(),
        new SmoothL1Adapter(),
        new HuberAdapter(),
        new BinaryCrossEntropyWithLogitsAdapter(),
        new SigmoidFocalAdapter(),
        new BinaryCrossEntropyAdapter(),
        new SoftMarginAdapter(),
        new PoissonNllAdapter(),
        new KlDivAdapter(),
        new HingeEmbeddingAdapter(),
        new GaussianNllAdapter(),
        new CrossEntropyAdapter(),
        new NllAdapter(),
        new CtcAdapter(),
        new MultiMarginAdapter(),
        new MultilabelMarginAdapter(),
        new MultilabelSoftMarginAdapter(),
        new MarginRankingAdapter(),
        new CosineEmbeddingAdapter(),
        new TripletMarginAdapter(),
    }.ToDictionary(a => a.TorchName, StringComparer.Ordinal);
}
