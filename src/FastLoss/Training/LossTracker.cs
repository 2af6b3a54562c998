using System.Globalization;
using System.Text.Json;

namespace FastLoss.Training;

/// <summary>
/// Records a training run's loss curves: the training loss of every step, the validation loss of every epoch, and
/// optionally a per-sample <see cref="LossDistribution"/> per epoch. Exports to CSV and JSON, and plots with
/// <c>FastLoss.Plotting.LossPlots</c> (package FastLoss.Plotting).
/// </summary>
/// <remarks>
/// Non-finite losses are recorded as given (a diverging run is worth seeing). Not thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var tracker = new LossTracker();
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
/// {
///     foreach (var batch in training) tracker.AddTrainingLoss(Step(batch));
///     Loss.Mse(predicted, target, destination: perSample);    // reduction 'none'
///     tracker.AddValidationLoss(epoch, LossStatistics.Mean&lt;float&gt;(perSample));
///     tracker.AddDistribution(epoch, LossDistribution.Create&lt;float&gt;(perSample, labels, classCount));
/// }
/// tracker.SaveCsv("losses.csv");
/// LossPlots.SaveLossCurves(tracker, "losses.png");
/// </code>
/// </example>
public sealed class LossTracker
{
    private readonly List<double> _training = [];
    private readonly List<ValidationLoss> _validation = [];
    private readonly List<EpochDistribution> _distributions = [];

    /// <summary>The training loss of each step; the index is the step (0-based).</summary>
    public IReadOnlyList<double> TrainingLosses => _training;

    /// <summary>The validation losses, in the order added (increasing epoch).</summary>
    public IReadOnlyList<ValidationLoss> ValidationLosses => _validation;

    /// <summary>The per-sample loss distributions, in the order added (non-decreasing epoch).</summary>
    public IReadOnlyList<EpochDistribution> Distributions => _distributions;

    /// <summary>The number of training steps recorded.</summary>
    public int StepCount => _training.Count;

    /// <summary>Records the training loss of the next step (step <see cref="StepCount"/>).</summary>
    /// <param name="loss">The step's loss (e.g. the batch mean).</param>
    public void AddTrainingLoss(double loss) => _training.Add(loss);

    /// <summary>
    /// Records an epoch's validation loss. Its <see cref="ValidationLoss.Step"/> is <see cref="StepCount"/>, the
    /// number of training steps done so far, so that on a chart by step it falls at the end of its epoch.
    /// </summary>
    /// <param name="epoch">The epoch, non-negative and greater than the previous validation loss's.</param>
    /// <param name="loss">The validation loss.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or not increasing.</exception>
    public void AddValidationLoss(int epoch, double loss)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_validation.Count > 0 && epoch <= _validation[^1].Epoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(epoch), epoch,
                string.Format(CultureInfo.InvariantCulture, "'epoch' must be greater than the last validation epoch ({0}).", _validation[^1].Epoch));
        }

        _validation.Add(new ValidationLoss(epoch, StepCount, loss));
    }

    /// <summary>Records a per-sample loss distribution for an epoch.</summary>
    /// <param name="epoch">The epoch, non-negative and not less than the previous distribution's.</param>
    /// <param name="distribution">The distribution, e.g. from <see cref="LossDistribution.Create{T}(ReadOnlySpan{T}, int, int, IReadOnlyList{double})"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or decreasing.</exception>
    public void AddDistribution(int epoch, LossDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_distributions.Count > 0 && epoch < _distributions[^1].Epoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(epoch), epoch,
                string.Format(CultureInfo.InvariantCulture, "'epoch' must not be less than the last distribution's epoch ({0}).", _distributions[^1].Epoch));
        }

        _distributions.Add(new EpochDistribution(epoch, StepCount, distribution));
    }

    /// <summary>
    /// Writes both curves as one long-format CSV: header <c>series,epoch,step,loss</c>; training rows
    /// <c>train,,step,loss</c> (no epoch), then validation rows <c>validation,epoch,step,loss</c>. Invariant culture,
    /// round-trip digits; non-finite losses as <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("series,epoch,step,loss");
        for (int step = 0; step < _training.Count; step++)
        {
            writer.WriteLine("train,," + ExportFormat.Number(step) + "," + ExportFormat.Number(_training[step]));
        }

        foreach (ValidationLoss v in _validation)
        {
            writer.WriteLine("validation," + ExportFormat.Number(v.Epoch) + "," + ExportFormat.Number(v.Step) + "," + ExportFormat.Number(v.Loss));
        }
    }

    /// <summary>Writes <see cref="WriteCsv(TextWriter)"/> to a UTF-8 file (no byte-order mark, <c>\n</c> line ends), replacing it.</summary>
    /// <param name="path">The file path.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public void SaveCsv(string path) => ExportFormat.WriteText(path, WriteCsv);

    /// <summary>
    /// Writes the run as one JSON object: <c>trainingLoss</c> (an array indexed by step), <c>validation</c>
    /// (<c>[{epoch, step, loss}]</c>) and <c>distributions</c> (<c>[{epoch, step, distribution}]</c>, see
    /// <see cref="LossDistribution.WriteJson(Utf8JsonWriter)"/>). No reflection; non-finite numbers as the strings
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("trainingLoss");
        foreach (double loss in _training)
        {
            ExportFormat.WriteNumberValue(writer, loss);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("validation");
        foreach (ValidationLoss v in _validation)
        {
            writer.WriteStartObject();
            writer.WriteNumber("epoch", v.Epoch);
            writer.WriteNumber("step", v.Step);
            ExportFormat.WriteNumber(writer, "loss", v.Loss);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("distributions");
        foreach (EpochDistribution d in _distributions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("epoch", d.Epoch);
            writer.WriteNumber("step", d.Step);
            writer.WritePropertyName("distribution");
            d.Distribution.WriteJson(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Returns the run as JSON text (see <see cref="WriteJson(Utf8JsonWriter)"/>).</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => ExportFormat.ToJson(indented, WriteJson);

    /// <summary>Writes <see cref="WriteJson(Utf8JsonWriter)"/> to a UTF-8 file, replacing it.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public void SaveJson(string path, bool indented = true) => ExportFormat.WriteJson(path, indented, WriteJson);
}

/// <summary>One epoch's validation loss.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Step">The number of training steps recorded before it: its position on a chart by step.</param>
/// <param name="Loss">The validation loss.</param>
public readonly record struct ValidationLoss(int Epoch, int Step, double Loss);

/// <summary>A per-sample loss distribution recorded for an epoch.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Step">The number of training steps recorded before it.</param>
/// <param name="Distribution">The distribution.</param>
public sealed record EpochDistribution(int Epoch, int Step, LossDistribution Distribution);
