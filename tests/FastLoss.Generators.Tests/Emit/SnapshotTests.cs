namespace FastLoss.Generators.Tests.Emit;

/// <summary>Whole generated files, reviewed once and then pinned (see Snapshots/).</summary>
public class SnapshotTests
{
    [Fact]
    public void LogCosh() => Verify(nameof(LogCosh), SampleFormulas.LogCosh);

    [Fact]
    public void GenericCustomWithTwoHyperparameters() => Verify("Custom", SampleFormulas.Custom);

    [Fact]
    public void WeightedSquareWithThreeOperands() => Verify("WeightedSquare", SampleFormulas.WeightedSquare);

    [Fact]
    public void ConditionalWithMaxAndClamp() => Verify("ClampedHinge", SampleFormulas.ClampedHinge);

    [Fact]
    public void OperandRangeAndOperandGradients() => Verify("ScaledGaussian", SampleFormulas.ScaledGaussian);

    [Fact]
    public void SharedLogisticPartsAndBothModes() => Verify("FocalLike", SampleFormulas.FocalLike);

    private static void Verify(string name, string source)
    {
        GeneratorRun run = GeneratorHarness.RunValid(source);
        KeyValuePair<string, string> generated = Assert.Single(run.Sources);
        Assert.Equal("Samples.Losses." + name + ".g.cs", generated.Key);
        SnapshotAssert.Matches(name, generated.Value);
    }
}
