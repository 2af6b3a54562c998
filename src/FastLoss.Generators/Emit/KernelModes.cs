using System;
using System.Collections.Generic;
using System.Linq;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Choices a formula's kernels make once per call from its hyperparameters, as type parameters of the operator and
/// kernels so that each is a constant to the JIT (testing them per vector split the unrolled sum loop into branches):
/// <list type="bullet">
/// <item><c>TDivision</c> (<c>FastLoss.Kernels.IDivisionMode</c>), for a division by a hyperparameter (SmoothL1's
/// <c>/ beta</c>): multiply by the exact reciprocals when every divisor is ± a power of two, else divide;</item>
/// <item><c>TPower</c> (<c>FastLoss.Kernels.IPowerMode</c>), for a hyperparameter exponent (SigmoidFocal's
/// <c>gamma</c>): one multiplication when every such exponent is 2, else the general pow.</item>
/// </list>
/// Each public method tests the hyperparameters and runs the matching instantiation. Formulas without such a
/// division or power are emitted without type parameters.
/// </summary>
internal sealed class KernelModes
{
    /// <summary>The division-mode type parameter of the operator and kernels.</summary>
    public const string DivisionParameter = "TDivision";

    /// <summary>The power-mode type parameter of the operator and kernels.</summary>
    public const string PowerParameter = "TPower";

    private readonly Axis[] _axes;

    /// <param name="divisors">The hyperparameters the formula divides by, in declaration order.</param>
    /// <param name="exponents">The hyperparameters the formula raises to (as the whole exponent of a Pow), in declaration order.</param>
    public KernelModes(IReadOnlyList<int> divisors, IReadOnlyList<int> exponents)
    {
        var axes = new List<Axis>();
        if (divisors.Count > 0)
        {
            axes.Add(new Axis(DivisionParameter, "IDivisionMode", divisors, "HasExactReciprocal", "MultiplyByReciprocal", "TrueDivision"));
        }

        if (exponents.Count > 0)
        {
            axes.Add(new Axis(PowerParameter, "IPowerMode", exponents, "IsSquareExponent", "SquareExponent", "GeneralExponent"));
        }

        _axes = axes.ToArray();
    }

    /// <summary>Whether the operator and kernels take type parameters.</summary>
    public bool IsGeneric => _axes.Length > 0;

    /// <summary>A declaration's type parameter list: <c>&lt;TDivision, TPower&gt;</c>, one of them, or nothing.</summary>
    public string TypeParameters => IsGeneric ? "<" + string.Join(", ", _axes.Select(a => a.Parameter)) + ">" : string.Empty;

    /// <summary>The constraint clauses to append to a generic declaration, or nothing.</summary>
    public string Constraint => string.Concat(_axes.Select(a => " where " + a.Parameter + " : struct, global::FastLoss.Kernels." + a.Interface));

    /// <summary>A generated type used inside another generated type, with the enclosing type's modes.</summary>
    public string Within(string type) => type + TypeParameters;

    /// <summary>A generated type whose static validation members are called: the modes do not matter there.</summary>
    public string ForValidation(string type) => IsGeneric ? type + "<" + string.Join(", ", _axes.Select(a => Qualified(a.Otherwise))) + ">" : type;

    /// <summary>
    /// Emits a method body that binds a kernel and calls the driver: once, or for a generic formula once per
    /// combination of modes, behind the tests of the hyperparameters (named by <paramref name="hyperparameterName"/>).
    /// </summary>
    public void EmitBody(SourceWriter w, string kernel, Func<int, string> hyperparameterName, Func<string, IEnumerable<string>> body)
        => EmitAxes(w, 0, new List<string>(), kernel, hyperparameterName, body);

    private void EmitAxes(SourceWriter w, int axis, List<string> arguments, string kernel, Func<int, string> hyperparameterName, Func<string, IEnumerable<string>> body)
    {
        if (axis == _axes.Length)
        {
            foreach (string line in body(arguments.Count == 0 ? kernel : kernel + "<" + string.Join(", ", arguments) + ">"))
            {
                w.Line(line);
            }

            return;
        }

        Axis a = _axes[axis];
        w.Open("if (" + string.Join(" && ", a.Hyperparameters.Select(h => "global::FastLoss.Kernels.VectorMath." + a.Test + "(" + hyperparameterName(h) + ")")) + ")");
        arguments.Add(Qualified(a.When));
        EmitAxes(w, axis + 1, arguments, kernel, hyperparameterName, body);
        arguments.RemoveAt(arguments.Count - 1);
        w.Close();
        w.Open("else");
        arguments.Add(Qualified(a.Otherwise));
        EmitAxes(w, axis + 1, arguments, kernel, hyperparameterName, body);
        arguments.RemoveAt(arguments.Count - 1);
        w.Close();
    }

    private static string Qualified(string type) => "global::FastLoss.Kernels." + type;

    /// <summary>One per-call choice: its type parameter and interface, the hyperparameters it tests, the VectorMath test and the mode for true and false.</summary>
    private sealed record Axis(string Parameter, string Interface, IReadOnlyList<int> Hyperparameters, string Test, string When, string Otherwise);
}
