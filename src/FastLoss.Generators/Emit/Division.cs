using System;
using System.Collections.Generic;
using System.Linq;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Division by a hyperparameter (SmoothL1's <c>/ beta</c>): such a formula's operator and kernels are generic over
/// <c>FastLoss.Kernels.IDivisionMode</c>, and each public method tests its divisors once and runs the kernel made for
/// multiplying by their exact reciprocals (all ± powers of two) or the one that divides. The mode is then a constant
/// to the JIT; testing it per vector split the unrolled sum loop into branches and cost SmoothL1 a third of its time.
/// Formulas without such a division are emitted exactly as before (no type parameter).
/// </summary>
internal sealed class Division
{
    /// <summary>The type parameter of the operator and kernels.</summary>
    public const string Parameter = "TDivision";

    private const string ByReciprocal = "global::FastLoss.Kernels.MultiplyByReciprocal";
    private const string Exact = "global::FastLoss.Kernels.TrueDivision";

    public Division(IReadOnlyList<int> divisors) => Divisors = divisors;

    /// <summary>The hyperparameters the formula divides by, in declaration order.</summary>
    public IReadOnlyList<int> Divisors { get; }

    /// <summary>Whether the operator and kernels take <see cref="Parameter"/>.</summary>
    public bool IsGeneric => Divisors.Count > 0;

    /// <summary>A declaration's type parameter list and constraint: <c>&lt;TDivision&gt;</c>, or nothing.</summary>
    public string TypeParameters => IsGeneric ? "<" + Parameter + ">" : string.Empty;

    /// <summary>The constraint clause to append to a generic declaration, or nothing.</summary>
    public string Constraint => IsGeneric ? " where " + Parameter + " : struct, global::FastLoss.Kernels.IDivisionMode" : string.Empty;

    /// <summary>A generated type used inside another generated type, with the enclosing type's mode.</summary>
    public string Within(string type) => type + TypeParameters;

    /// <summary>A generated type whose static validation members are called: the division mode does not matter there.</summary>
    public string ForValidation(string type) => IsGeneric ? type + "<" + Exact + ">" : type;

    /// <summary>
    /// Emits a method body that binds a kernel and calls the driver: once, or for a generic formula twice behind the
    /// test of every divisor (named by <paramref name="divisorName"/>) having an exact reciprocal.
    /// </summary>
    public void EmitBody(SourceWriter w, string kernel, Func<int, string> divisorName, Func<string, IEnumerable<string>> body)
    {
        if (!IsGeneric)
        {
            foreach (string line in body(kernel))
            {
                w.Line(line);
            }

            return;
        }

        w.Open("if (" + string.Join(" && ", Divisors.Select(d => "global::FastLoss.Kernels.VectorMath.HasExactReciprocal(" + divisorName(d) + ")")) + ")");
        foreach (string line in body(kernel + "<" + ByReciprocal + ">"))
        {
            w.Line(line);
        }

        w.Close();
        w.Open("else");
        foreach (string line in body(kernel + "<" + Exact + ">"))
        {
            w.Line(line);
        }

        w.Close();
    }
}
