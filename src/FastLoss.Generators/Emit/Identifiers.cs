using System;
using System.Collections.Generic;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>
/// The identifiers the generated code of one formula uses, chosen so that no parameter name can collide with a name
/// the generated code uses itself.
/// <list type="bullet">
/// <item>The public API (span methods, the loss class) keeps the user's parameter names and refers to everything
/// else qualified (<c>global::</c>, <c>this.</c>); its locals avoid the parameter names. The few names the public API
/// needs for itself (its own parameters, the loss class's members) are reported instead (FL0016).</item>
/// <item>The private operator and kernel structs keep the user's names too, except a name that private code refers to
/// unqualified (a type, a member, a parameter of its own), which gets underscores appended; their fields and
/// temporaries avoid every name in scope.</item>
/// </list>
/// </summary>
internal sealed class Identifiers
{
    /// <summary>
    /// What the private structs refer to by simple name, besides the formula's own operator and kernel types. Private
    /// code that starts to use another one must add it here: IdentifierCollisionTests tries every identifier of the
    /// generated code as a parameter name.
    /// </summary>
    private static readonly string[] PrivateCodeNames =
    {
        "Vector128", "Vector256", "Vector512", "VectorMath", "Unsafe", "MemoryMarshal", "ThrowHelper",
        "ValidateHyperparameters", "ValidateDestination", "Length", "gradient", "destination", "destinationName",
        "OperandValidation", "ValidateOperandValues", "ValidateDestinations", "Reduction", "reduction", "loss", "i", KernelModes.DivisionParameter, KernelModes.PowerParameter,
    };

    private readonly string[] _private;
    private readonly string[] _fields;
    private readonly string[] _gradients;
    private readonly string[] _gradientFields;
    private readonly string[] _reciprocalFields;

    public Identifiers(FormulaSpec spec)
    {
        string[] names = spec.Parameters.Select(p => p.Name).ToArray();
        var reserved = new HashSet<string>(PrivateCodeNames, StringComparer.Ordinal);
        foreach (ElementType type in new[] { ElementType.Single, ElementType.Double })
        {
            reserved.Add(Names.Operator(spec, type));
            reserved.Add(Names.Kernel(spec, type));
            reserved.Add(Names.GradientsKernel(spec, type));
        }

        var taken = new HashSet<string>(names, StringComparer.Ordinal);
        _private = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (reserved.Contains(name))
            {
                do
                {
                    name += "_";
                }
                while (reserved.Contains(name) || taken.Contains(name));

                taken.Add(name);
            }

            _private[i] = name;
        }

        var inScope = new HashSet<string>(_private, StringComparer.Ordinal);
        _fields = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string field = "_" + names[i];
            while (inScope.Contains(field))
            {
                field = "_" + field;
            }

            inScope.Add(field);
            _fields[i] = field;
        }

        string operatorField = "_operator";
        while (inScope.Contains(operatorField))
        {
            operatorField = "_" + operatorField;
        }

        OperatorField = operatorField;
        inScope.Add(operatorField);

        // Differentiable operands (and the input): a gradient name for parameters, out values and locals of private
        // code, and a field in the gradients kernel; then the kernel's reduction factor.
        var gradientNames = new HashSet<string>(_private, StringComparer.Ordinal);
        _gradients = new string[names.Length];
        _gradientFields = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string gradient = _private[i] + "Gradient";
            while (gradientNames.Contains(gradient) || reserved.Contains(gradient))
            {
                gradient += "_";
            }

            gradientNames.Add(gradient);
            _gradients[i] = gradient;
            string field = "_" + gradient;
            while (inScope.Contains(field))
            {
                field = "_" + field;
            }

            inScope.Add(field);
            _gradientFields[i] = field;
        }

        // A hyperparameter used as a divisor also gets a field for its exact reciprocal (VectorMath.ExactReciprocal).
        _reciprocalFields = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string field = "_" + names[i] + "Reciprocal";
            while (inScope.Contains(field))
            {
                field = "_" + field;
            }

            inScope.Add(field);
            _reciprocalFields[i] = field;
        }

        string scaleField = "_reductionScale";
        while (inScope.Contains(scaleField))
        {
            scaleField = "_" + scaleField;
        }

        ScaleField = scaleField;

        // Temporaries live in the operator's methods, with the operands and hyperparameters and the hyperparameters' fields.
        string[] operatorScope = _private.Concat(Enumerable.Range(0, names.Length).Where(i => spec.Parameters[i].Kind == ParameterKind.Hyperparameter).SelectMany(i => new[] { _fields[i], _reciprocalFields[i] })).ToArray();
        string prefix = "t";
        while (operatorScope.Any(name => IsTemporary(name, prefix)))
        {
            prefix = "_" + prefix;
        }

        TemporaryPrefix = prefix;

        string kernel = "kernel";
        while (Array.IndexOf(names, kernel) >= 0)
        {
            kernel += "_";
        }

        KernelLocal = kernel;

        // The loss class's type parameter: its members are the parameters (operands) and the properties (hyperparameters).
        var classMembers = new HashSet<string>(names.Concat(spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).Select(p => Names.Property(p.Name))), StringComparer.Ordinal);
        string typeParameter = "T";
        while (classMembers.Contains(typeParameter))
        {
            typeParameter = typeParameter == "T" ? "TElement" : typeParameter + "_";
        }

        LossTypeParameter = typeParameter;
    }

    /// <summary>The operator's field holding the exact reciprocal of hyperparameter <paramref name="index"/> (when it is a divisor).</summary>
    /// <param name="index">The hyperparameter's position.</param>
    /// <returns>The field name.</returns>
    public string ReciprocalField(int index) => _reciprocalFields[index];

    /// <summary>The operator's field in the kernel struct.</summary>
    public string OperatorField { get; }

    /// <summary>The gradients kernel's field holding the reduction's factor (1/n or 1).</summary>
    public string ScaleField { get; }

    /// <summary>The prefix of the operator's temporaries (<c>t0</c>, <c>t1</c>, …).</summary>
    public string TemporaryPrefix { get; }

    /// <summary>The kernel local of the public span methods.</summary>
    public string KernelLocal { get; }

    /// <summary>The type parameter of a generic formula's loss class.</summary>
    public string LossTypeParameter { get; }

    /// <summary>The out parameter of <c>LossAndGradient</c> (reserved: no parameter has it in private code).</summary>
    public const string GradientOut = "gradient";

    /// <summary>Parameter <paramref name="index"/> in the private structs, as a C# identifier.</summary>
    public string Private(int index) => Names.Identifier(_private[index]);

    /// <summary>The field of parameter <paramref name="index"/> (a hyperparameter in the operator, an operand in the kernel).</summary>
    public string Field(int index) => Names.Identifier(_fields[index]);

    /// <summary>The gradient of parameter <paramref name="index"/> in private code (a parameter, an out value, a local).</summary>
    public string Gradient(int index) => Names.Identifier(_gradients[index]);

    /// <summary>The gradients kernel's field for the gradient output of parameter <paramref name="index"/>.</summary>
    public string GradientField(int index) => Names.Identifier(_gradientFields[index]);

    private static bool IsTemporary(string name, string prefix)
        => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.Substring(prefix.Length).All(char.IsDigit);
}
