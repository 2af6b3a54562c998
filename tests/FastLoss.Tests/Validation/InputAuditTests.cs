using Xunit.Abstractions;

namespace FastLoss.Tests.Validation;

/// <summary>
/// Issue 7, part 3 (README, "Errors and guarantees"): bad input to the runtime throws an ArgumentException (or
/// subclass) whose ParamName names the offending argument, before anything is written. One test per (public method ×
/// bad input): mismatched operand lengths, an output too short, an output partially overlapping an input, NaN and
/// out-of-range hyperparameters (HyperparameterAttribute Minimum/Maximum, and the documented ranges of the row-wise
/// losses), an unknown Reduction. Outputs are filled with a sentinel and every array (and an accumulator's state) is
/// compared bit for bit after the call.
/// </summary>
/// <remarks>
/// <see cref="KnownViolations"/> lists the cases where the library does not meet the guarantee (empty today: keep it
/// that way). A listed case asserts that its violation still reproduces, so fixing one makes its test fail until its
/// entry is removed.
/// </remarks>
public sealed class InputAuditTests(ITestOutputHelper output)
{
    /// <summary>Case id (prefix) → what the API does wrong.</summary>
    public static readonly Dictionary<string, string> KnownViolations = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> LossCases => new(LossApiAudit.Cases.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> TrainingCases => new(TrainingApiAudit.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_api_rejects_bad_input_before_writing(string id) => Check(id, LossApiAudit.Cases[id]);

    [Theory]
    [MemberData(nameof(TrainingCases))]
    public void Training_api_rejects_bad_input_before_writing(string id) => Check(id, TrainingApiAudit.Cases[id]);

    [Fact]
    public void Every_span_method_of_the_training_api_is_audited()
    {
        var audited = TrainingApiAudit.Cases.Keys.Select(k => k[..k.IndexOf('(', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        string[] missing = TrainingApiAudit.SpanMethods.Where(m => !audited.Contains(m) && !TrainingApiAudit.NoBadInput.ContainsKey(m)).ToArray();
        Assert.True(missing.Length == 0, "Span methods without a bad-input case in TrainingApiAudit: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_span_method_of_Loss_is_audited()
    {
        // Discovery is by reflection; this guards the discovery itself (a filter that silently drops methods).
        int staticMethods = LossApiAudit.Entries.Count(e => e.Method.DeclaringType == typeof(Loss));
        int spanMethods = typeof(Loss).GetMethods().Count(m => m.IsStatic && m.GetParameters().Any(p => SpanInvoker.IsSpan(p.ParameterType)) && !m.IsDefined(typeof(ObsoleteAttribute), false));
        Assert.Equal(spanMethods, staticMethods);
        Assert.All(LossApiAudit.Entries.Where(e => e.Method is System.Reflection.MethodInfo), e =>
            Assert.Contains(LossApiAudit.Cases.Keys, k => k.StartsWith(e.Id + " | valid", StringComparison.Ordinal)));
        output.WriteLine($"{LossApiAudit.Entries.Count} entry points, {LossApiAudit.Cases.Count} cases");
    }

    private void Check(string id, AuditCase c)
    {
        if (c.Expected.Length == 0)
        {
            // The control case: valid arguments go through.
            AuditCall call = c.Build();
            Exception? error = Record.Exception(() => call.Invoke());
            Assert.True(error is null, id + ": valid arguments were rejected: " + error);
            return;
        }

        string? violation = Audit.Violation(c);
        string? known = KnownViolations.FirstOrDefault(k => id.StartsWith(k.Key, StringComparison.Ordinal)).Value;
        if (known is not null)
        {
            output.WriteLine("Known violation (" + known + "): " + violation);
            Assert.True(violation is not null, id + " now behaves: remove it from InputAuditTests.KnownViolations (" + known + ").");
            return;
        }

        Assert.True(violation is null, id + ": " + violation);
    }
}
