using System.Numerics;
using System.Runtime.Intrinsics;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Property 2, the contract the driver relies on (IElementwiseKernel's remarks): each generated operator struct's
/// Vector128, Vector256 and Vector512 overloads, called directly, return in every lane the same bits as its scalar
/// overload for that lane's values (NaN payloads aside; −0 and +0 differ) — for Loss, Gradient, Hessian and both
/// outputs of LossAndGradient. The vectors are exercised whether or not the hardware accelerates them, so each
/// ISA setting of CI checks its own lowering (AVX-512, AVX2, SSE, software).
/// </summary>
public sealed class EngineDifferentialProperties
{
    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void VectorOverloadsEqualScalarBitForBit(string name) => Cases.Run(name, new Visitor());

    private static void Lanes<T, TV>(string width, int count, Func<T[], TV> load, Func<TV, int, T> lane, OperatorWidth<TV> vector, OperatorWidth<T> scalar, Sample<T> s)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV x = load(s.X), a = load(s.A), b = load(s.B);
        TV loss = vector.Loss(x, a, b), gradient = vector.Gradient(x, a, b), hessian = vector.Hessian(x, a, b);
        TV fused = vector.LossAndGradient(x, a, b, out TV fusedGradient);
        for (int i = 0; i < count; i++)
        {
            T xi = s.X[i], ai = s.A[i], bi = s.B[i];
            T fusedScalar = scalar.LossAndGradient(xi, ai, bi, out T fusedGradientScalar);
            Same(width, "Loss", i, lane(loss, i), scalar.Loss(xi, ai, bi), s);
            Same(width, "Gradient", i, lane(gradient, i), scalar.Gradient(xi, ai, bi), s);
            Same(width, "Hessian", i, lane(hessian, i), scalar.Hessian(xi, ai, bi), s);
            Same(width, "LossAndGradient.loss", i, lane(fused, i), fusedScalar, s);
            Same(width, "LossAndGradient.gradient", i, lane(fusedGradient, i), fusedGradientScalar, s);
        }
    }

    /// <summary>Shrinking may drop lanes: pad with zeros to a full Vector512 (padded lanes are not compared).</summary>
    private static T[] Pad<T>(T[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var padded = new T[Vector512<T>.Count];
        values.AsSpan(0, Math.Min(values.Length, padded.Length)).CopyTo(padded);
        return padded;
    }

    private static void Same<T>(string width, string method, int i, T vector, T scalar, Sample<T> s)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Num.SameBits(vector, scalar))
        {
            throw new InvalidOperationException(
                $"{width}.{method} lane {i} = {Num.Show(vector)} but the scalar overload gives {Num.Show(scalar)} " +
                $"for input={Num.Literal(s.X[i])}, a={Num.Literal(s.A[i])}, b={Num.Literal(s.B[i])}, h={Num.ShowArray(s.H)}");
        }
    }

    private readonly struct Visitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Runner.Check($"vector lanes == scalar [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Extreme, Gens<T>.Lanes), s =>
            {
                Operator<T> op = c.Operator(s.H);
                int n = s.Length;
                Lanes("Vector128", Math.Min(n, Vector128<T>.Count), v => Vector128.Create<T>(Pad(v)), (v, i) => v[i], op.V128, op.Scalar, s);
                Lanes("Vector256", Math.Min(n, Vector256<T>.Count), v => Vector256.Create<T>(Pad(v)), (v, i) => v[i], op.V256, op.Scalar, s);
                Lanes("Vector512", Math.Min(n, Vector512<T>.Count), v => Vector512.Create<T>(Pad(v)), (v, i) => v[i], op.V512, op.Scalar, s);
            });
        }
    }
}
