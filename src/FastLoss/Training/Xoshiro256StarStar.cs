using System.Numerics;

namespace FastLoss.Training;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64, as the reference C code recommends. A fixed,
/// published algorithm, so a seed gives the same stream on every runtime and version (unlike <see cref="Random"/>,
/// whose algorithm is an implementation detail).
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the four state words with four consecutive SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>One SplitMix64 step.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits times 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1]: never 0, so its logarithm is finite.</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), unbiased (Lemire 2019, multiply and reject).</summary>
    /// <param name="bound">The exclusive upper bound, at least 1.</param>
    public uint NextUInt32(uint bound)
    {
        ulong m = (ulong)(uint)(NextUInt64() >> 32) * bound;
        uint low = (uint)m;
        if (low < bound)
        {
            uint threshold = unchecked(0u - bound) % bound;
            while (low < threshold)
            {
                m = (ulong)(uint)(NextUInt64() >> 32) * bound;
                low = (uint)m;
            }
        }

        return (uint)(m >> 32);
    }
}
