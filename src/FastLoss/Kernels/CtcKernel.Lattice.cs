using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>The α/β recursions of <see cref="CtcKernel"/> (Graves et al. 2006, eqs. 6–16, in log space as torch).</summary>
internal static partial class CtcKernel
{
    /// <summary>log_probs [T, N, C] and the constants of one call.</summary>
    private readonly ref struct Problem<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public required ReadOnlySpan<T> LogProbs { get; init; }

        public required int Batch { get; init; }

        public required int Classes { get; init; }

        public required int Blank { get; init; }

        /// <summary>T, the time steps.</summary>
        public int Steps => LogProbs.Length / (Batch * Classes);

        /// <summary>The flat index of [t, b, c].</summary>
        public int Index(int t, int b, int c) => (((t * Batch) + b) * Classes) + c;

        /// <summary>log_probs[t, b, c] in double.</summary>
        public double At(int t, int b, int c) => double.CreateTruncating(LogProbs[Index(t, b, c)]);

        /// <summary>The extended target l'[s]: the blank at even s, label s / 2 at odd s (torch's get_target_prime).</summary>
        public int Prime(ReadOnlySpan<int> labels, int s) => (s & 1) == 0 ? Blank : labels[s >> 1];
    }

    /// <summary>
    /// α for sample b: all T_b rows of width W = 2L + 1 at the start of <paramref name="scratch"/> when
    /// <paramref name="keepRows"/> (the backward pass reads them), else two alternating rows. Returns nll_b in double.
    /// </summary>
    private static double Forward<T>(in Problem<T> p, int b, ReadOnlySpan<int> labels, int inputLength, Span<double> scratch, bool keepRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = labels.Length;
        if (inputLength == 0)
        {
            // torch: log-likelihood 0 for an empty target (so nll = −0), −∞ otherwise.
            return -(length == 0 ? 0d : double.NegativeInfinity);
        }

        int width = (2 * length) + 1;
        Span<double> first = scratch[..width];
        first.Fill(double.NegativeInfinity);
        first[0] = p.At(0, b, p.Blank);
        if (length > 0)
        {
            first[1] = p.At(0, b, labels[0]);
        }

        for (int t = 1; t < inputLength; t++)
        {
            ReadOnlySpan<double> previous = Row(scratch, t - 1, width, keepRows);
            Span<double> current = Row(scratch, t, width, keepRows);
            for (int s = 0; s < width; s++)
            {
                int prime = p.Prime(labels, s);
                double a1 = previous[s];
                double a2 = s > 0 ? previous[s - 1] : double.NegativeInfinity;
                double a3 = s > 1 && p.Prime(labels, s - 2) != prime ? previous[s - 2] : double.NegativeInfinity;
                current[s] = LogSumExp(a1, a2, a3) + p.At(t, b, prime);
            }
        }

        ReadOnlySpan<double> last = Row(scratch, inputLength - 1, width, keepRows);
        if (length == 0)
        {
            // No blank precedes the end state: the likelihood is α[T_b − 1, 0] alone.
            return -last[0];
        }

        double l1 = last[2 * length];
        double l2 = last[(2 * length) - 1];
        double max = l1 < l2 ? l2 : l1;
        max = max == double.NegativeInfinity ? 0 : max;
        return -(Math.Log(Math.Exp(l1 - max) + Math.Exp(l2 - max)) + max);
    }

    /// <summary>
    /// β for sample b (two rows after the α rows), collecting log Σ_s α·β per (t, class) in T_b × C after them, then
    /// writes torch's gradient (exp(lp) − exp(Σαβ + nll − lp))·<paramref name="scale"/> for t &lt; T_b.
    /// </summary>
    private static void Backward<T>(
        in Problem<T> p, int b, ReadOnlySpan<int> labels, int inputLength, double nll, double scale, Span<double> scratch, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputLength == 0)
        {
            return;
        }

        int length = labels.Length;
        int width = (2 * length) + 1;
        int classes = p.Classes;
        ReadOnlySpan<double> alpha = scratch[..(inputLength * width)];
        Span<double> beta = scratch.Slice(inputLength * width, 2 * width);
        Span<double> collected = scratch.Slice((inputLength + 2) * width, inputLength * classes);
        collected.Fill(double.NegativeInfinity);

        // The last step: β is the final blank and the final label; both states are collected directly (they differ).
        int end = inputLength - 1;
        Span<double> last = Row(beta, end, width, keepRows: false);
        last.Fill(double.NegativeInfinity);
        last[2 * length] = p.At(end, b, p.Blank);
        collected[(end * classes) + p.Blank] = alpha[(end * width) + (2 * length)] + last[2 * length];
        if (length > 0)
        {
            int label = labels[length - 1];
            last[(2 * length) - 1] = p.At(end, b, label);
            collected[(end * classes) + label] = alpha[(end * width) + (2 * length) - 1] + last[(2 * length) - 1];
        }

        for (int t = inputLength - 2; t >= 0; t--)
        {
            ReadOnlySpan<double> next = Row(beta, t + 1, width, keepRows: false);
            Span<double> current = Row(beta, t, width, keepRows: false);
            Span<double> sums = collected.Slice(t * classes, classes);
            for (int s = width - 1; s >= 0; s--)
            {
                int prime = p.Prime(labels, s);
                double b1 = next[s];
                double b2 = s < 2 * length ? next[s + 1] : double.NegativeInfinity;
                double b3 = s < (2 * length) - 1 && p.Prime(labels, s + 2) != prime ? next[s + 2] : double.NegativeInfinity;
                current[s] = LogSumExp(b1, b2, b3) + p.At(t, b, prime);

                double product = alpha[(t * width) + s] + current[s];
                ref double sum = ref sums[prime];
                if (sum == double.NegativeInfinity)
                {
                    sum = product;
                }
                else
                {
                    double max = sum < product ? product : sum;
                    sum = Math.Log(Math.Exp(sum - max) + Math.Exp(product - max)) + max;
                }
            }
        }

        for (int t = 0; t < inputLength; t++)
        {
            int row = p.Index(t, b, 0);
            for (int c = 0; c < classes; c++)
            {
                // Read before write: the gradient may be the log-probabilities themselves (in place).
                double lp = double.CreateTruncating(p.LogProbs[row + c]);
                double g = (Math.Exp(lp) - Math.Exp(collected[(t * classes) + c] + nll - lp)) * scale;
                gradient[row + c] = T.CreateTruncating(g);
            }
        }
    }

    /// <summary>Row t of a lattice: its own row when all rows are kept, else one of two alternating rows.</summary>
    private static Span<double> Row(Span<double> lattice, int t, int width, bool keepRows)
        => lattice.Slice((keepRows ? t : t & 1) * width, width);

    /// <summary>torch's three-term log-add-exp: the maximum by <c>&gt;</c> (0 when −∞), then log Σ exp(x − max) + max.</summary>
    private static double LogSumExp(double a, double b, double c)
    {
        double max = a;
        if (b > max)
        {
            max = b;
        }

        if (c > max)
        {
            max = c;
        }

        if (max == double.NegativeInfinity)
        {
            max = 0;
        }

        return Math.Log(Math.Exp(a - max) + Math.Exp(b - max) + Math.Exp(c - max)) + max;
    }
}
