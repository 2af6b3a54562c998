using System.Text.Json;
using Xunit.Abstractions;

namespace FastLoss.Tests.Golden;

/// <summary>
/// FastLoss against PyTorch's golden vectors (shared/golden): one test per registered loss, each running every case of
/// the loss's file in float32 and float64 plus its errors.json cases, collecting all mismatches before failing.
/// </summary>
public class GoldenLossTests(ITestOutputHelper output)
{
    /// <summary>The torch names of the registered losses.</summary>
    public static TheoryData<string> Losses => new(GoldenLossRegistry.All.Keys);

    [Theory]
    [MemberData(nameof(Losses))]
    public void Matches_pytorch(string loss)
    {
        GoldenTally tally = GoldenRunner.Run(GoldenLossRegistry.All[loss]);

        foreach (string line in tally.SummaryLines())
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }

        Assert.True(tally.Checked > 0, $"{loss}: no golden results were run.");
        Assert.True(tally.Failures.Count == 0, tally.FailureReport());
    }

    [Fact]
    public void Golden_folder_is_found_and_matches_its_manifest()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(GoldenData.PathOf("manifest.json")));
        var declared = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("loss").GetString()!, f => f.GetProperty("cases").GetInt32(), StringComparer.Ordinal);
        output.WriteLine($"Golden folder: {GoldenData.Directory} (set '{manifest.RootElement.GetProperty("set").GetString()}')");
        foreach (string loss in GoldenLossRegistry.All.Keys)
        {
            Assert.True(declared.TryGetValue(loss, out int cases), $"manifest.json does not list {loss}.");
            Assert.Equal(cases, GoldenFile.Load(loss).Cases.Count);
        }
    }
}
