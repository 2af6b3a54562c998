using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using FastLoss.PropertyTests.Harness;
using Xunit.Abstractions;

namespace FastLoss.PropertyTests;

/// <summary>
/// The numerical contract's reproducibility half: the same input gives the same bits on the Vector512, Vector256,
/// Vector128 and scalar paths and at every buffer alignment. Every case's outputs (Sum, Mean, per-element losses,
/// gradients, fused loss and gradient, Hessian) over fixed pseudo-random data are hashed and compared with the hashes
/// checked in next to this file, which were produced on an AVX-512 machine. CI runs this project under every ISA
/// setting, so a path that rounds differently fails here. Set FASTLOSS_ACCEPT_HASHES=1 to rewrite the file after an
/// intended change of the numbers (and say why in the commit).
/// </summary>
public sealed class ReproducibilityTests(ITestOutputHelper output)
{
    private static readonly int[] Lengths = [0, 1, 3, 15, 16, 17, 63, 64, 65, 1000, 4097, 70001];

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void Outputs_are_bit_identical_on_every_path_and_alignment(string name)
    {
        var visitor = new HashVisitor();
        Cases.Run(name, visitor);
        string actual = visitor.Hash!;
        output.WriteLine($"{name}: {actual} (Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated})");
        Verify(name, actual);
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the checked-in hash of <paramref name="name"/>, or with
    /// FASTLOSS_ACCEPT_HASHES=1 merges it into the file (shared by the row-wise losses' reproducibility tests).
    /// </summary>
    /// <param name="name">The case.</param>
    /// <param name="actual">Its hash on this machine.</param>
    internal static void Verify(string name, string actual)
    {
        Dictionary<string, string> expected = ReadHashes();
        if (Environment.GetEnvironmentVariable("FASTLOSS_ACCEPT_HASHES") == "1")
        {
            lock (FileLock)
            {
                Dictionary<string, string> current = ReadHashes();
                current[name] = actual;
                File.WriteAllLines(HashFile(), current.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            }

            return;
        }

        Assert.True(expected.TryGetValue(name, out string? want), $"No checked-in hash for {name}: run once with FASTLOSS_ACCEPT_HASHES=1 on the reference machine.");
        Assert.Equal(want, actual);
    }

    private static readonly object FileLock = new();

    /// <summary>The checked-in file in the source tree (its path is baked in at build time; see the project file).</summary>
    private static string HashFile()
        => Path.Combine(
            typeof(ReproducibilityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
            "ReproducibilityHashes.txt");

    private static Dictionary<string, string> ReadHashes()
    {
        string path = HashFile();
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1])
            : [];
    }

    private sealed class HashVisitor : ICaseVisitor
    {
        public string? Hash { get; private set; }

        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // The declared defaults, or ½ for a hyperparameter without one.
            T[] h = c.Formula.Hyperparameters.Select(p =>
            {
                double declared = p.GetCustomAttribute<HyperparameterAttribute>()!.Default;
                return T.CreateChecked(!double.IsNaN(declared) ? declared : p.HasDefaultValue ? Convert.ToDouble(p.DefaultValue, CultureInfo.InvariantCulture) : 0.5);
            }).ToArray();
            int maxOffset = 64 / Unsafe.SizeOf<T>();
            var random = new SplitMix(0x5EED);
            foreach (int n in Lengths)
            {
                // Inputs in [−4, 4], first operand in [0, 1] (a probability, a target), second in [0.5, 2] (a weight, a
                // variance): inside every case's domain.
                T[] x = Fill<T>(n + maxOffset, random, -4, 8), a = Fill<T>(n + maxOffset, random, 0, 1), b = Fill<T>(n + maxOffset, random, 0.5, 1.5);
                byte[]? first = null;
                for (int offset = 0; offset < maxOffset; offset++)
                {
                    // Shift the data, not only the window, so each alignment sees the same values.
                    var xs = new T[n + maxOffset];
                    var @as = new T[n + maxOffset];
                    var bs = new T[n + maxOffset];
                    Array.Copy(x, 0, xs, offset, n);
                    Array.Copy(a, 0, @as, offset, n);
                    Array.Copy(b, 0, bs, offset, n);
                    byte[] bytes = Outputs(c, xs.AsSpan(offset, n), @as.AsSpan(offset, n), bs.AsSpan(offset, n), h);
                    if (first is null)
                    {
                        first = bytes;
                        sha.AppendData(bytes);
                    }
                    else if (!bytes.AsSpan().SequenceEqual(first))
                    {
                        throw new InvalidOperationException($"{c.Name}: n = {n}, element offset {offset} gives other bits than offset 0.");
                    }
                }
            }

            Hash = Convert.ToHexString(sha.GetHashAndReset());
        }

        private static byte[] Outputs<T>(LossCase<T> c, ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T[] h)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int n = x.Length;
            var values = new List<T>
            {
                c.Api.Reduce(x, a, b, h, Reduction.Sum),
                c.Api.Reduce(x, a, b, h, Reduction.Mean),
            };
            var buffer = new T[n];
            c.Api.Map(x, a, b, h, buffer);
            values.AddRange(buffer);
            c.Api.Gradient(x, a, b, h, buffer, Reduction.Mean);
            values.AddRange(buffer);
            values.Add(c.Api.WithGradient(x, a, b, h, buffer, Reduction.Sum));
            values.AddRange(buffer);
            c.Api.Hessian(x, a, b, h, buffer, Reduction.Sum);
            values.AddRange(buffer);
            return MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(values)).ToArray();
        }

        private static T[] Fill<T>(int count, SplitMix random, double low, double width)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = T.CreateTruncating(low + (width * random.NextDouble()));
            }

            return values;
        }
    }

    /// <summary>SplitMix64: a fixed, platform-independent stream (System.Random's algorithm is not a contract).</summary>
    internal sealed class SplitMix(ulong state)
    {
        public double NextDouble()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
