using System.Numerics;

namespace FastLoss.Training;

/// <summary>
/// Indices of the k largest keys in O(n log k) time and no allocation: a min-heap of k indices kept in the destination
/// itself, then heap-sorted in place.
/// </summary>
/// <remarks>
/// Order: larger key first; NaN above every number (a NaN loss is the one to look at); equal keys by lower index.
/// That is a strict total order on (key, index), so the result does not depend on the heap's visiting order.
/// </remarks>
internal static class TopK
{
    /// <summary>Writes the indices of the <c>min(k, keys.Length)</c> largest keys, largest first, and returns that count.</summary>
    public static int Largest<T>(ReadOnlySpan<T> keys, Span<int> indices)
        where T : IFloatingPointIeee754<T>
    {
        int k = Math.Min(indices.Length, keys.Length);
        if (k == 0)
        {
            return 0;
        }

        Span<int> heap = indices[..k];
        for (int i = 0; i < k; i++)
        {
            heap[i] = i;
        }

        // Min-heap on "rank": the root is the worst of the current best k.
        for (int i = (k / 2) - 1; i >= 0; i--)
        {
            SiftDown(keys, heap, i, k);
        }

        for (int i = k; i < keys.Length; i++)
        {
            if (Ranks(keys, i, heap[0]))
            {
                heap[0] = i;
                SiftDown(keys, heap, 0, k);
            }
        }

        // Heap sort: move the root (worst) to the end each time, leaving the best first.
        for (int end = k - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(keys, heap, 0, end);
        }

        return k;
    }

    /// <summary>True when element <paramref name="a"/> ranks above element <paramref name="b"/>.</summary>
    internal static bool Ranks<T>(ReadOnlySpan<T> keys, int a, int b)
        where T : IFloatingPointIeee754<T>
    {
        int comparison = Compare(keys[a], keys[b]);
        return comparison > 0 || (comparison == 0 && a < b);
    }

    /// <summary>Total order on floating-point values with NaN greatest; −0 equals +0.</summary>
    internal static int Compare<T>(T x, T y)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x))
        {
            return T.IsNaN(y) ? 0 : 1;
        }

        if (T.IsNaN(y))
        {
            return -1;
        }

        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static void SiftDown<T>(ReadOnlySpan<T> keys, Span<int> heap, int i, int count)
        where T : IFloatingPointIeee754<T>
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= count)
            {
                return;
            }

            int right = left + 1;
            int worst = right < count && Ranks(keys, heap[left], heap[right]) ? right : left;
            if (!Ranks(keys, heap[i], heap[worst]))
            {
                return;
            }

            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
