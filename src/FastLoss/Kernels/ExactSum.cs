using System.Buffers.Binary;
using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// The exact sum of any number of float or double values, correctly rounded only when it is read: a
/// superaccumulator with one 128-bit integer per binary exponent (Kulisch-style). Adding is a shift-free integer add
/// of the value's significand to the bin of its exponent, so the result is independent of the order of the additions
/// and of how they are split and merged.
/// </summary>
/// <remarks>
/// A finite float is m·2^(e − 150) with a 24-bit significand m (e = max(biased exponent, 1)); bin e − 1 collects the
/// signed significands of that exponent. 128-bit bins absorb 2^103 float or 2^74 double additions before they could
/// overflow. Infinities and NaN are tracked as flags: NaN, or both infinities, read as NaN (IEEE addition would give
/// the same).
/// </remarks>
internal sealed class ExactSum
{
    private const int SingleBins = 254;
    private const int DoubleBins = 2046;
    private const int SingleMinExponent = -149;
    private const int DoubleMinExponent = -1074;

    private readonly Int128[] _bins;
    private readonly bool _single;
    private bool _nan;
    private bool _positiveInfinity;
    private bool _negativeInfinity;

    public ExactSum(bool single)
    {
        _single = single;
        _bins = new Int128[single ? SingleBins : DoubleBins];
    }

    public void Add(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        int exponent = (int)(bits >> 23) & 0xFF;
        if (exponent == 0xFF)
        {
            AddNonFinite((bits & 0x7FFFFF) != 0, (bits >> 31) != 0);
            return;
        }

        long significand = (bits & 0x7FFFFF) | (exponent != 0 ? 0x800000L : 0);
        long sign = -(long)(bits >> 31);
        _bins[Math.Max(exponent, 1) - 1] += (significand ^ sign) - sign;
    }

    public void Add(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int exponent = (int)(bits >> 52) & 0x7FF;
        if (exponent == 0x7FF)
        {
            AddNonFinite((bits & 0xFFFFFFFFFFFFFUL) != 0, (bits >> 63) != 0);
            return;
        }

        long significand = (long)(bits & 0xFFFFFFFFFFFFFUL) | (exponent != 0 ? 1L << 52 : 0);
        long sign = (long)bits >> 63;
        _bins[Math.Max(exponent, 1) - 1] += (significand ^ sign) - sign;
    }

    /// <summary>Adds a non-negative integer exactly (a count of unit weights).</summary>
    public void AddInteger(long count)
    {
        // count·2^0 sits in the bin whose weight is 2^0.
        _bins[_single ? -SingleMinExponent : -DoubleMinExponent] += count;
    }

    public void Merge(ExactSum other)
    {
        for (int i = 0; i < _bins.Length; i++)
        {
            _bins[i] += other._bins[i];
        }

        _nan |= other._nan;
        _positiveInfinity |= other._positiveInfinity;
        _negativeInfinity |= other._negativeInfinity;
    }

    public void Clear()
    {
        Array.Clear(_bins);
        _nan = _positiveInfinity = _negativeInfinity = false;
    }

    /// <summary>The exact sum rounded to nearest (ties to even) float.</summary>
    public float ToSingle()
    {
        if (NonFiniteResult() is double special)
        {
            return (float)special;
        }

        (bool negative, ulong window, int scale) = Round();
        float magnitude = MathF.ScaleB((float)window, scale);
        return negative ? -magnitude : magnitude;
    }

