using System.Diagnostics;
using FastLoss.Training;

namespace FastLoss.Demo;

/// <summary>Classification metrics from a confusion matrix (rows: true class, columns: predicted class).</summary>
internal sealed class Metrics
{
    public Metrics(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        Confusion = new int[classCount, classCount];
        for (int i = 0; i < truth.Length; i++)
        {
            Confusion[truth[i], predicted[i]]++;
        }

        Recall = new double[classCount];
        Precision = new double[classCount];
        int correct = 0;
        double f1Sum = 0;
        int f1Classes = 0;
        for (int c = 0; c < classCount; c++)
        {
            int actual = 0, predictedAs = 0;
            for (int k = 0; k < classCount; k++)
            {
                actual += Confusion[c, k];
                predictedAs += Confusion[k, c];
            }

            int tp = Confusion[c, c];
            correct += tp;
            Recall[c] = actual == 0 ? double.NaN : (double)tp / actual;
            Precision[c] = predictedAs == 0 ? 0 : (double)tp / predictedAs;

            // Macro-F1 over the classes present in the truth or the predictions (scikit-learn's labels, zero_division=0).
            if (actual > 0 || predictedAs > 0)
            {
                double r = actual == 0 ? 0 : Recall[c];
                f1Sum += Precision[c] + r == 0 ? 0 : 2 * Precision[c] * r / (Precision[c] + r);
                f1Classes++;
            }
        }

        Accuracy = truth.IsEmpty ? double.NaN : (double)correct / truth.Length;
        MacroF1 = f1Classes == 0 ? double.NaN : f1Sum / f1Classes;
    }

    public int[,] Confusion { get; }

    public double Accuracy { get; }

    public double MacroF1 { get; }

    /// <summary>Recall of each class; NaN for a class with no samples.</summary>
    public double[] Recall { get; }

    public double[] Precision { get; }
}

/// <summary>One epoch of one strategy, for the progress display.</summary>
internal readonly record struct EpochReport(
    int Epoch, double TrainingLoss, double ValidationLoss, double ValidationCrossEntropy, Metrics Validation, TimeSpan Elapsed);

/// <summary>What training one strategy produced.</summary>
internal sealed record StrategyResult(
    Strategy Strategy,
    LossTracker Tracker,
    float[] ValidationLosses,
    double ValidationLoss,
    double ValidationCrossEntropy,
    LossDistribution CrossEntropyDistribution,
    Metrics Test,
    TimeSpan Time);

/// <summary>Mini-batch training of a copy of one initial model under one strategy.</summary>
internal static class Trainer
{
    public static StrategyResult Train(Strategy strategy, Mlp initial, DataSplit split, DemoOptions options, Action<EpochReport> progress)
    {
        var watch = Stopwatch.StartNew();
        Dataset train = split.Train, validation = split.Validation;
        int c = train.ClassCount, d = train.FeatureCount, batch = Math.Min(options.BatchSize, train.Count);
        Mlp model = initial.Clone();
        var adam = new Adam(model.Parameters.Length, options.LearningRate);
        var tracker = new LossTracker();

        float[] xBatch = new float[batch * d];
        int[] yBatch = new int[batch];
        float[] activations = new float[batch * Math.Max(1, model.Hidden)];
        float[] logits = new float[batch * c];
        float[] logitGradient = new float[batch * c];
        float[] hiddenGradient = new float[Math.Max(1, model.Hidden)];
        float[] gradient = new float[model.Parameters.Length];

        // Same batch order for every strategy that shuffles (same seed); the oversampling strategy draws its own.
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        var shuffle = new Random(unchecked((options.Seed * 7919) + 17));
        WeightedRandomSampler? sampler = strategy.Oversample
            ? new WeightedRandomSampler(WeightedRandomSampler.BalancedSampleWeights(train.Labels, c), train.Count, options.Seed)
            : null;

        var evaluator = new Evaluator(model, validation);
        (double validationLoss, double validationCe, Metrics validationMetrics) = evaluator.Run(strategy.Objective, tracker, epoch: 0);
        progress(new EpochReport(0, double.NaN, validationLoss, validationCe, validationMetrics, watch.Elapsed));

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (sampler is not null)
            {
                sampler.Sample(order);
            }
            else
            {
                shuffle.Shuffle(order);
            }

            double lossSum = 0;
            int steps = 0;
            for (int start = 0; start < order.Length; start += batch)
            {
                int rows = Math.Min(batch, order.Length - start);
                for (int i = 0; i < rows; i++)
                {
                    int row = order[start + i];
                    train.Row(row).CopyTo(xBatch.AsSpan(i * d));
                    yBatch[i] = train.Labels[row];
                }

                model.Forward(xBatch, rows, activations, logits);

                // One fused FastLoss call: the batch loss and d(loss)/d(logits).
                float loss = strategy.Objective.LossWithGradient(logits.AsSpan(0, rows * c), yBatch.AsSpan(0, rows), logitGradient);
                tracker.AddTrainingLoss(loss);
                lossSum += loss;
                steps++;

                model.Backward(xBatch, rows, activations, logitGradient.AsSpan(0, rows * c), hiddenGradient, gradient);
                adam.Step(model.Parameters, gradient);
            }

            (validationLoss, validationCe, validationMetrics) = evaluator.Run(strategy.Objective, tracker, epoch);
            progress(new EpochReport(epoch, lossSum / steps, validationLoss, validationCe, validationMetrics, watch.Elapsed));
        }

