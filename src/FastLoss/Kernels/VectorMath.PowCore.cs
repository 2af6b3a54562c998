using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// |x|^y for double, after fdlibm's e_pow.c (Sun Microsystems, freely redistributable), made branch-free:
// log2|x| = n + log2(m) with m around 1 or 1.5, evaluated as t1 + t2 (t1 with its low 32 bits cleared) through
// s = (m - bp) / (m + bp); y = y1 + y2 likewise, so y1 * t1 is exact and y * log2|x| = ph + pl carries ~70 bits;
// then 2^(ph + pl) = 2^n * e^((ph + pl - n) ln 2) with the remainder in double-double and a rational e^r.
// Out-of-range exponents are clamped to ±1100 so the final scaling overflows / underflows exactly.
public static partial class VectorMath
{
    private const long HighWordMask = unchecked((long)0xFFFFFFFF00000000);
    private const long LowWordMask = 0x00000000FFFFFFFF;
    private const double TwoPow53D = 9007199254740992.0;
    private const double PowDpH = 5.84962487220764160156e-01;   // log2(1.5), high part
    private const double PowDpL = 1.35003920212974897128e-08;   // log2(1.5), low part
    private const double PowL1 = 5.99999999999994648725e-01;
    private const double PowL2 = 4.28571428578550184252e-01;
    private const double PowL3 = 3.33333329818377432918e-01;
    private const double PowL4 = 2.72728123808534006489e-01;
    private const double PowL5 = 2.30660745775561754067e-01;
    private const double PowL6 = 2.06975017800338417784e-01;
    private const double PowP1 = 1.66666666666666019037e-01;
    private const double PowP2 = -2.77777777770155933842e-03;
    private const double PowP3 = 6.61375632143793436117e-05;
    private const double PowP4 = -1.65339022054652515390e-06;
    private const double PowP5 = 4.13813679705723846039e-08;
    private const double PowLg2 = 6.93147180559945286227e-01;
    private const double PowLg2H = 6.93147182464599609375e-01;
    private const double PowLg2L = -1.90465429995776804525e-09;
    private const double PowCp = 9.61796693925975554329e-01;    // 2 / (3 ln 2)
    private const double PowCpH = 9.61796700954437255859e-01;
    private const double PowCpL = -7.02846165095275826516e-09;
    private const double PowMaxExponent = 1100.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double HighWord(double x) => FromBits(Bits(x) & HighWordMask);