    /// <summary>The exact sum rounded to nearest (ties to even) double.</summary>
    public double ToDouble()
    {
        if (NonFiniteResult() is double special)
        {
            return special;
        }

        (bool negative, ulong window, int scale) = Round();
        double magnitude = Math.ScaleB((double)window, scale);
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Bytes <see cref="Write"/> needs.</summary>
    public int SerializedLength
    {
        get
        {
            int nonZero = 0;
            foreach (Int128 bin in _bins)
            {
                nonZero += bin != Int128.Zero ? 1 : 0;
            }

            return 1 + 2 + (nonZero * 18);
        }
    }

    /// <summary>Writes flags, the number of non-zero bins, then (index, value) pairs, little-endian.</summary>
    public int Write(Span<byte> destination)
    {
        destination[0] = (byte)((_nan ? 1 : 0) | (_positiveInfinity ? 2 : 0) | (_negativeInfinity ? 4 : 0));
        int offset = 3, count = 0;
        for (int i = 0; i < _bins.Length; i++)
        {
            if (_bins[i] != Int128.Zero)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], (ushort)i);
                BinaryPrimitives.WriteInt128LittleEndian(destination[(offset + 2)..], _bins[i]);
                offset += 18;
                count++;
            }
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)count);
        return offset;
    }

    /// <summary>Reads what <see cref="Write"/> wrote; returns the bytes consumed, or -1 if the data is malformed.</summary>
    public int Read(ReadOnlySpan<byte> source)
    {
        Clear();
        if (source.Length < 3 || source[0] > 7)
        {
            return -1;
        }

        _nan = (source[0] & 1) != 0;
        _positiveInfinity = (source[0] & 2) != 0;
        _negativeInfinity = (source[0] & 4) != 0;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(source[1..]);
        int offset = 3;
        if (source.Length < offset + (count * 18))
        {
            return -1;
        }

        for (int k = 0; k < count; k++, offset += 18)
        {
            int index = BinaryPrimitives.ReadUInt16LittleEndian(source[offset..]);
            if (index >= _bins.Length)
            {
                return -1;
            }

            _bins[index] = BinaryPrimitives.ReadInt128LittleEndian(source[(offset + 2)..]);
        }

        return offset;
    }

    private void AddNonFinite(bool nan, bool negative)
    {
        if (nan)
        {
            _nan = true;
        }
        else if (negative)
        {
            _negativeInfinity = true;
        }
        else
        {
            _positiveInfinity = true;
        }
    }

    private double? NonFiniteResult()
    {
        if (_nan || (_positiveInfinity && _negativeInfinity))
        {
            return double.NaN;
        }

        return _positiveInfinity ? double.PositiveInfinity : _negativeInfinity ? double.NegativeInfinity : null;
    }

    /// <summary>
    /// Resolves the bins into sign and magnitude bits and returns the 64 bits below the highest set bit (with a sticky
    /// bit for everything lower) and their scale: converting that window to float/double rounds exactly once, to
    /// nearest even, and the power-of-two scaling that follows is exact (a window taken above bit 63 is far from the
    /// subnormal range; below it, the window is the whole exact value).
    /// </summary>
    private (bool Negative, ulong Window, int Scale) Round()
    {
        int binCount = _bins.Length;
        Span<ulong> bits = stackalloc ulong[((binCount + 128) / 64) + 1];
        Int128 carry = Resolve(bits, negate: false);
        bool negative = carry < Int128.Zero;
        if (negative)
        {
            carry = Resolve(bits, negate: true);
        }

        // Append the carry (non-negative now) above the bin bits.
        for (int i = 0; i < 128 && carry != Int128.Zero; i++, carry >>= 1)
        {
            if ((carry & Int128.One) != Int128.Zero)
            {
                bits[(binCount + i) >> 6] |= 1UL << ((binCount + i) & 63);
            }
        }

        int highest = -1;
        for (int w = bits.Length - 1; w >= 0; w--)
        {
            if (bits[w] != 0)
            {
                highest = (w * 64) + 63 - BitOperations.LeadingZeroCount(bits[w]);
                break;
            }
        }

        int minExponent = _single ? SingleMinExponent : DoubleMinExponent;
        if (highest < 64)
        {
            return (negative, bits[0], minExponent);
        }

        int low = highest - 63;
        ulong window = Extract(bits, low);
        bool sticky = false;
        for (int w = 0; w < low >> 6 && !sticky; w++)
        {
            sticky = bits[w] != 0;
        }

        sticky |= (low & 63) != 0 && (bits[low >> 6] & ((1UL << (low & 63)) - 1)) != 0;
        return (negative, window | (sticky ? 1UL : 0), low + minExponent);
    }

    /// <summary>Carries the bins (optionally negated) into one bit per bin weight; returns what is carried out of the top.</summary>
    private Int128 Resolve(Span<ulong> bits, bool negate)
    {
        bits.Clear();
        Int128 carry = Int128.Zero;
        for (int i = 0; i < _bins.Length; i++)
        {
            Int128 value = (negate ? -_bins[i] : _bins[i]) + carry;
            if ((value & Int128.One) != Int128.Zero)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }

            carry = value >> 1;
        }

        return carry;
    }

    private static ulong Extract(ReadOnlySpan<ulong> bits, int low)
    {
        int word = low >> 6, shift = low & 63;
        ulong result = bits[word] >> shift;
        if (shift != 0 && word + 1 < bits.Length)
        {
            result |= bits[word + 1] << (64 - shift);
        }

        return result;
    }
}
