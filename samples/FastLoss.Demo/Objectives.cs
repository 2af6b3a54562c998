using System.Globalization;
using FastLoss.Training;

namespace FastLoss.Demo;

/// <summary>
/// A training objective on a batch of logits [rows × classes]: the reduced loss with its gradient in one fused
/// FastLoss call, and the per-sample losses (reduction 'none') from which validation statistics are derived.
/// </summary>
internal abstract class Objective(int classCount)
{
    public int ClassCount { get; } = classCount;

    /// <summary>Short description of the loss and its parameters.</summary>
    public abstract string Describe();

    /// <summary>The batch loss as the objective reduces it, and its gradient with respect to the logits.</summary>
    public abstract float LossWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> logitGradient);

    /// <summary>Writes one loss per sample and returns the objective's reduced value computed from them (no second pass over the logits).</summary>
    public abstract double PerSample(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> perSample);
}

/// <summary>Softmax cross-entropy, optionally with a weight per class (torch's <c>cross_entropy(weight=…)</c>).</summary>
internal sealed class CrossEntropyObjective(int classCount, float[]? classWeights = null) : Objective(classCount)
{
    public bool IsPlain => classWeights is null;

    public override string Describe() => classWeights is null
        ? "Loss.CrossEntropy"
        : "Loss.CrossEntropy, weight = [" + string.Join(", ", classWeights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture))) + "]";

    public override float LossWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> logitGradient)
        => Loss.CrossEntropyWithGradient(logits, labels, ClassCount, logitGradient, classWeights);

    public override double PerSample(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> perSample)
    {
        // Weighted per-sample losses are w[y_i]·loss_i (torch's 'none'); torch's mean divides their sum by Σ w[y_i].
        perSample = perSample[..labels.Length];
        Loss.CrossEntropy(logits, labels, ClassCount, perSample, classWeights);
        double sum = LossStatistics.Mean<float>(perSample) * perSample.Length;
        if (classWeights is null)
        {
            return sum / labels.Length;
        }

        double weightTotal = 0;
        foreach (int label in labels)
        {
            weightTotal += classWeights[label];
        }

        return sum / weightTotal;
    }
}

/// <summary>Categorical focal loss, −α(1 − p_y)^γ log p_y (Lin et al. 2017), FastLoss's row-wise <c>SoftmaxFocal</c>.</summary>
internal sealed class FocalObjective(int classCount, float gamma, float alpha = 1f) : Objective(classCount)
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"Loss.SoftmaxFocal, γ = {gamma}, α = {alpha}");

    public override float LossWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> logitGradient)
        => Loss.SoftmaxFocalWithGradient(logits, labels, ClassCount, logitGradient, alpha, gamma);

    public override double PerSample(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> perSample)
    {
        perSample = perSample[..labels.Length];
        Loss.SoftmaxFocal(logits, labels, ClassCount, perSample, alpha, gamma);
        return LossStatistics.Mean<float>(perSample);
    }
}

/// <summary>
/// The demo's own <see cref="DemoLosses.MarginLogistic"/> applied element-wise to every logit against the one-hot
/// target; a sample's loss is the sum over its C logits, and the batch loss the mean over samples.
/// </summary>
internal sealed class MarginLogisticObjective(int classCount, int maxRows, float margin, float temperature) : Objective(classCount)
{
    private readonly float[] _oneHot = new float[maxRows * classCount];
    private readonly float[] _elementLosses = new float[maxRows * classCount];

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"DemoLosses.MarginLogistic [LossFormula], margin = {margin}, temperature = {temperature}");

    public override float LossWithGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> logitGradient)
    {
        ReadOnlySpan<float> target = OneHot(labels);

        // Sum over all N·C elements (one fused generated kernel), then the mean over the N samples.
        float sum = DemoLosses.MarginLogisticWithGradient(logits, target, margin, temperature, logitGradient, Reduction.Sum);
        float scale = 1f / labels.Length;
        Span<float> g = logitGradient[..logits.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] *= scale;
        }

        return sum * scale;
    }

    public override double PerSample(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> perSample)
    {
        ReadOnlySpan<float> target = OneHot(labels);
        Span<float> elements = _elementLosses.AsSpan(0, logits.Length);
        DemoLosses.MarginLogistic(logits, target, margin, temperature, elements);
        for (int r = 0; r < labels.Length; r++)
        {
            float sum = 0f;
            foreach (float value in elements.Slice(r * ClassCount, ClassCount))
            {
                sum += value;
            }

            perSample[r] = sum;
        }

        return LossStatistics.Mean<float>(perSample[..labels.Length]);
    }

    private ReadOnlySpan<float> OneHot(ReadOnlySpan<int> labels)
    {
        Span<float> target = _oneHot.AsSpan(0, labels.Length * ClassCount);
        target.Clear();
        for (int r = 0; r < labels.Length; r++)
        {
            target[(r * ClassCount) + labels[r]] = 1f;
        }

        return target;
    }
}

/// <summary>One way to train on imbalanced data: an objective, and whether batches are drawn by class-balanced oversampling.</summary>
/// <param name="Key">A short file-name-safe name.</param>
/// <param name="Name">The display name.</param>
/// <param name="Objective">The loss.</param>
/// <param name="Oversample">Draw each epoch with <see cref="WeightedRandomSampler"/> over <see cref="WeightedRandomSampler.BalancedSampleWeights(ReadOnlySpan{int}, int)"/> instead of shuffling.</param>
internal sealed record Strategy(string Key, string Name, Objective Objective, bool Oversample = false);
