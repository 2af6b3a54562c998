using System.Numerics;
using System.Runtime.InteropServices;

namespace FastLoss.Tests.Validation;

/// <summary>
/// Issue 7, part 4: one loss object (built-in and user-formula loss classes, "immutable and safe to share between
/// threads") used from 8 threads at once gives the same bits as serial calls, for every member of ILoss.
/// </summary>
public sealed class ThreadSafetyTests
{
    private const int Threads = 8;
    private const int Rounds = 12;

    /// <summary>Not a multiple of any vector width, so every call also runs the driver's scalar tail.</summary>
    private const int Length = 4099;

    public static TheoryData<string> Losses => new(Objects.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<object>> Objects = new(StringComparer.Ordinal)
    {
        ["Loss.HuberLoss<float>(0.5)"] = () => new Loss.HuberLoss<float>(0.5f),
        ["Loss.HuberLoss<double>(0.5)"] = () => new Loss.HuberLoss<double>(0.5),
        ["Loss.SigmoidFocalLoss<float>(0.25, 2)"] = () => new Loss.SigmoidFocalLoss<float>(0.25f, 2f),
        ["ValidationFormulas.ScaledLogCoshLoss<float>(2, 0.1)"] = () => new ValidationFormulas.ScaledLogCoshLoss<float>(2f, 0.1f),
        ["ValidationFormulas.ScaledLogCoshLoss<double>(2, 0.1)"] = () => new ValidationFormulas.ScaledLogCoshLoss<double>(2, 0.1),
        ["ValidationFormulas.PoweredSquareLoss(1.5)"] = () => new ValidationFormulas.PoweredSquareLoss(1.5f),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_shared_loss_object_gives_serial_bits_on_8_threads(string name)
    {
        object loss = Objects[name]();
        switch (loss)
        {
            case ILoss<float> single:
                Check(single);
                break;
            case ILoss<double> @double:
                Check(@double);
                break;
            default:
                throw new InvalidOperationException(name + " is not an ILoss<float> or ILoss<double>.");
        }
    }

    private static void Check<T>(ILoss<T> loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20250611);
        T[] input = Enumerable.Range(0, Length).Select(_ => T.CreateTruncating((random.NextDouble() * 8) - 4)).ToArray();
        T[] target = Enumerable.Range(0, Length).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        Outputs<T> serial = Run(loss, input, target);

        using var start = new Barrier(Threads);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Thread[] threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < Rounds; round++)
            {
                string? difference = Run(loss, input, target).DifferenceFrom(serial);
                if (difference is not null)
                {
                    failures.Add($"thread {t}, round {round}: {difference}");
                }
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
    }

    private static Outputs<T> Run<T>(ILoss<T> loss, T[] input, T[] target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var o = new Outputs<T>(input.Length);
        o.Mean = loss.Loss(input, target);
        o.Sum = loss.Loss(input, target, Reduction.Sum);
        loss.Loss(input, target, o.Losses);
        loss.Gradient(input, target, o.Gradient);
        o.Fused = loss.LossWithGradient(input, target, o.FusedGradient, Reduction.Sum);
        loss.Hessian(input, target, o.Hessian);
        return o;
    }

    private sealed class Outputs<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Mean { get; set; }

        public T Sum { get; set; }

        public T Fused { get; set; }

        public T[] Losses { get; } = new T[n];

        public T[] Gradient { get; } = new T[n];

        public T[] FusedGradient { get; } = new T[n];

        public T[] Hessian { get; } = new T[n];

        public string? DifferenceFrom(Outputs<T> serial)
        {
            if (!Bits([Mean, Sum, Fused]).SequenceEqual(Bits([serial.Mean, serial.Sum, serial.Fused])))
            {
                return $"reduced values ({Mean}, {Sum}, {Fused}) differ from serial ({serial.Mean}, {serial.Sum}, {serial.Fused})";
            }

            foreach ((string what, T[] mine, T[] theirs) in new[] { ("losses", Losses, serial.Losses), ("gradient", Gradient, serial.Gradient), ("fused gradient", FusedGradient, serial.FusedGradient), ("Hessian", Hessian, serial.Hessian) })
            {
                if (!Bits(mine).SequenceEqual(Bits(theirs)))
                {
                    return what + " differ from serial";
                }
            }

            return null;
        }

        private static byte[] Bits(T[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
