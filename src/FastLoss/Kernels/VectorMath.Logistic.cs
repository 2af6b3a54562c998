using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// All three start from t = e^-|x| in (0, 1], which never overflows:
//   sigmoid x    = (x < 0 ? t : 1) / (1 + t)
//   softplus x   = max(x, 0) + log1p(t)
//   logsigmoid x = -(max(-x, 0) + log1p(t))   (= -softplus(-x) bit for bit)
// so both tails keep full relative accuracy (softplus x ≈ e^x and sigmoid x ≈ e^x for very negative x, down to
// the subnormals). The parts are public too: t is the same for x and -x, and log1p(t) for softplus and log σ of
// either, so a formula that uses several of σ(±x), softplus(±x), log σ(±x) (BCE-with-logits' loss and gradient,
// SigmoidFocal's four) computes one exponential and one logarithm (ExpNegativeAbs, Log1pExpNegativeAbs) and passes
// them on: the generator emits that, and the one-argument functions are those same calls, so the bits are the same.
public static partial class VectorMath
{
    /// <summary>Computes the logistic sigmoid 1 / (1 + e^-<paramref name="x"/>).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1].</returns>
    /// <remarks>
    /// Max error 3 ulp (2.40 ulp in an exhaustive check of all 2^32 inputs), both tails included: for very
    /// negative x the result is e^x down through the subnormals. σ(-∞) = 0, σ(+∞) = 1, NaN gives NaN.
    /// </remarks>
    public static float Sigmoid(float x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(<paramref name="x"/>) = ln(1 + e^x) without overflow.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x) ≥ 0.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.60 ulp in an exhaustive check of all 2^32 inputs). Computed as
    /// max(x, 0) + log1p(e^-|x|): never overflows, equals x for large x and e^x (down through the subnormals)
    /// for very negative x. softplus(-∞) = 0, softplus(+∞) = +∞, NaN gives NaN.
    /// </remarks>
    public static float Softplus(float x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(<paramref name="x"/>) = -softplus(-x) without overflow.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.60 ulp in an exhaustive check of all 2^32 inputs). Computed as
    /// -(max(-x, 0) + log1p(e^-|x|)): never overflows, equals x for very negative x and -e^-x for large x.
    /// logsigmoid(-∞) = -∞, logsigmoid(+∞) = -0, NaN gives NaN.
    /// </remarks>
    public static float LogSigmoid(float x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>|, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpNegativeAbs(float x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) from <see cref="ExpNegativeAbs(float)"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log1pExpNegativeAbs(float expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(float)"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(float)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x, float expNegativeAbs) => CanonicalNaN((x < 0f ? expNegativeAbs : 1f) / (1f + expNegativeAbs));

    /// <summary><see cref="Softplus(float)"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(float)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float x, float log1pExpNegativeAbs) => CanonicalNaN((x > 0f ? x : 0f) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(float)"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(float)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogSigmoid(float x, float log1pExpNegativeAbs) => CanonicalNaN(-((x < 0f ? -x : 0f) + log1pExpNegativeAbs));

    /// <summary>Computes the logistic sigmoid 1 / (1 + e^-<paramref name="x"/>).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1].</returns>
    /// <remarks>
    /// Max error 3 ulp (2.11 ulp observed against a 40-digit reference), both tails included: for very negative
    /// x the result is e^x down through the subnormals. σ(-∞) = 0, σ(+∞) = 1, NaN gives NaN.
    /// </remarks>
    public static double Sigmoid(double x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(<paramref name="x"/>) = ln(1 + e^x) without overflow.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x) ≥ 0.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.27 ulp observed against a 40-digit reference). Computed as max(x, 0) + log1p(e^-|x|):
    /// never overflows, equals x for large x and e^x (down through the subnormals) for very negative x.
    /// softplus(-∞) = 0, softplus(+∞) = +∞, NaN gives NaN.
    /// </remarks>
    public static double Softplus(double x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(<paramref name="x"/>) = -softplus(-x) without overflow.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.36 ulp observed against a 40-digit reference). Computed as -(max(-x, 0) + log1p(e^-|x|)):
    /// never overflows, equals x for very negative x and -e^-x for large x. logsigmoid(-∞) = -∞,
    /// logsigmoid(+∞) = -0, NaN gives NaN.
    /// </remarks>
    public static double LogSigmoid(double x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>|, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpNegativeAbs(double x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) from <see cref="ExpNegativeAbs(double)"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1pExpNegativeAbs(double expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(double)"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(double)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double x, double expNegativeAbs) => CanonicalNaN((x < 0.0 ? expNegativeAbs : 1.0) / (1.0 + expNegativeAbs));

    /// <summary><see cref="Softplus(double)"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(double)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double x, double log1pExpNegativeAbs) => CanonicalNaN((x > 0.0 ? x : 0.0) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(double)"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(double)"/>: the same bits.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogSigmoid(double x, double log1pExpNegativeAbs) => CanonicalNaN(-((x < 0.0 ? -x : 0.0) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softplus(Vector512<float> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogSigmoid(Vector512<float> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpNegativeAbs(Vector512<float> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector512{float})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1pExpNegativeAbs(Vector512<float> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector512{float})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector512{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x, Vector512<float> expNegativeAbs) => CanonicalNaN(Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), expNegativeAbs, Vector512.Create(1f)) / (Vector512.Create(1f) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector512{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector512{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softplus(Vector512<float> x, Vector512<float> log1pExpNegativeAbs) => CanonicalNaN(Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, Vector512<float>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector512{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector512{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogSigmoid(Vector512<float> x, Vector512<float> log1pExpNegativeAbs) => CanonicalNaN(-(Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -x, Vector512<float>.Zero) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Softplus(Vector512<double> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogSigmoid(Vector512<double> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpNegativeAbs(Vector512<double> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector512{double})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1pExpNegativeAbs(Vector512<double> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector512{double})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector512{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x, Vector512<double> expNegativeAbs) => CanonicalNaN(Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), expNegativeAbs, Vector512.Create(1.0)) / (Vector512.Create(1.0) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector512{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector512{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Softplus(Vector512<double> x, Vector512<double> log1pExpNegativeAbs) => CanonicalNaN(Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), x, Vector512<double>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector512{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector512{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogSigmoid(Vector512<double> x, Vector512<double> log1pExpNegativeAbs) => CanonicalNaN(-(Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -x, Vector512<double>.Zero) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LogSigmoid(Vector256<float> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNegativeAbs(Vector256<float> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector256{float})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1pExpNegativeAbs(Vector256<float> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector256{float})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector256{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x, Vector256<float> expNegativeAbs) => CanonicalNaN(Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), expNegativeAbs, Vector256.Create(1f)) / (Vector256.Create(1f) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector256{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector256{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> x, Vector256<float> log1pExpNegativeAbs) => CanonicalNaN(Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, Vector256<float>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector256{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector256{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LogSigmoid(Vector256<float> x, Vector256<float> log1pExpNegativeAbs) => CanonicalNaN(-(Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -x, Vector256<float>.Zero) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Softplus(Vector256<double> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogSigmoid(Vector256<double> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpNegativeAbs(Vector256<double> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector256{double})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log1pExpNegativeAbs(Vector256<double> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector256{double})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector256{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> x, Vector256<double> expNegativeAbs) => CanonicalNaN(Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), expNegativeAbs, Vector256.Create(1.0)) / (Vector256.Create(1.0) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector256{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector256{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Softplus(Vector256<double> x, Vector256<double> log1pExpNegativeAbs) => CanonicalNaN(Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), x, Vector256<double>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector256{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector256{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogSigmoid(Vector256<double> x, Vector256<double> log1pExpNegativeAbs) => CanonicalNaN(-(Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), -x, Vector256<double>.Zero) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softplus(Vector128<float> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LogSigmoid(Vector128<float> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpNegativeAbs(Vector128<float> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector128{float})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log1pExpNegativeAbs(Vector128<float> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector128{float})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector128{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x, Vector128<float> expNegativeAbs) => CanonicalNaN(Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), expNegativeAbs, Vector128.Create(1f)) / (Vector128.Create(1f) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector128{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector128{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softplus(Vector128<float> x, Vector128<float> log1pExpNegativeAbs) => CanonicalNaN(Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, Vector128<float>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector128{float})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector128{float})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LogSigmoid(Vector128<float> x, Vector128<float> log1pExpNegativeAbs) => CanonicalNaN(-(Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), -x, Vector128<float>.Zero) + log1pExpNegativeAbs));

    /// <summary>Computes σ(x) lane by lane; every lane is bit-identical to <see cref="Sigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Sigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sigmoid(Vector128<double> x) => Sigmoid(x, ExpNegativeAbs(x));

    /// <summary>Computes softplus(x) lane by lane; every lane is bit-identical to <see cref="Softplus(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x) per lane.</returns>
    /// <remarks><inheritdoc cref="Softplus(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Softplus(Vector128<double> x) => Softplus(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>Computes log σ(x) lane by lane; every lane is bit-identical to <see cref="LogSigmoid(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>log σ(x) per lane.</returns>
    /// <remarks><inheritdoc cref="LogSigmoid(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LogSigmoid(Vector128<double> x) => LogSigmoid(x, Log1pExpNegativeAbs(ExpNegativeAbs(x)));

    /// <summary>e^−|<paramref name="x"/>| per lane, in (0, 1]: where σ, softplus and log σ of x and of −x all start.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>e^−|x|; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ExpNegativeAbs(Vector128<double> x) => ExpCore(-AbsBits(x), 0, nonPositive: true);

    /// <summary>log(1 + e^−|x|) per lane from <see cref="ExpNegativeAbs(Vector128{double})"/>: the logarithm softplus and log σ of x and of −x share.</summary>
    /// <param name="expNegativeAbs">e^−|x|.</param>
    /// <returns>log1p(e^−|x|).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log1pExpNegativeAbs(Vector128<double> expNegativeAbs) => LogP1Core(expNegativeAbs, unitArgument: true);

    /// <summary><see cref="Sigmoid(Vector128{double})"/> of <paramref name="x"/> from its <see cref="ExpNegativeAbs(Vector128{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="expNegativeAbs">ExpNegativeAbs(x) (or of −x: the same value).</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sigmoid(Vector128<double> x, Vector128<double> expNegativeAbs) => CanonicalNaN(Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<double>.Zero), expNegativeAbs, Vector128.Create(1.0)) / (Vector128.Create(1.0) + expNegativeAbs));

    /// <summary><see cref="Softplus(Vector128{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector128{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Softplus(Vector128<double> x, Vector128<double> log1pExpNegativeAbs) => CanonicalNaN(Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<double>.Zero), x, Vector128<double>.Zero) + log1pExpNegativeAbs);

    /// <summary><see cref="LogSigmoid(Vector128{double})"/> of <paramref name="x"/> from <see cref="Log1pExpNegativeAbs(Vector128{double})"/>: the same bits.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="log1pExpNegativeAbs">Log1pExpNegativeAbs(ExpNegativeAbs(x)) (or of −x: the same value).</param>
    /// <returns>log σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LogSigmoid(Vector128<double> x, Vector128<double> log1pExpNegativeAbs) => CanonicalNaN(-(Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<double>.Zero), -x, Vector128<double>.Zero) + log1pExpNegativeAbs));
}
