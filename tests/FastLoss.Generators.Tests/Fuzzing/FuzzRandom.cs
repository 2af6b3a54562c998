using System.Globalization;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// A small splittable random source (SplitMix64, as FsCheck's <c>Random.StdGen</c> replay seeds), so every fuzz run is
/// reproducible from the same <c>FASTLOSS_FSCHECK_SEED</c> ("seed" or "seed,gamma") the property tests take.
/// </summary>
/// <remarks>
/// FsCheck is not referenced by this test project (adding it means editing the project file), so the fuzzers use this
/// generator with the same seed convention and the same "print the seed on failure" contract as
/// <c>property-tests/FastLoss.PropertyTests/Harness/Runner.cs</c>; shrinking is done by <see cref="FormulaShrinker"/>.
/// </remarks>
internal sealed class FuzzRandom
{
    private ulong _state;
    private readonly ulong _gamma;

    public FuzzRandom(ulong seed, ulong gamma)
    {
        _state = seed;
        _gamma = gamma | 1;
    }

    public ulong NextUInt64()
    {
        ulong z = _state += _gamma;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)(NextUInt64() % (ulong)n);

    /// <summary>A uniform integer in [lo, hi] inclusive.</summary>
    public int Range(int lo, int hi) => lo + Next(hi - lo + 1);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An independent generator (for a sub-case), derived deterministically from this one.</summary>
    public FuzzRandom Split() => new(NextUInt64(), NextUInt64());

    /// <summary>A generator in the same state (to replay a case while shrinking it).</summary>
    public FuzzRandom Clone() => new(_state, _gamma);
}

/// <summary>Seeds and the run loop of the fuzzers.</summary>
internal static class FuzzRunner
{
    public const ulong DefaultSeed = 20250611;
    public const ulong DefaultGamma = 0x9E3779B97F4A7C15;

    public static (ulong Seed, ulong Gamma) Seed { get; } = ReadSeed();

    /// <summary>FASTLOSS_FSCHECK_MAXTEST scales the runs: 100 (the property tests' default) is 1×.</summary>
    public static double Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("FASTLOSS_FSCHECK_MAXTEST"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n / 100.0 : 1.0;

    public static string ReplayHint => $"Replay with FASTLOSS_FSCHECK_SEED={Seed.Seed},{Seed.Gamma}.";

    /// <summary>The generator for run <paramref name="run"/> of the property <paramref name="name"/>.</summary>
    public static FuzzRandom For(string name, int run)
    {
        ulong salt = 1469598103934665603UL;
        foreach (char c in name)
        {
            salt = (salt ^ c) * 1099511628211UL;
        }

        var mixer = new FuzzRandom(Seed.Seed ^ salt, Seed.Gamma);
        for (int i = 0; i <= run; i++)
        {
            mixer.NextUInt64();
        }

        return new FuzzRandom(mixer.NextUInt64(), Seed.Gamma);
    }

    /// <summary>Runs <paramref name="body"/> for runs 0..count-1; a failure names the property, the run and the seed.</summary>
    public static void Check(string name, int count, Action<FuzzRandom, int> body)
    {
        int runs = Math.Max(1, (int)Math.Round(count * Scale));
        for (int run = 0; run < runs; run++)
        {
            try
            {
                body(For(name, run), run);
            }
            catch (Exception e) when (e is not FuzzFailedException)
            {
                throw new FuzzFailedException($"{name} failed in run {run}. {ReplayHint}{Environment.NewLine}{e.Message}", e);
            }
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
}

/// <summary>A fuzz property failed; the message carries the seed to replay it.</summary>
internal sealed class FuzzFailedException(string message, Exception? inner = null) : Exception(message, inner);
