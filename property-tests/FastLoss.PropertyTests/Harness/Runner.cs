using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace FastLoss.PropertyTests.Harness;

/// <summary>
/// Runs FsCheck properties with a fixed seed: <c>FASTLOSS_FSCHECK_SEED</c> ("seed" or "seed,gamma", decimal) or the
/// default below, so CI is reproducible and a failure can be replayed exactly. <c>FASTLOSS_FSCHECK_MAXTEST</c> raises
/// the number of tests for a longer local run. On failure the exception names the seed to replay and carries
/// FsCheck's report: the original and the shrunk counterexample and the assertion message for the shrunk one.
/// </summary>
public static class Runner
{
    /// <summary>The default seed; any value works, it only has to be fixed.</summary>
    public const ulong DefaultSeed = 20250611;

    /// <summary>The default gamma (FsCheck's SplitMix increment; must be odd).</summary>
    public const ulong DefaultGamma = 0x9E3779B97F4A7C15;

    /// <summary>Tests per property: 100 keeps the whole suite well under the CI budget on the software-vector path.</summary>
    public const int DefaultMaxTest = 100;

    public static (ulong Seed, ulong Gamma) Seed { get; } = ReadSeed();

    public static int MaxTest { get; } = int.TryParse(Environment.GetEnvironmentVariable("FASTLOSS_FSCHECK_MAXTEST"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultMaxTest;

    /// <summary>A deterministic System.Random for the exhaustive (non-FsCheck) tests, derived from the same seed.</summary>
    /// <param name="salt">Distinguishes tests so they do not all see the same data.</param>
    /// <returns>The generator.</returns>
    public static Random Random(string salt) => new(unchecked((int)(Seed.Seed ^ (ulong)StableHash(salt))));

    /// <summary>Checks <paramref name="body"/> (which throws on a violation) for every generated sample.</summary>
    /// <typeparam name="TSample">The sample type; its ToString is what a failure report shows.</typeparam>
    /// <param name="name">The property and case, e.g. "kernel == reference [Huber&lt;float&gt;]".</param>
    /// <param name="arbitrary">Generator and shrinker.</param>
    /// <param name="body">Asserts the property for one sample.</param>
    /// <param name="maxTest">Overrides the number of tests (for expensive properties).</param>
    public static void Check<TSample>(string name, Arbitrary<TSample> arbitrary, Action<TSample> body, int? maxTest = null)
    {
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest ?? MaxTest)
            .WithName(name)
            .WithReplay(Seed.Seed, Seed.Gamma)
            .WithQuietOnSuccess(true);
        try
        {
            Prop.ForAll(arbitrary, body).Check(config);
        }
        catch (Exception e) when (e is not PropertyFailedException)
        {
            throw new PropertyFailedException(
                $"{name} failed. Replay with FASTLOSS_FSCHECK_SEED={Seed.Seed},{Seed.Gamma}.{Environment.NewLine}{e.Message}",
                e);
        }
    }

    private static (ulong, ulong) ReadSeed()
    {
        string? text = Environment.GetEnvironmentVariable("FASTLOSS_FSCHECK_SEED");
        if (string.IsNullOrWhiteSpace(text))
        {
            return (DefaultSeed, DefaultGamma);
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        ulong seed = ulong.Parse(parts[0], CultureInfo.InvariantCulture);
        ulong gamma = parts.Length > 1 ? ulong.Parse(parts[1], CultureInfo.InvariantCulture) : DefaultGamma;
        return (seed, gamma | 1);
    }

    private static int StableHash(string s)
    {
        int h = 17;
        foreach (char c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }
}

/// <summary>A property violation, with the replay seed in its message.</summary>
public sealed class PropertyFailedException(string message, Exception? inner = null) : Exception(message, inner);
