using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

public static partial class ElementwiseDriver
{
    /// <summary>
    /// Span → span: the widest accelerated vector over the body, scalar code for the tail. Every element is loaded
    /// before it is stored, so a destination that is exactly an input (in place) is fine.
    /// </summary>
    private static void Map<T, TKernel, TFunction>(scoped ref TKernel kernel, Span<T> destination, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
    {
        nuint length = (nuint)kernel.Length;
        ref T output = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<T>.Count)
        {
            Vector512<T> factor = Vector512.Create(scale);
            nuint last = length - (nuint)Vector512<T>.Count;
            for (; i <= last; i += (nuint)Vector512<T>.Count)
            {
                (TFunction.Invoke512(ref kernel, i) * factor).StoreUnsafe(ref output, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<T>.Count)
        {
            Vector256<T> factor = Vector256.Create(scale);
            nuint last = length - (nuint)Vector256<T>.Count;
            for (; i <= last; i += (nuint)Vector256<T>.Count)
            {
                (TFunction.Invoke256(ref kernel, i) * factor).StoreUnsafe(ref output, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<T>.Count)
        {
            Vector128<T> factor = Vector128.Create(scale);
            nuint last = length - (nuint)Vector128<T>.Count;
            for (; i <= last; i += (nuint)Vector128<T>.Count)
            {
                (TFunction.Invoke128(ref kernel, i) * factor).StoreUnsafe(ref output, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref output, i) = TFunction.Invoke(ref kernel, i) * scale;
        }
    }
}
