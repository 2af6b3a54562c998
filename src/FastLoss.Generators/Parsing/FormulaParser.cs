using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FastLoss.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastLoss.Generators.Parsing;

/// <summary>
/// Stage 1 of the pipeline, and the only one that touches Roslyn: a <c>[LossFormula]</c> method → a
/// <see cref="FormulaSpec"/> (or diagnostics). The body is read from the bound tree (IOperation), not from syntax, so
/// overload resolution, constants and conversions are the compiler's.
/// </summary>
internal static class FormulaParser
{
    private const string HyperparameterAttributeName = "FastLoss.HyperparameterAttribute";
    private const string LossFormulaAttributeName = "FastLoss.LossFormulaAttribute";
    private const string OperandAttributeName = "FastLoss.OperandAttribute";
    private const string DifferentiableAttributeName = "FastLoss.DifferentiableAttribute";

    public static FormulaResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        Location nameLocation = syntax.Identifier.GetLocation();

        FormulaSpec? spec = Build(context, method, syntax, nameLocation, diagnostics, cancellationToken);
        return new FormulaResult(diagnostics.Any(d => Diagnostics.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error) ? null : spec, diagnostics.ToEquatableArray());
    }

    private static FormulaSpec? Build(GeneratorAttributeSyntaxContext context, IMethodSymbol method, MethodDeclarationSyntax syntax, Location nameLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!method.IsStatic || (syntax.Body is null && syntax.ExpressionBody is null))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotStatic, nameLocation, method.Name));
            return null;
        }

        List<ContainingType>? containingTypes = ContainingTypes(method);
        if (containingTypes is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ContainingTypeNotStaticPartial, nameLocation, method.Name));
            return null;
        }

        if (IsDuplicateName(method))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateFormulaName, nameLocation, method.Name));
            return null;
        }

        // Element type: float, double, or the method's single type parameter.
        ITypeParameterSymbol? typeParameter = null;
        if (method.TypeParameters.Length > 1 || (method.TypeParameters.Length == 1 && !IsFloatingPointTypeParameter(method.TypeParameters[0])))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedTypeParameters, nameLocation, method.Name));
            return null;
        }

        if (method.TypeParameters.Length == 1)
        {
            typeParameter = method.TypeParameters[0];
        }

        ITypeSymbol elementType = method.ReturnType;
        if (!IsElementType(elementType, typeParameter))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedElementType, syntax.ReturnType.GetLocation(), method.Name, elementType.ToDisplayString()));
            return null;
        }

        List<ParameterSpec>? parameters = Parameters(method, elementType, typeParameter, diagnostics);
        if (parameters is null)
        {
            return null;
        }

        // The rest of the signature must compile: an attribute the compiler cannot bind (a misspelt [Hyperparameter])
        // or a rejected default value would silently change what the formula means.
        if (context.SemanticModel.GetDiagnostics(syntax.ParameterList.Span, cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedSyntax, error.Location, "Code that does not compile"));
            return null;
        }

        var parser = new ExpressionParser(context.SemanticModel, elementType, method, diagnostics, cancellationToken);
        var variables = parameters.Select((p, i) => (Expr)new Variable(i, p.Name, p.Kind)).ToList();
        Expr? loss = parser.ParseBody(method, syntax, variables);

        GradientOverride? gradient = null;
        if (GradientMethodName(method) is string gradientName)
        {
            gradient = ParseGradientOverride(context, method, gradientName, nameLocation, variables, diagnostics, cancellationToken);
            if (gradient is null)
            {
                return null;
            }
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Differentiable && OperandGradientMethodName(method.Parameters[i]) is string operandGradientName)
            {
                GradientOverride? operandGradient = ParseGradientOverride(context, method, operandGradientName, method.Parameters[i].Locations.FirstOrDefault() ?? nameLocation, variables, diagnostics, cancellationToken);
                if (operandGradient is null)
                {
                    return null;
                }

                parameters[i] = parameters[i] with { GradientOverride = operandGradient };
            }
        }

        if (loss is null)
        {
            return null;
        }

        ElementType[] elementTypes = typeParameter is not null
            ? new[] { ElementType.Single, ElementType.Double }
            : new[] { elementType.SpecialType == SpecialType.System_Single ? ElementType.Single : ElementType.Double };

        INamespaceSymbol ns = method.ContainingType.ContainingNamespace;
        return new FormulaSpec(
            ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString(),
            containingTypes.ToEquatableArray(),
            method.Name,
            SyntaxFacts.GetText(method.DeclaredAccessibility),
            typeParameter?.Name,
            elementTypes.ToEquatableArray(),
            parameters.ToEquatableArray(),
            loss,
            gradient);
    }

    /// <summary>The containing types outermost first, or null unless all are partial and the innermost is a static class.</summary>
    private static List<ContainingType>? ContainingTypes(IMethodSymbol method)
    {
        var types = new List<ContainingType>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            bool isPartial = type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial || type.IsGenericType)
            {
                return null;
            }

            string keyword = type.IsRecord
                ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : type.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            types.Insert(0, new ContainingType(keyword, type.Name, type.IsStatic));
        }

        ContainingType innermost = types[types.Count - 1];
        return innermost.IsStatic && innermost.Keyword == "class" ? types : null;
    }

    private static bool IsDuplicateName(IMethodSymbol method)
        => method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Count(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == LossFormulaAttributeName)) > 1;

    private static bool IsFloatingPointTypeParameter(ITypeParameterSymbol typeParameter)
        => typeParameter.ConstraintTypes.Any(c =>
            IsFloatingPointIeee754(c, typeParameter) || c.AllInterfaces.Any(i => IsFloatingPointIeee754(i, typeParameter)));

    private static bool IsFloatingPointIeee754(ITypeSymbol type, ITypeParameterSymbol typeParameter)
        => type is INamedTypeSymbol { Name: "IFloatingPointIeee754", Arity: 1 } named
           && named.ContainingNamespace.ToDisplayString() == "System.Numerics"
           && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], typeParameter);

    internal static bool IsElementType(ITypeSymbol type, ITypeParameterSymbol? typeParameter)
        => typeParameter is not null
            ? SymbolEqualityComparer.Default.Equals(type, typeParameter)
            : type.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    /// <summary>
    /// Parameter names of the generated span API and loss class: a formula parameter becomes a parameter of the same
    /// methods, so it may not take one (FL0016). Every other name the generated code uses gives way to the parameters.
    /// </summary>
    private static readonly string[] ReservedParameterNames = { "reduction", "destination", "inputGradient", "inputHessian", "options" };

    /// <summary>Members of the generated loss class (and of object) that a hyperparameter's property may not be named.</summary>
    private static readonly string[] LossClassMembers = { "Loss", "Gradient", "LossWithGradient", "Hessian", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals" };

    /// <summary>What a parameter's name would collide with in the generated API, or null (FL0016).</summary>
    private static string? Collision(IMethodSymbol method, IParameterSymbol parameter, bool isHyperparameter, HashSet<string> properties)
    {
        if (Array.IndexOf(ReservedParameterNames, parameter.Name) >= 0)
        {
            return "the parameter '" + parameter.Name + "' of the generated span methods (" + string.Join(", ", ReservedParameterNames) + ")";
        }

        if (!isHyperparameter)
        {
            return null;
        }

        // The loss class exposes a hyperparameter as a property named with an upper-case first letter.
        string property = Emit.Names.Property(parameter.Name);
        string className = method.Name + "Loss";
        if (properties.Contains(property))
        {
            return "another hyperparameter's property '" + property + "' in the generated class '" + className + "'";
        }

        return Array.IndexOf(LossClassMembers, property) >= 0 || property == className || (property == "ThrowIfUnsupported" && method.IsGenericMethod)
            ? "the member '" + property + "' of the generated class '" + className + "' (as its property '" + property + "')"
            : null;
    }

    private static List<ParameterSpec>? Parameters(IMethodSymbol method, ITypeSymbol elementType, ITypeParameterSymbol? typeParameter, List<DiagnosticInfo> diagnostics)
    {
        var parameters = new List<ParameterSpec>();
        var properties = new HashSet<string>(StringComparer.Ordinal);
        bool failed = false;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            Location? location = parameter.Locations.FirstOrDefault();
            if (parameter.Name.Length == 0)
            {
                // A parameter being typed (no name yet): code that does not compile, reported where the parameter is.
                Location? declaration = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().GetLocation();
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedSyntax, declaration ?? location, "Code that does not compile"));
                failed = true;
                continue;
            }

            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                string modifier = parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant();
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedParameterModifier, location, parameter.Name, modifier));
                failed = true;
                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals(parameter.Type, elementType))
            {
                diagnostics.Add(IsElementType(parameter.Type, typeParameter) || parameter.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double
                    ? DiagnosticInfo.Create(Diagnostics.MixedElementTypes, location, "Parameter '" + parameter.Name + "'", parameter.Type.ToDisplayString(), elementType.ToDisplayString())
                    : DiagnosticInfo.Create(Diagnostics.UnsupportedElementType, location, parameter.Name, parameter.Type.ToDisplayString()));
                failed = true;
                continue;
            }

            AttributeData? hyper = parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == HyperparameterAttributeName);
            ParameterKind kind = parameters.Count == 0 ? ParameterKind.Input : hyper is not null ? ParameterKind.Hyperparameter : ParameterKind.Operand;
            if (parameters.Count == 0 && hyper is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoInput, method.Locations.FirstOrDefault(), method.Name));
                return null;
            }

            if (Collision(method, parameter, kind == ParameterKind.Hyperparameter, properties) is string collision)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ReservedParameterName, location, parameter.Name, collision));
                failed = true;
                continue;
            }

            if (kind == ParameterKind.Hyperparameter)
            {
                properties.Add(Emit.Names.Property(parameter.Name));
            }

            double? defaultValue = parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value ? System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            if (hyper?.NamedArguments.FirstOrDefault(a => a.Key == "Default").Value.Value is double declaredDefault && !double.IsNaN(declaredDefault))
            {
                defaultValue = declaredDefault;
            }

            // [Hyperparameter] and [Operand] share the bounds' names and meaning.
            OperandRange bounds = ParseRange(hyper);

            AttributeData? operand = parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OperandAttributeName);
            bool differentiable = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName);
            if (kind == ParameterKind.Hyperparameter && (operand is not null || differentiable))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.OperandAttributeMisplaced, location, operand is not null ? "Operand" : "Differentiable", parameter.Name, "a [Hyperparameter] (a scalar, not a per-element operand)"));
                failed = true;
                continue;
            }

            if (kind == ParameterKind.Input && differentiable)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.OperandAttributeMisplaced, location, "Differentiable", parameter.Name, "the input (its gradient is always generated)"));
                failed = true;
                continue;
            }

            OperandRange? range = operand is null ? null : ParseRange(operand);
            if (range is not null && RangeProblem(range) is string problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidOperandRange, location, parameter.Name, problem));
                failed = true;
                continue;
            }

            parameters.Add(new ParameterSpec(parameter.Name, kind, kind == ParameterKind.Hyperparameter ? defaultValue : null, bounds.Minimum, bounds.ExclusiveMinimum, bounds.Maximum, bounds.ExclusiveMaximum, range, differentiable));
        }

        // A differentiable operand's gradient span is named operandGradient: no parameter may take that name (FL0016).
        foreach (ParameterSpec differentiable in parameters.Where(p => p.Differentiable))
        {
            string gradientName = differentiable.Name + "Gradient";
            if (Array.IndexOf(ReservedParameterNames, gradientName) >= 0)
            {
                IParameterSymbol self = method.Parameters.First(p => p.Name == differentiable.Name);
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ReservedParameterName, self.Locations.FirstOrDefault(), self.Name, "the parameter '" + gradientName + "' of the generated span methods, as its gradient span"));
                failed = true;
            }
            else if (method.Parameters.FirstOrDefault(p => p.Name == gradientName) is { } clash)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ReservedParameterName, clash.Locations.FirstOrDefault(), clash.Name, "the parameter '" + gradientName + "' of the generated gradient methods ([Differentiable] " + differentiable.Name + ")"));
                failed = true;
            }
        }

        if (!failed && parameters.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoInput, method.Locations.FirstOrDefault(), method.Name));
            return null;
        }

        // A required parameter may not follow an optional one in the generated signatures.
        return failed ? null : parameters;
    }

    /// <summary>The bounds (and for <c>[Operand]</c> AllowNaN and Rule) of an attribute; unbounded without one.</summary>
    private static OperandRange ParseRange(AttributeData? attribute)
    {
        double minimum = double.NegativeInfinity, maximum = double.PositiveInfinity;
        bool exclusiveMinimum = false, exclusiveMaximum = false, allowNaN = false;
        string? rule = null;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
        {
            switch (argument.Key)
            {
                case "Minimum" when argument.Value.Value is double d:
                    minimum = d;
                    break;
                case "Maximum" when argument.Value.Value is double d:
                    maximum = d;
                    break;
                case "ExclusiveMinimum" when argument.Value.Value is bool b:
                    exclusiveMinimum = b;
                    break;
                case "ExclusiveMaximum" when argument.Value.Value is bool b:
                    exclusiveMaximum = b;
                    break;
                case "AllowNaN" when argument.Value.Value is bool b:
                    allowNaN = b;
                    break;
                case "Rule" when argument.Value.Value is string r && r.Length > 0:
                    rule = r;
                    break;
            }
        }

        return new OperandRange(minimum, exclusiveMinimum, maximum, exclusiveMaximum, allowNaN, rule);
    }

    /// <summary>Why a declared operand range accepts nothing, or null (FL0018).</summary>
    private static string? RangeProblem(OperandRange range)
    {
        if (double.IsNaN(range.Minimum) || double.IsNaN(range.Maximum))
        {
            return "has a NaN bound";
        }

        bool empty = range.Minimum > range.Maximum
            || (range.Minimum == range.Maximum && (range.ExclusiveMinimum || range.ExclusiveMaximum))
            || (range.ExclusiveMinimum && double.IsPositiveInfinity(range.Minimum))
            || (range.ExclusiveMaximum && double.IsNegativeInfinity(range.Maximum));
        return empty ? "is empty" : null;
    }

    private static string? OperandGradientMethodName(IParameterSymbol parameter)
        => GradientArgument(parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName));

    private static string? GradientMethodName(IMethodSymbol method)
        => GradientArgument(method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == LossFormulaAttributeName));

    /// <summary>The <c>Gradient = nameof(…)</c> argument of <c>[LossFormula]</c> or <c>[Differentiable]</c>, or null.</summary>
    private static string? GradientArgument(AttributeData? attribute)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
        {
            if (argument.Key == "Gradient" && argument.Value.Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    private static GradientOverride? ParseGradientOverride(GeneratorAttributeSyntaxContext context, IMethodSymbol formula, string name, Location location, List<Expr> variables, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        IMethodSymbol[] candidates = formula.ContainingType.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        IMethodSymbol? match = candidates.FirstOrDefault(m => m.IsStatic && HasFormulaSignature(m, formula));
        if (match is null)
        {
            string problem = candidates.Length == 0 ? "does not exist" : "has the wrong signature";
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidGradientOverride, location, name, formula.Name, problem));
            return null;
        }

        if (match.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax syntax || (syntax.Body is null && syntax.ExpressionBody is null))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidGradientOverride, location, name, formula.Name, "has no body in this compilation"));
            return null;
        }

        SemanticModel model = syntax.SyntaxTree == context.SemanticModel.SyntaxTree ? context.SemanticModel : context.SemanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
        ITypeSymbol elementType = match.ReturnType;
        var parser = new ExpressionParser(model, elementType, match, diagnostics, cancellationToken);
        Expr? gradient = parser.ParseBody(match, syntax, variables);
        return gradient is null ? null : new GradientOverride(name, gradient);
    }

    private static bool HasFormulaSignature(IMethodSymbol candidate, IMethodSymbol formula)
    {
        if (candidate.Parameters.Length != formula.Parameters.Length || candidate.TypeParameters.Length != formula.TypeParameters.Length)
        {
            return false;
        }

        bool Same(ITypeSymbol a, ITypeSymbol b) => a is ITypeParameterSymbol pa && b is ITypeParameterSymbol pb
            ? pa.Ordinal == pb.Ordinal
            : SymbolEqualityComparer.Default.Equals(a, b);

        return Same(candidate.ReturnType, formula.ReturnType)
            && candidate.Parameters.Zip(formula.Parameters, (c, f) => Same(c.Type, f.Type) && c.RefKind == RefKind.None).All(x => x);
    }
}
