using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// A small splittable random source (SplitMix64, as FsCheck's <c>Random.StdGen</c> replay seeds), so every fuzz run is
/// reproducible from the same <c>FASTLOSS_FSCHECK_SEED</c> ("seed" or "seed,gamma") the property tests take.
/// </summary>
/// <remarks>
/// FsCheck draws one 64-bit seed per run (<see cref="FuzzRunner.Check"/>); the formula generators grow whole expression
/// trees from it with this source, so one failing run replays from one number. Same seed convention and "print the
/// seed on failure" contract as <c>property-tests/FastLoss.PropertyTests/Harness/Runner.cs</c>.
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

    /// <summary>
    /// Runs <paramref name="body"/> as an FsCheck property: FsCheck draws each run's 64-bit seed (replayed from
    /// <c>FASTLOSS_FSCHECK_SEED</c> salted with the property's name, so properties see different data), the body grows
    /// the random formulas from it. Seeds are not shrunk (a nearby seed is an unrelated formula): the body shrinks
    /// the formula itself (<see cref="FormulaShrinker"/>). A failure names the property, the run and the seed.
    /// </summary>
    public static void Check(string name, int count, Action<FuzzRandom, int> body)
    {
        int runs = Math.Max(1, (int)Math.Round(count * Scale));
        ulong salt = 1469598103934665603UL;
        foreach (char c in name)
        {
            salt = (salt ^ c) * 1099511628211UL;
        }

        Gen<ulong> seeds =
            from high in Gen.Choose(int.MinValue, int.MaxValue)
            from low in Gen.Choose(int.MinValue, int.MaxValue)
            select ((ulong)(uint)high << 32) | (uint)low;
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(runs)
            .WithName(name)
            .WithReplay(Seed.Seed ^ salt, Seed.Gamma)
            .WithQuietOnSuccess(true);
        int run = 0;
        try
        {
            Prop.ForAll(Arb.From(seeds), seed =>
            {
                int current = run++;
                try
                {
                    body(new FuzzRandom(seed, Seed.Gamma), current);
                }
                catch (Exception e) when (e is not FuzzFailedException)
                {
                    throw new FuzzFailedException($"{name} failed in run {current} (formula seed {seed}). {ReplayHint}{Environment.NewLine}{e.Message}", e);
                }
            }).Check(config);
        }
        catch (Exception e) when (e is not FuzzFailedException)
        {
            throw new FuzzFailedException($"{name} failed. {ReplayHint}{Environment.NewLine}{e.Message}", e);
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