        // The last epoch's per-sample validation cross-entropy, summarised (per-class means, quantiles, hardest samples).
        var crossEntropyDistribution = LossDistribution.Create<float>(evaluator.CrossEntropyLosses, validation.Labels, c);
        Metrics test = new Evaluator(model, split.Test).Predict();
        watch.Stop();
        return new StrategyResult(strategy, tracker, evaluator.Losses, validationLoss, validationCe, crossEntropyDistribution, test, watch.Elapsed);
    }

    /// <summary>Whole-split forward passes with buffers allocated once.</summary>
    private sealed class Evaluator(Mlp model, Dataset data)
    {
        private readonly float[] _activations = new float[data.Count * Math.Max(1, model.Hidden)];
        private readonly float[] _logits = new float[data.Count * data.ClassCount];
        private readonly int[] _predicted = new int[data.Count];
        private readonly float[] _crossEntropy = new float[data.Count];

        /// <summary>The per-sample losses of the strategy's objective from the last <see cref="Run"/>.</summary>
        public float[] Losses { get; } = new float[data.Count];

        /// <summary>The per-sample plain cross-entropy from the last <see cref="Run"/>.</summary>
        public float[] CrossEntropyLosses { get; private set; } = [];

        /// <summary>
        /// Validation: one forward pass; per-sample losses of the objective from its reduction-'none' overload; their
        /// reduction and <see cref="LossDistribution"/> recorded in the tracker; plain cross-entropy per sample as the
        /// yardstick common to all strategies (the same array when the objective is plain cross-entropy).
        /// </summary>
        public (double Loss, double CrossEntropy, Metrics Metrics) Run(Objective objective, LossTracker tracker, int epoch)
        {
            Metrics metrics = Predict();
            double loss = objective.PerSample(_logits, data.Labels, Losses);
            tracker.AddValidationLoss(epoch, loss);
            tracker.AddDistribution(epoch, LossDistribution.Create<float>(Losses, data.Labels, data.ClassCount));

            double crossEntropy = loss;
            CrossEntropyLosses = Losses;
            if (objective is not CrossEntropyObjective { IsPlain: true })
            {
                // AsSpan(): a float[] here would bind to the reduced overload's 'weight' parameter.
                Loss.CrossEntropy(_logits, data.Labels, data.ClassCount, _crossEntropy.AsSpan());
                crossEntropy = LossStatistics.Mean<float>(_crossEntropy);
                CrossEntropyLosses = _crossEntropy;
            }

            return (loss, crossEntropy, metrics);
        }

        public Metrics Predict()
        {
            model.Forward(data.Features, data.Count, _activations, _logits);
            Mlp.ArgMax(_logits, data.ClassCount, _predicted);
            return new Metrics(data.Labels, _predicted, data.ClassCount);
        }
    }
}
