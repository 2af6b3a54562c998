namespace FastLoss;

/// <summary>
/// PyTorch's <c>torch.nn.functional</c> losses (same names in PascalCase, same options and defaults, same numbers)
/// for float and double spans. Each element-wise loss is one <see cref="LossFormulaAttribute"/> declaration in its own
/// file (<c>Loss.Name.cs</c>); the generator adds the span API: <c>Name(input, target, …, reduction)</c>,
/// <c>Name(…, destination)</c>, <c>NameGradient</c>, <c>NameWithGradient</c>, <c>NameHessian</c> and the
/// <c>NameLoss</c> class.
/// </summary>
/// <remarks>
/// Called with scalars, each formula method is the scalar reference (plain C# on <see cref="Math"/>), which the
/// vector kernels are tested against. Broadcasting is the caller's: every operand has one value per input element.
/// </remarks>
public static partial class Loss
{
}
