using System.Reflection;
using System.Runtime.InteropServices;

namespace FastLoss.Tests.Validation;

/// <summary>
/// One call of a public API with concrete arguments: the method, the arguments (span arguments as
/// <see cref="ArraySegment{T}"/>), and every array the call could write (inputs and outputs), so a test can check that
/// a rejected call wrote nothing.
/// </summary>
internal sealed class AuditCall
{
    public required MethodBase Method { get; init; }

    public required object?[] Arguments { get; init; }

    /// <summary>Arrays behind every span argument (outputs filled with <see cref="Sentinel"/>).</summary>
    public required IReadOnlyList<Array> Arrays { get; init; }

    /// <summary>A fingerprint of other state a rejected call must leave alone (an accumulator's bytes), or null.</summary>
    public Func<string>? State { get; init; }

    /// <summary>The value destinations are filled with before a call (a value no loss produces by accident).</summary>
    public const double Sentinel = -7.25e13;

    public object? Invoke() => SpanInvoker.Invoke(Method, Arguments);

    /// <summary>The bits of every array (and the state), to compare before and after a call.</summary>
    public string Snapshot()
    {
        var parts = new List<string>();
        foreach (Array array in Arrays)
        {
            byte[] bytes = array switch
            {
                float[] f => MemoryMarshal.AsBytes(f.AsSpan()).ToArray(),
                double[] d => MemoryMarshal.AsBytes(d.AsSpan()).ToArray(),
                int[] i => MemoryMarshal.AsBytes(i.AsSpan()).ToArray(),
                long[] l => MemoryMarshal.AsBytes(l.AsSpan()).ToArray(),
                _ => throw new NotSupportedException(array.GetType().Name),
            };
            parts.Add(Convert.ToHexString(bytes));
        }

        if (State is not null)
        {
            parts.Add(State());
        }

        return string.Join("|", parts);
    }

    /// <summary>"Name(ReadOnlySpan&lt;Single&gt;, …)" with the declaring type, for test names.</summary>
    public static string Describe(MethodBase method)
    {
        static string TypeName(Type t) => t.IsGenericType
            ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(TypeName)) + ">"
            : t.Name;
        string owner = method.DeclaringType is { } d ? (d.DeclaringType is { } outer ? outer.Name + "." : string.Empty) + TypeName(d) + "." : string.Empty;
        string generic = method is MethodInfo { IsGenericMethod: true } g ? "<" + string.Join(", ", g.GetGenericArguments().Select(TypeName)) + ">" : string.Empty;
        string name = method is ConstructorInfo ? "ctor" : method.Name;
        return owner + name + generic + "(" + string.Join(", ", method.GetParameters().Select(p => TypeName(p.ParameterType))) + ")";
    }
}

/// <summary>A bad input to one API and the argument the exception must name.</summary>
/// <param name="Problem">What is wrong, e.g. "target has 6 elements, input 7".</param>
/// <param name="Expected">The parameter names an ArgumentException may give (more than one where the blame is shared, e.g. a target describing another number of rows than the input holds).</param>
/// <param name="Build">Creates the call (fresh arrays each time).</param>
internal sealed record AuditCase(string Problem, string[] Expected, Func<AuditCall> Build);

/// <summary>Runs one audit case: the call must throw an ArgumentException naming the argument and change nothing.</summary>
internal static class Audit
{
    /// <summary>The outcome: null when the API behaves, else what it did wrong.</summary>
    public static string? Violation(AuditCase c)
    {
        AuditCall call = c.Build();
        string before = call.Snapshot();
        Exception? thrown = null;
        try
        {
            call.Invoke();
        }
        catch (Exception e)
        {
            thrown = e;
        }

        string after = call.Snapshot();
        var problems = new List<string>();
        if (thrown is null)
        {
            problems.Add("no exception");
        }
        else if (thrown is not ArgumentException argument)
        {
            problems.Add("threw " + thrown.GetType().Name + " (" + thrown.Message + ")");
        }
        else if (!c.Expected.Contains(argument.ParamName))
        {
            problems.Add("ParamName is '" + argument.ParamName + "', expected " + string.Join(" or ", c.Expected.Select(e => "'" + e + "'")) + " (" + argument.GetType().Name + ": " + argument.Message + ")");
        }

        if (before != after)
        {
            problems.Add((thrown is null ? "wrote" : "wrote before throwing") + " (an output or input changed)");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
