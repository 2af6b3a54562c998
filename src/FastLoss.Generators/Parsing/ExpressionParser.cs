using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using FastLoss.Generators.Derivation;
using FastLoss.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace FastLoss.Generators.Parsing;

/// <summary>
/// Reads one method body (and the bodies of helper methods it calls, inlined) from IOperation into <see cref="Expr"/>.
/// Reports a diagnostic for anything outside the supported grammar and returns null; never throws for bad input.
/// </summary>
internal sealed class ExpressionParser
{
    private const int MaximumNodes = 20_000;

    private static readonly HashSet<string> MathContainers = new(StringComparer.Ordinal)
    {
        "System.Math", "System.MathF", "float", "double", "FastLoss.LossMath",
    };

    private static readonly Dictionary<string, double> NamedConstants = new(StringComparer.Ordinal)
    {
        ["Zero"] = 0.0,
        ["One"] = 1.0,
        ["NegativeOne"] = -1.0,
        ["NegativeZero"] = -0.0,
        ["NaN"] = double.NaN,
        ["PositiveInfinity"] = double.PositiveInfinity,
        ["NegativeInfinity"] = double.NegativeInfinity,
        ["E"] = Math.E,
        ["Pi"] = Math.PI,
        ["Tau"] = 2 * Math.PI,
    };

    private readonly SemanticModel _model;
    private readonly ITypeSymbol _elementType;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    /// <summary>The formula (bottom) and the helpers being inlined into it (top: the method being parsed).</summary>
    private readonly Stack<IMethodSymbol> _inlining = new();
    private readonly bool _hasFloatKernels;
    /// <summary>For a helper being inlined: the call in the formula's own body that leads to it (where FL0015 points).</summary>
    private readonly Location? _callInFormula;
    private readonly Dictionary<ISymbol, Expr> _bindings = new(SymbolEqualityComparer.Default);
    private int _nodes;
    private bool _failed;

    public ExpressionParser(SemanticModel model, ITypeSymbol elementType, IMethodSymbol root, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _model = model;
        _elementType = elementType;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _inlining.Push(root.OriginalDefinition);

        // A generic formula gets float kernels too, so its literals must be finite as float as well.
        _hasFloatKernels = elementType.SpecialType == SpecialType.System_Single || elementType is ITypeParameterSymbol;
    }

    /// <summary>A parser for a helper inlined into <paramref name="outer"/>'s formula: same chain, diagnostics and budget.</summary>
    private ExpressionParser(SemanticModel model, ITypeSymbol elementType, ExpressionParser outer, Location callInFormula)
    {
        _callInFormula = callInFormula;
        _model = model;
        _elementType = elementType;
        _diagnostics = outer._diagnostics;
        _cancellationToken = outer._cancellationToken;
        _inlining = outer._inlining;
        _hasFloatKernels = outer._hasFloatKernels;
        _nodes = outer._nodes;
    }

    /// <summary>Parses a method body with its parameters bound to <paramref name="arguments"/>.</summary>
    public Expr? ParseBody(IMethodSymbol method, MethodDeclarationSyntax syntax, IReadOnlyList<Expr> arguments)
        => ParseBody(_model, method, syntax, arguments);

    private Expr? ParseBody(SemanticModel model, IMethodSymbol method, MethodDeclarationSyntax syntax, IReadOnlyList<Expr> arguments)
    {
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            _bindings[method.Parameters[i]] = arguments[i];
        }

        IOperation? body = model.GetOperation(syntax, _cancellationToken);
        IBlockOperation? block = body switch
        {
            IMethodBodyOperation m => m.BlockBody ?? m.ExpressionBody,
            IBlockOperation b => b,
            _ => null,
        };

        if (block is null)
        {
            return Fail(Diagnostics.NotStatic, syntax.Identifier.GetLocation(), method.Name);
        }

