using System.ComponentModel;

namespace FastLoss;

// C# 14 first-class spans: where a row-wise loss has a reduced overload with a ReadOnlySpan<T> weight (or alpha) and a
// per-sample overload with a Span<T> destination at the same position, an array there binds to the read-only weight,
// so a caller who meant per-sample losses silently gets a weighted reduced loss. These [Obsolete(error: true)] overloads
// take the array itself (an identity conversion, better than either span conversion) and turn that call into CS0619;
// named arguments (weight: / destination:) and explicit spans bind as before. Same design as Mse/L1/Huber's guards.
public static partial class Loss
{
    /// <summary>Why <c>Name(input, target, classCount, array)</c> does not compile for the row-wise losses with a per-class weight.</summary>
    private const string RowWeightOrDestinationMessage =
        "An array where both the per-class 'weight' and the per-sample 'destination' fit is ambiguous (C# 14 would bind it to the weight and return the reduced loss): write 'weight: w' for the reduced loss, or 'destination: d' (or d.AsSpan()) for the per-sample losses.";

    /// <summary>Why <c>SoftmaxFocal(input, target, classCount, array)</c> does not compile.</summary>
    private const string RowAlphaOrDestinationMessage =
        "An array where both the per-class 'alpha' and the per-sample 'destination' fit is ambiguous (C# 14 would bind it to alpha and return the reduced loss): write 'alpha: a' for the reduced loss, or 'destination: d' (or d.AsSpan()) for the per-sample losses.";

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the class-index <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, float[] weightOrDestination, int ignoreIndex = -100, float labelSmoothing = 0f)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the class-index <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, double[] weightOrDestination, int ignoreIndex = -100, double labelSmoothing = 0d)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the class-probability <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, float[] weightOrDestination, float labelSmoothing = 0f)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the class-probability <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, double[] weightOrDestination, double labelSmoothing = 0d)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial class-index <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, float[] weightOrDestination, int ignoreIndex = -100, float labelSmoothing = 0f)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial class-index <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, double[] weightOrDestination, int ignoreIndex = -100, double labelSmoothing = 0d)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial class-probability <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, float[] weightOrDestination, float labelSmoothing = 0f)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial class-probability <c>CrossEntropy</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="labelSmoothing">Shared by both real overloads, so the ambiguous call with <c>labelSmoothing:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, double[] weightOrDestination, double labelSmoothing = 0d)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the [N, C] <c>Nll</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float Nll(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, float[] weightOrDestination, int ignoreIndex = -100)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the [N, C] <c>Nll</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double Nll(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, double[] weightOrDestination, int ignoreIndex = -100)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial <c>Nll</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float Nll(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, float[] weightOrDestination, int ignoreIndex = -100)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fifth argument of the spatial <c>Nll</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double Nll(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, double[] weightOrDestination, int ignoreIndex = -100)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the per-class α <c>SoftmaxFocal</c> could mean the
    /// per-class α or the per-sample destination, and C# 14 would silently bind it to the alpha (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>alpha: a</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="alphaOrDestination">The ambiguous array.</param>
    /// <param name="gamma">Shared by both real overloads, so the ambiguous call with <c>gamma:</c> also fails to compile; unused.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowAlphaOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float SoftmaxFocal(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, float[] alphaOrDestination, float gamma = 2f, int ignoreIndex = -100)
        => throw new NotSupportedException(RowAlphaOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the per-class α <c>SoftmaxFocal</c> could mean the
    /// per-class α or the per-sample destination, and C# 14 would silently bind it to the alpha (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>alpha: a</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="alphaOrDestination">The ambiguous array.</param>
    /// <param name="gamma">Shared by both real overloads, so the ambiguous call with <c>gamma:</c> also fails to compile; unused.</param>
    /// <param name="ignoreIndex">Shared by both real overloads, so the ambiguous call with <c>ignoreIndex:</c> also fails to compile; unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowAlphaOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double SoftmaxFocal(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, double[] alphaOrDestination, double gamma = 2d, int ignoreIndex = -100)
        => throw new NotSupportedException(RowAlphaOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the <c>MultilabelSoftMargin</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float MultilabelSoftMargin(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, float[] weightOrDestination)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the fourth argument of the <c>MultilabelSoftMargin</c> could mean the
    /// per-class weight or the per-sample destination, and C# 14 would silently bind it to the weight (the reduced loss).
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the reduced loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-sample losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(RowWeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double MultilabelSoftMargin(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, double[] weightOrDestination)
        => throw new NotSupportedException(RowWeightOrDestinationMessage);
}
