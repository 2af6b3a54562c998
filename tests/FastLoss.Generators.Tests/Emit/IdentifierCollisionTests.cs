namespace FastLoss.Generators.Tests.Emit;

/// <summary>
/// A parameter may be named like an identifier the generated code uses itself (a local, a field, another parameter).
/// The generator must then either emit code that compiles and computes the formula, or report a diagnostic.
/// </summary>
public class IdentifierCollisionTests
{
    public static TheoryData<string, string> HarmlessNames => new()
    {
        { "operand", "i" },
        { "operand", "t0" },
        { "operand", "weight" },
        { "hyperparameter", "operator" },
        { "hyperparameter", "_operator" },
    };

    /// <summary>Names that collide today: each yields generated code that does not compile (CS0100, CS0136, CS0102, CS0844).</summary>
    public static TheoryData<string, string> CollidingNames => new()
    {
        { "operand", "kernel" },
        { "operand", "reduction" },
        { "operand", "destination" },
        { "operand", "inputGradient" },
        { "operand", "gradient" },
        { "operand", "operator" },
        { "hyperparameter", "gradient" },
        { "hyperparameter", "t0" },
        { "hyperparameter", "kernel" },
    };

    [Theory]
    [MemberData(nameof(HarmlessNames))]
    public void A_parameter_named_like_generated_code_compiles(string kind, string name) => CompilesOrIsReported(kind, name);

    [Theory]
    [MemberData(nameof(CollidingNames))]
    public void A_parameter_named_like_generated_code_compiles_or_is_reported(string kind, string name) => CompilesOrIsReported(kind, name);

    private static void CompilesOrIsReported(string kind, string name)
    {
        string attribute = kind == "hyperparameter" ? "[Hyperparameter] " : string.Empty;
        string id = "@" + name;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.InLossesClass($$"""
                /// <summary>Named {{name}}.</summary>
                [LossFormula]
                public static float Named(float input, float target, {{attribute}}float {{id}}) => {{id}} * (input - target) * (input - target);
            """));

        GeneratorHarness.AssertNoCrash(run);
        if (run.GeneratorDiagnostics.Any(d => d.Id.StartsWith("FL", StringComparison.Ordinal)))
        {
            return;
        }

        GeneratorHarness.AssertCompilesCleanly(run);
    }
}