        Expr? result = null;
        foreach (IOperation statement in block.Operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (result is not null)
            {
                return Fail(Diagnostics.UnsupportedSyntax, statement.Syntax.GetLocation(), "A statement after 'return'");
            }

            switch (statement)
            {
                case IVariableDeclarationGroupOperation group:
                    foreach (IVariableDeclaratorOperation declarator in group.Declarations.SelectMany(d => d.Declarators))
                    {
                        IOperation? value = declarator.Initializer?.Value ?? group.Declarations.FirstOrDefault()?.Initializer?.Value;
                        if (value is null)
                        {
                            return Fail(Diagnostics.UnsupportedSyntax, declarator.Syntax.GetLocation(), "A local without an initializer");
                        }

                        if (declarator.Symbol.Type.TypeKind == TypeKind.Error)
                        {
                            return Fail(Diagnostics.UnsupportedSyntax, declarator.Syntax.GetLocation(), "Code that does not compile");
                        }

                        if (!SameElementType(declarator.Symbol.Type))
                        {
                            return Mixed(declarator.Syntax.GetLocation(), "Local '" + declarator.Symbol.Name + "'", declarator.Symbol.Type);
                        }

                        Expr? bound = Visit(value);
                        if (bound is null)
                        {
                            return null;
                        }

                        _bindings[declarator.Symbol] = bound;
                    }

                    break;

                case IReturnOperation { ReturnedValue: { } returned }:
                    result = Visit(returned);
                    if (result is null)
                    {
                        return null;
                    }

                    break;

                case IExpressionStatementOperation { Operation: IAssignmentOperation or IIncrementOrDecrementOperation } assignment:
                    return Fail(Diagnostics.Assignment, assignment.Syntax.GetLocation(), AssignedName(assignment.Operation));

                default:
                    return Fail(Diagnostics.UnsupportedSyntax, statement.Syntax.GetLocation(), Describe(statement));
            }
        }