    /// <summary>|x|^y for finite ax = |x| &gt; 0 (other lanes give garbage that the caller replaces).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowCore(double ax, double y)
    {
        bool sub = ax < MinNormalD;
        long bits = Bits(sub ? ax * TwoPow53D : ax);
        long hx = (long)((ulong)bits >> 32);
        long j = hx & 0xFFFFF;
        bool k1 = j > 0x3988E && j < 0xBB67A;   // m in [sqrt(3/2), sqrt(3)): use bp = 1.5
        bool wrap = j >= 0xBB67A;               // m >= sqrt(3): use m / 2 and n + 1
        long nb = (hx >> 20) + 64 - (sub ? 53 : 0) + (wrap ? 1 : 0);   // n + 1087 >= 0
        long ix = (j | 0x3FF00000) - (wrap ? 0x100000 : 0);
        double m = FromBits((ix << 32) | (bits & LowWordMask));
        double bp = k1 ? 1.5 : 1.0;
        double dpH = k1 ? PowDpH : 0.0;
        double dpL = k1 ? PowDpL : 0.0;

        // log2(m) = (ss + ...) * 2 / (3 ln 2) with ss = sh + sl = (m - bp) / (m + bp).
        double u = m - bp;
        double v = 1.0 / (m + bp);
        double ss = u * v;
        double sh = HighWord(ss);
        double th = FromBits((((ix >> 1) | 0x20000000) + 0x00080000 + (k1 ? 1L << 18 : 0)) << 32);
        double tl = m - (th - bp);
        double sl = v * ((u - sh * th) - sh * tl);
        double s2 = ss * ss;
        double r = s2 * s2 * (PowL1 + s2 * (PowL2 + s2 * (PowL3 + s2 * (PowL4 + s2 * (PowL5 + s2 * PowL6)))));
        r += sl * (sh + ss);
        s2 = sh * sh;
        th = HighWord(3.0 + s2 + r);
        tl = r - ((th - 3.0) - s2);
        u = sh * th;
        v = sl * th + tl * ss;
        double ph = HighWord(u + v);
        double pl = v - (ph - u);
        double zh = PowCpH * ph;
        double zl = PowCpL * ph + pl * PowCp + dpL;
        double n = FromBits(SmallIntBitsD | nb) - (TwoPow52D + 1087.0);
        double t1 = HighWord(((zh + zl) + dpH) + n);
        double t2 = zl - (((t1 - n) - dpH) - zh);

        // y * log2|x| = ph + pl.
        double y1 = HighWord(y);
        pl = (y - y1) * t1 + y * t2;
        ph = y1 * t1;
        double z = pl + ph;
        bool over = z > PowMaxExponent;
        bool under = z < -PowMaxExponent;
        ph = over ? PowMaxExponent : ph;
        ph = under ? -PowMaxExponent : ph;
        pl = over || under ? 0.0 : pl;

        // 2^(ph + pl) = 2^k * e^((ph - k + pl) ln 2).
        double tk = (pl + ph) + RoundMagicD;
        long a = Bits(tk) - (RoundMagicDBits - 2046);
        ph -= tk - RoundMagicD;
        double t = HighWord(pl + ph);
        u = t * PowLg2H;
        v = (pl - (t - ph)) * PowLg2 + t * PowLg2L;
        z = u + v;
        double w = v - (z - u);
        t = z * z;
        t1 = z - t * (PowP1 + t * (PowP2 + t * (PowP3 + t * (PowP4 + t * PowP5))));
        r = (z * t1) / (t1 - 2.0) - (w + z * w);
        return ScaleBiased(1.0 - (r - z), a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> HighWord(Vector512<double> x) => (x.AsInt64() & Vector512.Create(HighWordMask)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowCore(Vector512<double> ax, Vector512<double> y)
    {
        Vector512<double> zero = Vector512<double>.Zero;
        Vector512<double> sub = Vector512.LessThan(ax, Vector512.Create(MinNormalD));
        Vector512<long> bits = Vector512.ConditionalSelect(sub, ax * TwoPow53D, ax).AsInt64();
        Vector512<long> hx = Vector512.ShiftRightLogical(bits, 32);
        Vector512<long> j = hx & Vector512.Create(0xFFFFFL);
        Vector512<long> k1 = Vector512.GreaterThan(j, Vector512.Create(0x3988EL)) & Vector512.LessThan(j, Vector512.Create(0xBB67AL));
        Vector512<long> wrap = Vector512.GreaterThanOrEqual(j, Vector512.Create(0xBB67AL));
        Vector512<long> nb = Vector512.ShiftRightLogical(hx, 20) + Vector512.Create(64L) - (sub.AsInt64() & Vector512.Create(53L)) +
                             (wrap & Vector512<long>.One);
        Vector512<long> ix = (j | Vector512.Create(0x3FF00000L)) - (wrap & Vector512.Create(0x100000L));
        Vector512<double> m = (Vector512.ShiftLeft(ix, 32) | (bits & Vector512.Create(LowWordMask))).AsDouble();
        Vector512<double> k1d = k1.AsDouble();
        Vector512<double> bp = Vector512.ConditionalSelect(k1d, Vector512.Create(1.5), Vector512.Create(1.0));
        Vector512<double> dpH = Vector512.ConditionalSelect(k1d, Vector512.Create(PowDpH), zero);
        Vector512<double> dpL = Vector512.ConditionalSelect(k1d, Vector512.Create(PowDpL), zero);

        Vector512<double> u = m - bp;
        Vector512<double> v = Vector512.Create(1.0) / (m + bp);
        Vector512<double> ss = u * v;
        Vector512<double> sh = HighWord(ss);
        Vector512<long> thBits = ((Vector512.ShiftRightLogical(ix, 1) | Vector512.Create(0x20000000L)) + Vector512.Create(0x00080000L) +
                                  (k1 & Vector512.Create(1L << 18)));
        Vector512<double> th = Vector512.ShiftLeft(thBits, 32).AsDouble();
        Vector512<double> tl = m - (th - bp);
        Vector512<double> sl = v * ((u - sh * th) - sh * tl);
        Vector512<double> s2 = ss * ss;
        Vector512<double> r = s2 * s2 * (Vector512.Create(PowL1) + s2 * (Vector512.Create(PowL2) + s2 * (Vector512.Create(PowL3) +
                              s2 * (Vector512.Create(PowL4) + s2 * (Vector512.Create(PowL5) + s2 * PowL6)))));
        r += sl * (sh + ss);
        s2 = sh * sh;
        Vector512<double> three = Vector512.Create(3.0);
        th = HighWord(three + s2 + r);
        tl = r - ((th - three) - s2);
        u = sh * th;
        v = sl * th + tl * ss;
        Vector512<double> ph = HighWord(u + v);
        Vector512<double> pl = v - (ph - u);
        Vector512<double> zh = Vector512.Create(PowCpH) * ph;
        Vector512<double> zl = Vector512.Create(PowCpL) * ph + pl * PowCp + dpL;
        Vector512<double> n = (nb | Vector512.Create(SmallIntBitsD)).AsDouble() - Vector512.Create(TwoPow52D + 1087.0);
        Vector512<double> t1 = HighWord(((zh + zl) + dpH) + n);
        Vector512<double> t2 = zl - (((t1 - n) - dpH) - zh);

        Vector512<double> y1 = HighWord(y);
        pl = (y - y1) * t1 + y * t2;
        ph = y1 * t1;
        Vector512<double> z = pl + ph;
        Vector512<double> over = Vector512.GreaterThan(z, Vector512.Create(PowMaxExponent));
        Vector512<double> under = Vector512.LessThan(z, Vector512.Create(-PowMaxExponent));
        ph = Vector512.ConditionalSelect(over, Vector512.Create(PowMaxExponent), ph);
        ph = Vector512.ConditionalSelect(under, Vector512.Create(-PowMaxExponent), ph);
        pl = Vector512.ConditionalSelect(over | under, zero, pl);

        Vector512<double> tk = (pl + ph) + Vector512.Create(RoundMagicD);
        Vector512<long> a = tk.AsInt64() - Vector512.Create(RoundMagicDBits - 2046);
        ph -= tk - Vector512.Create(RoundMagicD);
        Vector512<double> t = HighWord(pl + ph);
        u = t * PowLg2H;
        v = (pl - (t - ph)) * PowLg2 + t * PowLg2L;
        z = u + v;
        Vector512<double> w = v - (z - u);
        t = z * z;
        t1 = z - t * (Vector512.Create(PowP1) + t * (Vector512.Create(PowP2) + t * (Vector512.Create(PowP3) +
             t * (Vector512.Create(PowP4) + t * PowP5))));
        r = (z * t1) / (t1 - Vector512.Create(2.0)) - (w + z * w);
        return ScaleBiased(Vector512.Create(1.0) - (r - z), a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> HighWord(Vector256<double> x) => (x.AsInt64() & Vector256.Create(HighWordMask)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowCore(Vector256<double> ax, Vector256<double> y)
    {
        Vector256<double> zero = Vector256<double>.Zero;
        Vector256<double> sub = Vector256.LessThan(ax, Vector256.Create(MinNormalD));
        Vector256<long> bits = Vector256.ConditionalSelect(sub, ax * TwoPow53D, ax).AsInt64();
        Vector256<long> hx = Vector256.ShiftRightLogical(bits, 32);
        Vector256<long> j = hx & Vector256.Create(0xFFFFFL);
        Vector256<long> k1 = Vector256.GreaterThan(j, Vector256.Create(0x3988EL)) & Vector256.LessThan(j, Vector256.Create(0xBB67AL));
        Vector256<long> wrap = Vector256.GreaterThanOrEqual(j, Vector256.Create(0xBB67AL));
        Vector256<long> nb = Vector256.ShiftRightLogical(hx, 20) + Vector256.Create(64L) - (sub.AsInt64() & Vector256.Create(53L)) +
                             (wrap & Vector256<long>.One);
        Vector256<long> ix = (j | Vector256.Create(0x3FF00000L)) - (wrap & Vector256.Create(0x100000L));
        Vector256<double> m = (Vector256.ShiftLeft(ix, 32) | (bits & Vector256.Create(LowWordMask))).AsDouble();
        Vector256<double> k1d = k1.AsDouble();
        Vector256<double> bp = Vector256.ConditionalSelect(k1d, Vector256.Create(1.5), Vector256.Create(1.0));
        Vector256<double> dpH = Vector256.ConditionalSelect(k1d, Vector256.Create(PowDpH), zero);
        Vector256<double> dpL = Vector256.ConditionalSelect(k1d, Vector256.Create(PowDpL), zero);

        Vector256<double> u = m - bp;
        Vector256<double> v = Vector256.Create(1.0) / (m + bp);
        Vector256<double> ss = u * v;
        Vector256<double> sh = HighWord(ss);
        Vector256<long> thBits = ((Vector256.ShiftRightLogical(ix, 1) | Vector256.Create(0x20000000L)) + Vector256.Create(0x00080000L) +
                                  (k1 & Vector256.Create(1L << 18)));
        Vector256<double> th = Vector256.ShiftLeft(thBits, 32).AsDouble();
        Vector256<double> tl = m - (th - bp);
        Vector256<double> sl = v * ((u - sh * th) - sh * tl);
        Vector256<double> s2 = ss * ss;
        Vector256<double> r = s2 * s2 * (Vector256.Create(PowL1) + s2 * (Vector256.Create(PowL2) + s2 * (Vector256.Create(PowL3) +
                              s2 * (Vector256.Create(PowL4) + s2 * (Vector256.Create(PowL5) + s2 * PowL6)))));
        r += sl * (sh + ss);
        s2 = sh * sh;
        Vector256<double> three = Vector256.Create(3.0);
        th = HighWord(three + s2 + r);
        tl = r - ((th - three) - s2);
        u = sh * th;
        v = sl * th + tl * ss;
        Vector256<double> ph = HighWord(u + v);
        Vector256<double> pl = v - (ph - u);
        Vector256<double> zh = Vector256.Create(PowCpH) * ph;
        Vector256<double> zl = Vector256.Create(PowCpL) * ph + pl * PowCp + dpL;
        Vector256<double> n = (nb | Vector256.Create(SmallIntBitsD)).AsDouble() - Vector256.Create(TwoPow52D + 1087.0);
        Vector256<double> t1 = HighWord(((zh + zl) + dpH) + n);
        Vector256<double> t2 = zl - (((t1 - n) - dpH) - zh);

        Vector256<double> y1 = HighWord(y);
        pl = (y - y1) * t1 + y * t2;
        ph = y1 * t1;
        Vector256<double> z = pl + ph;
        Vector256<double> over = Vector256.GreaterThan(z, Vector256.Create(PowMaxExponent));
        Vector256<double> under = Vector256.LessThan(z, Vector256.Create(-PowMaxExponent));
        ph = Vector256.ConditionalSelect(over, Vector256.Create(PowMaxExponent), ph);
        ph = Vector256.ConditionalSelect(under, Vector256.Create(-PowMaxExponent), ph);
        pl = Vector256.ConditionalSelect(over | under, zero, pl);

        Vector256<double> tk = (pl + ph) + Vector256.Create(RoundMagicD);
        Vector256<long> a = tk.AsInt64() - Vector256.Create(RoundMagicDBits - 2046);
        ph -= tk - Vector256.Create(RoundMagicD);
        Vector256<double> t = HighWord(pl + ph);
        u = t * PowLg2H;
        v = (pl - (t - ph)) * PowLg2 + t * PowLg2L;
        z = u + v;
        Vector256<double> w = v - (z - u);
        t = z * z;
        t1 = z - t * (Vector256.Create(PowP1) + t * (Vector256.Create(PowP2) + t * (Vector256.Create(PowP3) +
             t * (Vector256.Create(PowP4) + t * PowP5))));
        r = (z * t1) / (t1 - Vector256.Create(2.0)) - (w + z * w);
        return ScaleBiased(Vector256.Create(1.0) - (r - z), a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> HighWord(Vector128<double> x) => (x.AsInt64() & Vector128.Create(HighWordMask)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> PowCore(Vector128<double> ax, Vector128<double> y)
    {
        Vector128<double> zero = Vector128<double>.Zero;
        Vector128<double> sub = Vector128.LessThan(ax, Vector128.Create(MinNormalD));
        Vector128<long> bits = Vector128.ConditionalSelect(sub, ax * TwoPow53D, ax).AsInt64();
        Vector128<long> hx = Vector128.ShiftRightLogical(bits, 32);
        Vector128<long> j = hx & Vector128.Create(0xFFFFFL);
        Vector128<long> k1 = Vector128.GreaterThan(j, Vector128.Create(0x3988EL)) & Vector128.LessThan(j, Vector128.Create(0xBB67AL));
        Vector128<long> wrap = Vector128.GreaterThanOrEqual(j, Vector128.Create(0xBB67AL));
        Vector128<long> nb = Vector128.ShiftRightLogical(hx, 20) + Vector128.Create(64L) - (sub.AsInt64() & Vector128.Create(53L)) +
                             (wrap & Vector128<long>.One);
        Vector128<long> ix = (j | Vector128.Create(0x3FF00000L)) - (wrap & Vector128.Create(0x100000L));
        Vector128<double> m = (Vector128.ShiftLeft(ix, 32) | (bits & Vector128.Create(LowWordMask))).AsDouble();
        Vector128<double> k1d = k1.AsDouble();
        Vector128<double> bp = Vector128.ConditionalSelect(k1d, Vector128.Create(1.5), Vector128.Create(1.0));
        Vector128<double> dpH = Vector128.ConditionalSelect(k1d, Vector128.Create(PowDpH), zero);
        Vector128<double> dpL = Vector128.ConditionalSelect(k1d, Vector128.Create(PowDpL), zero);

        Vector128<double> u = m - bp;
        Vector128<double> v = Vector128.Create(1.0) / (m + bp);
        Vector128<double> ss = u * v;
        Vector128<double> sh = HighWord(ss);
        Vector128<long> thBits = ((Vector128.ShiftRightLogical(ix, 1) | Vector128.Create(0x20000000L)) + Vector128.Create(0x00080000L) +
                                  (k1 & Vector128.Create(1L << 18)));
        Vector128<double> th = Vector128.ShiftLeft(thBits, 32).AsDouble();
        Vector128<double> tl = m - (th - bp);
        Vector128<double> sl = v * ((u - sh * th) - sh * tl);
        Vector128<double> s2 = ss * ss;
        Vector128<double> r = s2 * s2 * (Vector128.Create(PowL1) + s2 * (Vector128.Create(PowL2) + s2 * (Vector128.Create(PowL3) +
                              s2 * (Vector128.Create(PowL4) + s2 * (Vector128.Create(PowL5) + s2 * PowL6)))));
        r += sl * (sh + ss);
        s2 = sh * sh;
        Vector128<double> three = Vector128.Create(3.0);
        th = HighWord(three + s2 + r);
        tl = r - ((th - three) - s2);
        u = sh * th;
        v = sl * th + tl * ss;
        Vector128<double> ph = HighWord(u + v);
        Vector128<double> pl = v - (ph - u);
        Vector128<double> zh = Vector128.Create(PowCpH) * ph;
        Vector128<double> zl = Vector128.Create(PowCpL) * ph + pl * PowCp + dpL;
        Vector128<double> n = (nb | Vector128.Create(SmallIntBitsD)).AsDouble() - Vector128.Create(TwoPow52D + 1087.0);
        Vector128<double> t1 = HighWord(((zh + zl) + dpH) + n);
        Vector128<double> t2 = zl - (((t1 - n) - dpH) - zh);

        Vector128<double> y1 = HighWord(y);
        pl = (y - y1) * t1 + y * t2;
        ph = y1 * t1;
        Vector128<double> z = pl + ph;
        Vector128<double> over = Vector128.GreaterThan(z, Vector128.Create(PowMaxExponent));
        Vector128<double> under = Vector128.LessThan(z, Vector128.Create(-PowMaxExponent));
        ph = Vector128.ConditionalSelect(over, Vector128.Create(PowMaxExponent), ph);
        ph = Vector128.ConditionalSelect(under, Vector128.Create(-PowMaxExponent), ph);
        pl = Vector128.ConditionalSelect(over | under, zero, pl);

        Vector128<double> tk = (pl + ph) + Vector128.Create(RoundMagicD);
        Vector128<long> a = tk.AsInt64() - Vector128.Create(RoundMagicDBits - 2046);
        ph -= tk - Vector128.Create(RoundMagicD);
        Vector128<double> t = HighWord(pl + ph);
        u = t * PowLg2H;
        v = (pl - (t - ph)) * PowLg2 + t * PowLg2L;
        z = u + v;
        Vector128<double> w = v - (z - u);
        t = z * z;
        t1 = z - t * (Vector128.Create(PowP1) + t * (Vector128.Create(PowP2) + t * (Vector128.Create(PowP3) +
             t * (Vector128.Create(PowP4) + t * PowP5))));
        r = (z * t1) / (t1 - Vector128.Create(2.0)) - (w + z * w);
        return ScaleBiased(Vector128.Create(1.0) - (r - z), a);
    }
}
