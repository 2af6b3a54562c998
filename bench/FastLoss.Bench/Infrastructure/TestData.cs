using System.Numerics;

namespace FastLoss.Bench.Infrastructure;

/// <summary>Seeded operand generators shared by the loss families.</summary>
public static class TestData
{
    /// <summary>Fills with N(mean, sd²) values (Box–Muller): about half of input − target then lies within ±1.</summary>
    public static void Normal<T>(Random random, Span<T> destination, double mean = 0, double standardDeviation = 1)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            double u = 1.0 - random.NextDouble();
            double v = random.NextDouble();
            destination[i] = T.CreateTruncating(mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v)));
        }
    }

    /// <summary>Fills with hard labels 0 or 1, each with probability ½ (branches are unpredictable).</summary>
    public static void Labels<T>(Random random, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = random.Next(2) == 0 ? T.Zero : T.One;
        }
    }
}