        return result ?? Fail(Diagnostics.UnsupportedSyntax, syntax.Identifier.GetLocation(), "A body without 'return'");
    }

    private Expr? Visit(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_failed)
        {
            return null;
        }

        if (++_nodes > MaximumNodes)
        {
            // Where the count crosses the limit is arbitrary: point at the formula's own code that expands too much.
            return Fail(Diagnostics.FormulaTooLarge, _callInFormula ?? operation.Syntax.GetLocation(), _inlining.Last().Name, MaximumNodes.ToString(CultureInfo.InvariantCulture));
        }

        // Code the compiler rejects: say so (the compiler's own error says what is wrong) rather than misreport its
        // error type as a mixed element type.
        if (operation is IInvalidOperation || operation.Type is { TypeKind: TypeKind.Error })
        {
            return Fail(Diagnostics.UnsupportedSyntax, operation.Syntax.GetLocation(), "Code that does not compile");
        }

        if (operation.ConstantValue is { HasValue: true, Value: { } constant } && IsNumber(constant))
        {
            return Literal(operation, Convert.ToDouble(constant, CultureInfo.InvariantCulture));
        }

        switch (operation)
        {
            case IParameterReferenceOperation parameter when _bindings.TryGetValue(parameter.Parameter, out Expr? value):
                return value;
            case ILocalReferenceOperation local when _bindings.TryGetValue(local.Local, out Expr? value):
                return value;
            case IParenthesizedOperation parenthesized:
                return Visit(parenthesized.Operand);
            case IConversionOperation conversion:
                return Conversion(conversion);
            case IUnaryOperation unary:
                return Unary(unary);
            case IBinaryOperation binary:
                return Binary(binary);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Conditional(conditional.Condition, conditional.WhenTrue, whenFalse);
            case IInvocationOperation invocation:
                return Invocation(invocation);
            case IPropertyReferenceOperation { Instance: null } property when NamedConstants.TryGetValue(property.Property.Name, out double named)
                && SameElementType(property.Type) && IsElementTypeMember(property.Property):
                return new Constant(named);
            case IFieldReferenceOperation { Instance: null } field when NamedConstants.TryGetValue(field.Field.Name, out double named)
                && SameElementType(field.Type) && IsElementTypeMember(field.Field):
                return new Constant(named);
            case IAssignmentOperation or IIncrementOrDecrementOperation:
                return Fail(Diagnostics.Assignment, operation.Syntax.GetLocation(), AssignedName(operation));
            default:
                return Fail(Diagnostics.UnsupportedSyntax, operation.Syntax.GetLocation(), Describe(operation));
        }
    }

    private Expr? Literal(IOperation operation, double value)
    {
        if (operation.Type is not null && !SameElementType(operation.Type) && operation.Type.SpecialType is not (SpecialType.System_Boolean))
        {
            // A constant of another numeric type used directly (not converted): e.g. an int-typed subexpression.
            if (operation.Parent is not IConversionOperation)
            {
                return Mixed(operation.Syntax.GetLocation(), "The constant '" + operation.Syntax + "'", operation.Type);
            }
        }

        if (!double.IsInfinity(value) && !double.IsNaN(value) && _hasFloatKernels && float.IsInfinity((float)value))
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.LiteralOutOfRange, operation.Syntax.GetLocation(), value.ToString("R", CultureInfo.InvariantCulture), "float", value > 0 ? "+Infinity" : "-Infinity"));
        }

        return new Constant(value);
    }

    private Expr? Conversion(IConversionOperation conversion)
    {
        if (conversion.OperatorMethod is not null)
        {
            return Fail(Diagnostics.UnsupportedSyntax, conversion.Syntax.GetLocation(), "A user-defined conversion");
        }

        ITypeSymbol? from = conversion.Operand.Type;
        if (from is null or { TypeKind: TypeKind.Error })
        {
            // A typeless operand (a throw expression, a lambda, null) or code that does not compile: report the
            // operand itself.
            return Visit(conversion.Operand);
        }

        if (from is not null && conversion.Type is not null && SymbolEqualityComparer.Default.Equals(from, conversion.Type))
        {
            return Visit(conversion.Operand);
        }

        return Mixed(conversion.Syntax.GetLocation(), "'" + conversion.Syntax + "'", from ?? conversion.Type!);
    }

    private Expr? Unary(IUnaryOperation unary)
    {
        if (unary.OperatorMethod is not null && !IsElementTypeOperator(unary.OperatorMethod))
        {
            return Fail(Diagnostics.UnsupportedSyntax, unary.Syntax.GetLocation(), "A user-defined operator");
        }

        Expr? operand = Visit(unary.Operand);
        if (operand is null)
        {
            return null;
        }

        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Minus => Derivation.Build.NegExact(operand),
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Not when operand.IsCondition => Derivation.Build.Not(operand),
            _ => Fail(Diagnostics.UnsupportedSyntax, unary.Syntax.GetLocation(), "The operator '" + unary.OperatorKind + "'"),
        };
    }

    private Expr? Binary(IBinaryOperation binary)
    {
        if (binary.OperatorMethod is not null && !IsElementTypeOperator(binary.OperatorMethod))
        {
            return Fail(Diagnostics.UnsupportedSyntax, binary.Syntax.GetLocation(), "A user-defined operator");
        }

        Expr? left = Visit(binary.LeftOperand);
        Expr? right = left is null ? null : Visit(binary.RightOperand);
        if (left is null || right is null)
        {
            return null;
        }

        bool logical = binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or;
        if (logical != (left.IsCondition && right.IsCondition) || (!logical && (left.IsCondition || right.IsCondition)))
        {
            return Fail(Diagnostics.UnsupportedSyntax, binary.Syntax.GetLocation(), "The operator '" + binary.OperatorKind + "' on these operands");
        }

        BinaryOperator? op = binary.OperatorKind switch
        {
            BinaryOperatorKind.Add => BinaryOperator.Add,
            BinaryOperatorKind.Subtract => BinaryOperator.Subtract,
            BinaryOperatorKind.Multiply => BinaryOperator.Multiply,
            BinaryOperatorKind.Divide => BinaryOperator.Divide,
            BinaryOperatorKind.LessThan => BinaryOperator.LessThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperator.GreaterThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterThanOrEqual,
            BinaryOperatorKind.Equals => BinaryOperator.Equal,
            BinaryOperatorKind.NotEquals => BinaryOperator.NotEqual,
            BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And => BinaryOperator.And,
            BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or => BinaryOperator.Or,
            _ => null,
        };

        // Arithmetic goes through the simplifying constructors (exact rewrites only); truth values are kept as written.
        return op switch
        {
            null => Fail(Diagnostics.UnsupportedSyntax, binary.Syntax.GetLocation(), "The operator '" + binary.OperatorKind + "'"),
            BinaryOperator.Add => new Binary(BinaryOperator.Add, left, right),
            BinaryOperator.Subtract => new Binary(BinaryOperator.Subtract, left, right),
            BinaryOperator.Multiply => new Binary(BinaryOperator.Multiply, left, right),
            BinaryOperator.Divide => new Binary(BinaryOperator.Divide, left, right),
            _ => new Binary(op.Value, left, right),
        };
    }

    private Expr? Conditional(IOperation test, IOperation whenTrue, IOperation whenFalse)
    {
        Expr? condition = Visit(test);
        if (condition is null)
        {
            return null;
        }

        if (!condition.IsCondition)
        {
            return Fail(Diagnostics.UnsupportedSyntax, test.Syntax.GetLocation(), "This condition");
        }

        Expr? a = Visit(whenTrue);
        Expr? b = a is null ? null : Visit(whenFalse);
        return a is null || b is null ? null : new Conditional(condition, a, b);
    }

    private Expr? Invocation(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        IOperation[] argumentValues = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToArray();

        if (target.IsStatic && IsMathContainer(target))
        {
            // T.CreateChecked(0.5) and friends: a literal in a generic formula.
            if (target.Name is "CreateChecked" or "CreateTruncating" or "CreateSaturating" && argumentValues.Length == 1
                && argumentValues[0].ConstantValue is { HasValue: true, Value: { } literal } && IsNumber(literal))
            {
                return Literal(invocation, Convert.ToDouble(literal, CultureInfo.InvariantCulture));
            }

            if (MathFunctions.TryGetByName(target.Name, argumentValues.Length, out MathFunction function)
                && (IsLossMath(target) || function is not (MathFunction.Sigmoid or MathFunction.Softplus or MathFunction.LogSigmoid)))
            {
                if (!SameElementType(target.ReturnType))
                {
                    return Mixed(invocation.Syntax.GetLocation(), "'" + target.ContainingType.Name + "." + target.Name + "'", target.ReturnType);
                }

                var arguments = new Expr[argumentValues.Length];
                for (int i = 0; i < arguments.Length; i++)
                {
                    Expr? argument = Visit(argumentValues[i]);
                    if (argument is null)
                    {
                        return null;
                    }

                    arguments[i] = argument;
                }

                return Derivation.Build.Fn(function, arguments);
            }

            return Fail(Diagnostics.UnsupportedCall, invocation.Syntax.GetLocation(), target.ContainingType.Name + "." + target.Name, MathFunctions.SupportedNames);
        }

        return Inline(invocation, target, argumentValues);
    }

    /// <summary>A static helper method of the user's with a supported body is inlined.</summary>
    private Expr? Inline(IInvocationOperation invocation, IMethodSymbol target, IOperation[] argumentValues)
    {
        if (!target.IsStatic || target.DeclaringSyntaxReferences.IsEmpty
            || target.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not MethodDeclarationSyntax syntax
            || (syntax.Body is null && syntax.ExpressionBody is null)
            || !SameElementType(target.ReturnType)
            || target.Parameters.Any(p => p.RefKind != RefKind.None || !SameElementType(p.Type)))
        {
            string name = target.ContainingType is null ? target.Name : target.ContainingType.Name + "." + target.Name;
            return Fail(Diagnostics.UnsupportedCall, invocation.Syntax.GetLocation(), name, MathFunctions.SupportedNames);
        }

        if (_inlining.Contains(target.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            // Named as the formula (the bottom of the chain) and the method whose body makes the call.
            return Fail(Diagnostics.Recursion, invocation.Syntax.GetLocation(), _inlining.Last().Name, _inlining.Peek().Name);
        }

        var arguments = new List<Expr>();
        foreach (IOperation value in argumentValues)
        {
            Expr? argument = Visit(value);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
        }

        SemanticModel model = syntax.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(syntax.SyntaxTree);
        IMethodSymbol definition = target.OriginalDefinition;
        _inlining.Push(definition);
        try
        {
            // The helper's own type parameter, if any, stands for the formula's element type.
            var inner = new ExpressionParser(model, ElementTypeOf(definition), this, _callInFormula ?? invocation.Syntax.GetLocation());
            Expr? result = inner.ParseBody(model, definition, syntax, arguments);
            _nodes = inner._nodes;
            _failed |= inner._failed;
            return result;
        }
        finally
        {
            _inlining.Pop();
        }
    }

    private static ITypeSymbol ElementTypeOf(IMethodSymbol definition)
        => definition.TypeParameters.Length == 1 && definition.ReturnType is ITypeParameterSymbol ? definition.TypeParameters[0] : definition.ReturnType;

    private bool SameElementType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _elementType))
        {
            return true;
        }

        // A generic helper inlined into a generic formula: any method type parameter of the same role matches.
        return type is ITypeParameterSymbol && _elementType is ITypeParameterSymbol;
    }

    private bool IsElementTypeMember(ISymbol member)
        => member.ContainingType is { } type && (SameElementType(type) || IsMathContainer(member) || type.ContainingNamespace?.ToDisplayString() == "System.Numerics");

    private bool IsElementTypeOperator(IMethodSymbol method)
        => method.ContainingType is { } type && (SameElementType(type) || type.ContainingNamespace?.ToDisplayString() == "System.Numerics");

    private static bool IsMathContainer(ISymbol method)
    {
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        // T.Exp(x) binds to a static abstract member of a System.Numerics interface.
        return MathContainers.Contains(type.ToDisplayString())
            || (type.TypeKind == TypeKind.Interface && type.ContainingNamespace?.ToDisplayString() == "System.Numerics");
    }

    private static bool IsLossMath(IMethodSymbol method) => method.ContainingType?.ToDisplayString() == "FastLoss.LossMath";

    private static bool IsNumber(object value) => value is double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal;

    private static string AssignedName(IOperation operation) => operation switch
    {
        IAssignmentOperation { Target: ILocalReferenceOperation l } => l.Local.Name,
        IAssignmentOperation { Target: IParameterReferenceOperation p } => p.Parameter.Name,
        IIncrementOrDecrementOperation { Target: ILocalReferenceOperation l } => l.Local.Name,
        IIncrementOrDecrementOperation { Target: IParameterReferenceOperation p } => p.Parameter.Name,
        IAssignmentOperation a => a.Target.Syntax.ToString(),
        IIncrementOrDecrementOperation i => i.Target.Syntax.ToString(),
        _ => operation.Syntax.ToString(),
    };

    private static string Describe(IOperation operation) => operation switch
    {
        ILoopOperation => "A loop",
        IBranchOperation => "A jump statement",
        IConditionalOperation => "An if statement",
        ISwitchOperation or ISwitchExpressionOperation => "A switch",
        ITryOperation => "A try statement",
        IThrowOperation => "A throw",
        ILocalFunctionOperation => "A local function",
        IAnonymousFunctionOperation or IDelegateCreationOperation => "A lambda",
        IObjectCreationOperation => "An object creation",
        IInstanceReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation => "A reference to '" + operation.Syntax + "'",
        IInvalidOperation => "Code that does not compile",
        _ => "'" + operation.Syntax + "'",
    };

    private Expr? Mixed(Location location, string what, ITypeSymbol type)
        => Fail(Diagnostics.MixedElementTypes, location, what, type.ToDisplayString(), _elementType.ToDisplayString());

    private Expr? Fail(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        if (!_failed)
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }

        _failed = true;
        return null;
    }
}
