using System.Reflection;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;

namespace FastLoss.Bench;

/// <summary>--check: every benchmark class, every element type it is declared for, every engine against Scalar.</summary>
internal static class SelfCheck
{
    private const int Length = 1003;

    public static bool Run(bool torch, TextWriter output)
    {
        bool ok = true;
        IEnumerable<Type> definitions = typeof(SelfCheck).Assembly.GetTypes()
            .Where(t => t.IsGenericTypeDefinition && !t.IsAbstract && typeof(ISelfCheck).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (Type definition in definitions)
        {
            foreach (GenericTypeArgumentsAttribute arguments in definition.GetCustomAttributes<GenericTypeArgumentsAttribute>())
            {
                Type type = definition.MakeGenericType(arguments.GenericTypeArguments);
                double tolerance = arguments.GenericTypeArguments[0] == typeof(float) ? 2e-4 : 1e-9;
                var benchmark = (ISelfCheck)Activator.CreateInstance(type)!;
                ok &= benchmark.SelfCheck(Length, tolerance, torch, output);
            }
        }

        output.WriteLine(ok ? "All engines agree with the scalar reference." : "Some engines disagree with the scalar reference (FAIL above).");
        return ok;
    }
}
