using System.ComponentModel;
using System.Reflection;

namespace FastLoss.Tests.Validation;

/// <summary>
/// Every place where C# 14 would bind an array to a read-only weight although a per-sample destination fits the same
/// position has an <c>[Obsolete(error: true)]</c> guard taking the array, found by reflection so that a new loss with the
/// pattern is noticed (that the guard wins overload resolution is checked by compiling calls, in the generator tests'
/// <c>Api</c> folder).
/// </summary>
public sealed class WeightOrDestinationGuardTests
{
    /// <summary>
    /// The trap: overloads with the same name and the same parameter types before position k, one with a
    /// <c>ReadOnlySpan&lt;T&gt;</c> at k and nothing required after it (so a call ending at k binds to it), one with a
    /// <c>Span&lt;T&gt;</c> at k.
    /// </summary>
    private static IEnumerable<(string Name, Type[] Prefix, Type Element)> Traps()
    {
        MethodInfo[] methods = typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => !m.IsDefined(typeof(ObsoleteAttribute))).ToArray();
        foreach (MethodInfo reduced in methods)
        {
            ParameterInfo[] r = reduced.GetParameters();
            for (int k = 0; k < r.Length; k++)
            {
                if (!IsSpan(r[k].ParameterType, typeof(ReadOnlySpan<>)) || !r.Skip(k + 1).All(p => p.IsOptional))
                {
                    continue;
                }

                Type[] prefix = r.Take(k).Select(p => p.ParameterType).ToArray();
                Type element = r[k].ParameterType.GetGenericArguments()[0];
                bool hasDestinationThere = methods.Any(m => m.Name == reduced.Name
                    && m.GetParameters() is { } q && q.Length > k
                    && q.Take(k).Select(p => p.ParameterType).SequenceEqual(prefix)
                    && q[k].ParameterType == typeof(Span<>).MakeGenericType(element));
                if (hasDestinationThere)
                {
                    yield return (reduced.Name, prefix, element);
                }
            }
        }
    }

    private static bool IsSpan(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;

    [Fact]
    public void The_known_traps_are_found()
    {
        // The discovery itself must see the losses this guard design was made for (else the next test proves nothing).
        string[] names = Traps().Select(t => t.Name).Distinct().ToArray();
        Assert.Superset(new HashSet<string>(["CrossEntropy", "Nll", "SoftmaxFocal", "MultilabelSoftMargin", "Mse", "L1", "Huber"]), new HashSet<string>(names));
    }

    [Fact]
    public void Every_array_in_a_weight_or_destination_position_has_a_hidden_compile_time_error_guard()
    {
        MethodInfo[] guards = typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.IsDefined(typeof(ObsoleteAttribute))).ToArray();
        var missing = new List<string>();
        foreach ((string name, Type[] prefix, Type element) in Traps().Distinct())
        {
            bool guarded = guards.Any(g => g.Name == name
                && g.GetParameters() is { } q && q.Length > prefix.Length
                && q.Take(prefix.Length).Select(p => p.ParameterType).SequenceEqual(prefix)
                && q[prefix.Length].ParameterType == element.MakeArrayType());
            if (!guarded)
            {
                missing.Add($"{name}({string.Join(", ", prefix.Select(t => t.Name))}, {element.Name}[])");
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Guards_are_errors_hidden_from_IntelliSense_that_say_how_to_fix_the_call()
    {
        MethodInfo[] guards = typeof(Loss).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.IsDefined(typeof(ObsoleteAttribute))).ToArray();
        Assert.NotEmpty(guards);
        Assert.All(guards, g =>
        {
            ObsoleteAttribute obsolete = g.GetCustomAttribute<ObsoleteAttribute>()!;
            Assert.True(obsolete.IsError, g.ToString());
            if (g.GetParameters().Any(p => p.Name == "epsilonOrSpatialSize"))
            {
                // Not an array trap: PolyCrossEntropy(x, t, C, int) was ε before the spatial overloads, now it could be either.
                Assert.Equal(EditorBrowsableState.Never, g.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
                Assert.Contains("'spatialSize: S'", obsolete.Message, StringComparison.Ordinal);
                Assert.Contains("'epsilon: e'", obsolete.Message, StringComparison.Ordinal);
                return;
            }

            Assert.Contains("'destination: d'", obsolete.Message, StringComparison.Ordinal);
            Assert.Equal(EditorBrowsableState.Never, g.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
            Assert.Contains(g.GetParameters(), p => p.ParameterType.IsArray);
        });
    }
}
